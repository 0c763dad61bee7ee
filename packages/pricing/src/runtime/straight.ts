import { PricingError, describeValue, type PricingErrorCode } from "./errors.js";
import { divideRoundedBigInt, exactDecimal } from "./rational.js";
import type { FactorBreakdown, FieldType, PriceQuote, PriceUnit, RoundingRule } from "./types.js";

// What a generated price function (src/gen/models/<slug>.gen.ts) calls: the page's formula is written
// out in the generated code (one exact-value switch per factor, base × multipliers, one division); these
// helpers read the input's own fields, refuse what has no price and build the quote. They give exactly
// the quotes and PricingErrors of computePrice, the table-driven path (tested on every combination).

const isEnumerable = Object.prototype.propertyIsEnumerable;

const NO_FIELDS: Readonly<Record<string, unknown>> = {};

/** A PricingError about a caller's value: the message ends with the value as it was given. */
function refused(code: PricingErrorCode, slug: string, field: string | undefined, value: unknown, what: string, allowed?: readonly string[]): PricingError {
  return new PricingError({ code, model: slug, field, value, allowed, message: `${slug}: ${what} (got ${describeValue(value)})` });
}

/** The input itself when it is an object of fields (no input: no fields), else PricingError INVALID_INPUT. */
export function fieldsOf(slug: string, input: unknown): Readonly<Record<string, unknown>> {
  if (input === undefined) return NO_FIELDS;
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw refused("INVALID_INPUT", slug, undefined, input, "the input must be an object of the model's fields");
  return input as Readonly<Record<string, unknown>>;
}

/**
 * `input[field]` when it is one of the input's own enumerable fields (what JSON.stringify sends),
 * else undefined: an inherited value is never priced. The own-ness check runs only on a value found.
 */
export function ownField(input: Readonly<Record<string, unknown>>, field: string): unknown {
  const value = input[field];
  return value !== undefined && isEnumerable.call(input, field) ? value : undefined;
}

/** PricingError MISSING_FIELD: a priced field without a default was omitted. */
export function missingField(slug: string, field: string): PricingError {
  return new PricingError({ code: "MISSING_FIELD", model: slug, field, message: `${slug}: "${field}" is priced and has no default; pass it in the input` });
}

/** Whether a value has the field's JSON type (a finite number for "number"). */
function hasType(type: FieldType, value: unknown): boolean {
  return type === "integer" ? Number.isInteger(value) : type === "number" ? Number.isFinite(value) : typeof value === type;
}

/** The error for a value a table has no row for: UNPRICED_VALUE for the right type, INVALID_VALUE otherwise. */
export function unpricedValue(slug: string, field: string, type: FieldType, value: unknown, values: readonly unknown[]): PricingError {
  // The table's keys: its values as the spec writes them ("true", "5", "1080p").
  const allowed = values.map(String);
  const listed = allowed.map((k) => (type === "string" ? JSON.stringify(k) : k)).join(", ");
  return refused(hasType(type, value) ? "UNPRICED_VALUE" : "INVALID_VALUE", slug, field, value, `"${field}" must be one of ${listed}`, allowed);
}

/** The integer a value writes canonically ("10", never " 10", "1e1" or "010"), from min to max: a range factor's multiplier; else PricingError INVALID_VALUE. */
export function rangeValue(slug: string, field: string, type: FieldType, min: number, max: number, value: unknown): number {
  const key = typeof value === (type === "string" ? "string" : "number") ? String(value) : undefined;
  const n = Number(key);
  if (Number.isSafeInteger(n) && String(n) === key && n >= min && n <= max) return n;
  throw refused("INVALID_VALUE", slug, field, value, `"${field}" must be an integer from ${min} to ${max}${type === "string" ? ' written as a string without sign, spaces or leading zeros ("10")' : ""}`);
}

/** The decimal digits of `rest / 10^digits` (0 < rest < 10^digits), without trailing zeros: 2500, 4 -> "25". */
export function fractionDigits(rest: number, digits: number): string {
  while (rest % 10 === 0) {
    rest /= 10;
    digits--;
  }
  return String(rest).padStart(digits, "0");
}

/** The same for products beyond 2^53: exact in BigInt; a price above Number.MAX_SAFE_INTEGER is refused. */
export function quoteBigInt(slug: string, base: number, unit: PriceUnit, rounding: RoundingRule, num: bigint, den: bigint, breakdown: readonly FactorBreakdown[]): PriceQuote {
  const rounded = divideRoundedBigInt(num, den, rounding);
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new PricingError({ code: "INVALID_VALUE", model: slug, message: `${slug}: the price exceeds the largest safe integer` });
  }
  const exact = exactDecimal(num, den);
  return { model: slug, microCents: Number(rounded), exactMicroCents: exact, rounded: exact !== String(rounded), rounding, baseMicroCents: base, unit, breakdown };
}
