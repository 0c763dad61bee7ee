import { PricingError, describeValue, type PricingErrorCode } from "./errors.js";
import { divideRoundedBigInt, exactDecimal } from "./rational.js";
import type { FactorBreakdown, FieldType, PriceQuote, PriceUnit, RoundingRule } from "./types.js";

// What a generated price function (src/gen/models/<slug>.gen.ts) calls. The generated code is the page's
// formula: it reads the input's own fields, multiplies the base by each factor's scaled multiplier,
// divides once and rounds by the declared rule. These helpers hold what every model shares: each
// factor's values looked up by === (no other spelling, no prototype member), the breakdown entries
// (built once per value, frozen), the exact decimal and the quote. They give exactly the quotes and
// PricingErrors of computePrice, the table-driven path (tested on every combination).
//
// Division: the generated code computes `whole = Math.floor(num / den)` and `rest = num - whole * den`
// for integers with num + den < 2^53 (the generator takes the BigInt path otherwise). That is exact:
// when rest > 0, num / den lies at least 1/den below whole + 1, and half an ulp there is at most
// (whole + 1) * 2^-53 <= (num + den) / den * 2^-53 < 1/den, so rounding to nearest cannot reach
// whole + 1; whole * den <= num is a safe integer. (`%` on numbers above 2^31 calls fmod: 4x slower.)

const NO_FIELDS: Readonly<Record<string, unknown>> = {};

/** A table factor as generated code reads it: the values the spec prices, each one's multiplier and breakdown entry. */
export interface TableRead<T extends number | bigint = number> {
  readonly field: string;
  readonly type: FieldType;
  /** The schema default (undefined: the field is required). */
  readonly fallback: unknown;
  /** The priced values as a caller writes them (typed: "720p", true, 5), compared with ===. */
  readonly values: readonly unknown[];
  /** Index of the default's slot (values.length), or -1 when the default has no price or there is none. */
  readonly slot: number;
  /** Scaled multipliers: one per value, then the default's. */
  readonly times: readonly T[];
  /** Breakdown entries: one per value, then the defaulted one. */
  readonly entries: readonly FactorBreakdown[];
  /** The table's keys as the spec writes them (PricingError.allowed). */
  readonly keys: readonly string[];
}

/** A range factor: the multiplier is the integer value itself, from min to max. */
export interface RangeRead {
  readonly field: string;
  readonly type: FieldType;
  readonly fallback: unknown;
  readonly min: number;
  readonly max: number;
  /** Breakdown entries by value - min, built when first priced; [max - min + 1] is the defaulted one. */
  readonly entries: FactorBreakdown[];
}

/** The exact decimal and the breakdown of one combination of values: the same every time it is priced. */
export interface Detail {
  readonly exact: string;
  readonly breakdown: readonly FactorBreakdown[];
}

function entry(field: string, value: unknown, multiplier: string, defaulted: boolean): FactorBreakdown {
  return Object.freeze({ field, value: value as string | number | boolean, multiplier, defaulted });
}

/**
 * A table factor. `times[i]` is value i's multiplier × den (den: the factor's power of ten; omitted
 * times: each value's number is its multiplier). `texts` are the multipliers as the spec writes them,
 * given only when they are not the exact decimal of times / den; `keys` only when not the values as strings.
 */
export function table<T extends number | bigint = number>(field: string, type: FieldType, fallback: unknown, values: readonly unknown[], times?: readonly T[], den: number | bigint = 1, texts?: readonly string[], keys?: readonly string[]): TableRead<T> {
  const scaled = times ?? (values.map(Number) as unknown as T[]);
  const shown = texts ?? scaled.map((t) => exactDecimal(BigInt(t), BigInt(den)));
  const entries = values.map((v, i) => entry(field, v, shown[i]!, false));
  const d = fallback === undefined ? -1 : values.indexOf(fallback);
  if (d >= 0) entries.push(entry(field, fallback, shown[d]!, true));
  return { field, type, fallback, values, slot: d < 0 ? -1 : values.length, times: d < 0 ? scaled : [...scaled, scaled[d]!], entries, keys: keys ?? values.map(String) };
}

export function range(field: string, type: FieldType, fallback: unknown, min: number, max: number): RangeRead {
  return { field, type, fallback, min, max, entries: [] };
}

/** PricingError about a caller's value: the message ends with the value as it was given. */
function refused(code: PricingErrorCode, slug: string, field: string | undefined, value: unknown, what: string, allowed?: readonly string[]): PricingError {
  return new PricingError({ code, model: slug, field, value, allowed, message: `${slug}: ${what} (got ${describeValue(value)})` });
}

