import { multiplierFor, ownValue } from "./lookup.js";
import { divideRoundedNumber, exactDecimal } from "./rational.js";
import { inputOf, missingField, quoteBigInt } from "./straight.js";
import type { FactorBreakdown, ModelPricing, Multiplier, PriceQuote } from "./types.js";

type Input = Readonly<Record<string, unknown>>;

/** Prices one input against one model's generated definition: base × every factor, rounded once. */
export function computePrice(def: ModelPricing, input: Input = {}): PriceQuote {
  // The same input check as the generated price functions.
  inputOf(def.slug, input);
  const breakdown: FactorBreakdown[] = [];
  const multipliers: Multiplier[] = [];
  for (const factor of def.factors) {
    // Only the input's own fields: what JSON.stringify sends is what is priced.
    const given = ownValue(input, factor.field);
    const defaulted = given === undefined;
    const value = defaulted ? factor.default : given;
    if (value === undefined) throw missingField(def.slug, factor.field);
    const multiplier = multiplierFor(def.slug, factor, value);
    multipliers.push(multiplier);
    // -0 is sent as 0 (JSON.stringify), and the generated code shows the table's own 0.
    breakdown.push({ field: factor.field, value: (value === 0 ? 0 : value) as string | number | boolean, multiplier: multiplier.text, defaulted });
  }
  return def.arithmetic === "number" ? finishNumber(def, multipliers, breakdown) : finishBigInt(def, multipliers, breakdown);
}

function finishNumber(def: ModelPricing, multipliers: Multiplier[], breakdown: FactorBreakdown[]): PriceQuote {
  let num = def.base;
  let den = 1;
  // The generator picks this path only when every num/den is a number and every product is safe;
  // a hand-written definition with a bigint multiplier is still priced exactly.
  for (const m of multipliers) {
    if (typeof m.num !== "number" || typeof m.den !== "number") return finishBigInt(def, multipliers, breakdown);
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
  return quoteBigInt(def.slug, def.base, def.unit, def.rounding, num, den, breakdown);
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
