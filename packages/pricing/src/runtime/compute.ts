import { PricingError, describeValue } from "./errors.js";
import { divideRoundedBigInt, divideRoundedNumber, exactDecimal } from "./rational.js";
import type { Factor, FactorBreakdown, ModelPricing, Multiplier, PriceQuote } from "./types.js";

type Input = Readonly<Record<string, unknown>>;

/** Prices one input against one model's generated definition: base × every factor, rounded once. */
export function computePrice(def: ModelPricing, input: Input = {}): PriceQuote {
  const breakdown: FactorBreakdown[] = [];
  const multipliers: Multiplier[] = [];
  for (const factor of def.factors) {
    const given = input[factor.field];
    const defaulted = given === undefined;
    const value = defaulted ? factor.default : given;
    if (value === undefined) {
      throw new PricingError({
        code: "MISSING_FIELD",
        model: def.slug,
        field: factor.field,
        message: `${def.slug}: "${factor.field}" is priced and has no default; pass it in the input`,
      });
    }
    const multiplier = lookUp(def.slug, factor, value);
    multipliers.push(multiplier);
    breakdown.push({ field: factor.field, value: value as string | number | boolean, multiplier: multiplier.text, defaulted });
  }
  return def.arithmetic === "number" ? finishNumber(def, multipliers, breakdown) : finishBigInt(def, multipliers, breakdown);
}

function finishNumber(def: ModelPricing, multipliers: Multiplier[], breakdown: FactorBreakdown[]): PriceQuote {
  let num = def.base;
  let den = 1;
  for (const m of multipliers) {
    num *= m.num;
    den *= m.den;
  }
  const microCents = divideRoundedNumber(num, den, def.rounding);
  return quote(def, microCents, exactDecimal(BigInt(num), BigInt(den)), breakdown);
}

function finishBigInt(def: ModelPricing, multipliers: Multiplier[], breakdown: FactorBreakdown[]): PriceQuote {
  let num = BigInt(def.base);
  let den = 1n;
  for (const m of multipliers) {
    num *= BigInt(m.num);
    den *= BigInt(m.den);
  }
  const rounded = divideRoundedBigInt(num, den, def.rounding);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PricingError({ code: "INVALID_VALUE", model: def.slug, message: `${def.slug}: the price exceeds the largest safe integer` });
  }
  return quote(def, Number(rounded), exactDecimal(num, den), breakdown);
}

function quote(def: ModelPricing, microCents: number, exact: string, breakdown: FactorBreakdown[]): PriceQuote {
  return {
    model: def.slug,
    microCents,
    exactMicroCents: exact,
    rounded: exact !== String(microCents),
    rounding: def.rounding,
    baseMicroCents: def.base,
    unit: def.unit,
    breakdown,
  };
}

function lookUp(slug: string, factor: Factor, value: unknown): Multiplier {
  const key = keyOf(factor, value);
  if (factor.kind === "range") {
    const n = key === undefined ? NaN : Number(key);
    if (Number.isInteger(n) && n >= factor.min && n <= factor.max) return { text: String(n), num: n, den: 1 };
    throw invalid(slug, factor, value, `an integer from ${factor.min} to ${factor.max}${factor.type === "string" ? " written as a string" : ""}`);
  }
  const row = key === undefined ? undefined : factor.rows[key];
  if (row !== undefined) return row;
  const allowed = Object.keys(factor.rows);
  throw new PricingError({
    code: key === undefined ? "INVALID_VALUE" : "UNPRICED_VALUE",
    model: slug,
    field: factor.field,
    value,
    allowed,
    message: `${slug}: "${factor.field}" must be one of ${allowed.map((k) => literal(factor, k)).join(", ")} (got ${describeValue(value)})`,
  });
}

/** The table key of a value, or undefined when its JSON type is not the field's type. */
function keyOf(factor: Factor, value: unknown): string | undefined {
  switch (factor.type) {
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? String(value) : undefined;
    case "integer":
      return Number.isInteger(value) ? String(value) : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  }
}

function literal(factor: Factor, key: string): string {
  return factor.type === "string" ? JSON.stringify(key) : key;
}

function invalid(slug: string, factor: Factor, value: unknown, expected: string): PricingError {
  return new PricingError({
    code: "INVALID_VALUE",
    model: slug,
    field: factor.field,
    value,
    message: `${slug}: "${factor.field}" must be ${expected} (got ${describeValue(value)})`,
  });
}