/** The input itself when it is an object of fields (no input: no fields), else PricingError INVALID_INPUT. */
export function inputOf(slug: string, input: unknown): Readonly<Record<string, unknown>> {
  if (input === undefined) return NO_FIELDS;
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw refused("INVALID_INPUT", slug, undefined, input, "the input must be an object of the model's fields");
  return input as Readonly<Record<string, unknown>>;
}

/** PricingError MISSING_FIELD: a priced field without a default was omitted. */
export function missingField(slug: string, field: string): PricingError {
  return new PricingError({ code: "MISSING_FIELD", model: slug, field, message: `${slug}: "${field}" is priced and has no default; pass it in the input` });
}

/** Whether a value has the field's JSON type (a finite number for "number"). */
function hasType(type: FieldType, value: unknown): boolean {
  return type === "integer" ? Number.isInteger(value) : type === "number" ? Number.isFinite(value) : typeof value === type;
}

/**
 * The slot of `value` (undefined: omitted) in a table: its index among the priced values, compared
 * with ===, or the default's slot. A value the table has no row for is UNPRICED_VALUE for the right
 * type, INVALID_VALUE otherwise; an omitted field without default is MISSING_FIELD.
 */
export function pick(slug: string, f: TableRead<number | bigint>, value: unknown): number {
  const i = value === undefined ? f.slot : f.values.indexOf(value);
  if (i >= 0) return i;
  if (value === undefined && f.fallback === undefined) throw missingField(slug, f.field);
  const shown = value === undefined ? f.fallback : value;
  const listed = f.keys.map((k) => (f.type === "string" ? JSON.stringify(k) : k)).join(", ");
  throw refused(hasType(f.type, shown) ? "UNPRICED_VALUE" : "INVALID_VALUE", slug, f.field, shown, `"${f.field}" must be one of ${listed}`, f.keys);
}

/**
 * The integer a value writes canonically ("10", never " 10", "1e1", "+10" or "010"; a number for an
 * integer or number field), from min to max: a range factor's multiplier. Omitted: the default's.
 * Else PricingError INVALID_VALUE (MISSING_FIELD when omitted without default).
 */
export function count(slug: string, f: RangeRead, value: unknown): number {
  if (value === undefined) {
    if (f.fallback === undefined) throw missingField(slug, f.field);
    value = f.fallback;
  }
  let n = -1;
  if (f.type !== "string") {
    // -0 counts as 0, as String(-0) is "0".
    if (typeof value === "number" && Number.isSafeInteger(value)) n = value + 0;
  } else if (typeof value === "string" && value.length > 0 && value.length < 17 && (value.length === 1 || value.charCodeAt(0) !== 48)) {
    // The digits alone, without a leading zero: the only spelling String(n) gives (min >= 0).
    n = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) {
        n = -1;
        break;
      }
      n = n * 10 + digit;
    }
  }
  if (n >= f.min && n <= f.max) return n;
  throw refused("INVALID_VALUE", slug, f.field, value, `"${f.field}" must be an integer from ${f.min} to ${f.max}${f.type === "string" ? ' written as a string without sign, spaces or leading zeros ("10")' : ""}`);
}

/** The breakdown entry of range value n, built once per value (and once for the default). */
export function rangeEntry(f: RangeRead, n: number, defaulted: boolean): FactorBreakdown {
  const at = defaulted ? f.max - f.min + 1 : n - f.min;
  return (f.entries[at] ??= entry(f.field, f.type === "string" ? String(n) : n, String(n), defaulted));
}

/** The exact decimal whole.rest (rest over 10^digits, 0 <= rest < 10^digits) and the breakdown, frozen: shared by every quote of that combination. */
export function detail(whole: number, rest: number, digits: number, breakdown: FactorBreakdown[]): Detail {
  let exact = String(whole);
  if (rest !== 0) {
    while (rest % 10 === 0) {
      rest /= 10;
      digits--;
    }
    exact += "." + String(rest).padStart(digits, "0");
  }
  return { exact, breakdown: Object.freeze(breakdown) };
}

/** The PriceQuote, its fields in the order computePrice gives them. */
export function quote(model: string, baseMicroCents: number, unit: PriceUnit, rounding: RoundingRule, microCents: number, rest: number, d: Detail): PriceQuote {
  return { model, microCents, exactMicroCents: d.exact, rounded: rest !== 0, rounding, baseMicroCents, unit, breakdown: d.breakdown };
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
