import { PricingError, describeValue, type PricingErrorCode } from "./errors.js";
import { divideRoundedBigInt, exactDecimal } from "./rational.js";
import type { FactorBreakdown, FieldType, PriceQuote, PriceUnit, RoundingRule } from "./types.js";

// What a generated price function (src/gen/models/<slug>.gen.ts) calls. The generated code is the page's
// formula: it reads the input's own fields, multiplies the base by each factor's scaled multiplier,
// divides once and rounds by the declared rule. These helpers hold what every model shares: each
// factor's values looked up by === (no other spelling, no prototype member), the breakdown entries
// and the exact decimal (built when a combination is first priced, frozen). They give exactly the quotes and
// PricingErrors of computePrice, the table-driven path (tested on every combination).
//
// Division: the generated code computes `whole = Math.floor(num / den)` and `rest = num - whole * den`
// for integers with num + den < 2^53 (the generator takes the BigInt path otherwise). That is exact:
// when rest > 0, num / den lies at least 1/den below whole + 1, and half an ulp there is at most
// (whole + 1) * 2^-53 <= (num + den) / den * 2^-53 < 1/den, so rounding to nearest cannot reach
// whole + 1; whole * den <= num is a safe integer. (`%` on a number above 2^31 calls fmod: about
// 15 ns a call more, measured on the Seedance model, where the bare multiply takes 12 ns.)

/**
 * A table factor as generated code reads it: the values the spec prices, each one's multiplier and
 * multiplier text. One-letter property names: they are the generated code's bytes in every bundle.
 */
export interface TableRead<T extends number | bigint = number> {
  readonly field: string;
  readonly type: FieldType;
  /** The schema default (undefined: the field is required). */
  readonly d: unknown;
  /** The priced values as a caller writes them (typed: "720p", true, 5), compared with ===; then the default's. */
  readonly v: readonly unknown[];
  /** Index of the default's slot (the last), or -1 when the default has no price or there is none. */
  readonly s: number;
  /** Scaled multipliers ("times"): one per value, then the default's. */
  readonly t: readonly T[];
  /** The multipliers as the spec writes them: one per value, then the default's. */
  readonly m: readonly string[];
  /** The table's keys as the spec writes them (PricingError.allowed). */
  readonly k: readonly string[];
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

/**
 * A table factor. `times[i]` is value i's multiplier × the factor's power of ten (omitted: each
 * value's number is its multiplier); `texts` the multipliers as the spec writes them (omitted: times
 * as strings) and `keys` the table's keys (omitted: the values as strings).
 */
export function table<T extends number | bigint = number>(
  field: string,
  type: FieldType,
  fallback: unknown,
  values: readonly unknown[],
  times: readonly T[] = values.map(Number) as never,
  texts: readonly string[] = times.map(String),
  keys: readonly string[] = values.map(String),
): TableRead<T> {
  // No undefined among the values: an omitted default finds no slot. The default's slot repeats its
  // value at the end, where indexOf never finds it first. Breakdown entries are built on a memo miss (at).
  const d = values.indexOf(fallback);
  const slot = d < 0 ? d : values.length;
  if (d >= 0) {
    values = [...values, fallback];
    times = [...times, times[d]!];
    texts = [...texts, texts[d]!];
  }
  return { field, type, d: fallback, v: values, s: slot, t: times, m: texts, k: keys };
}

/** The breakdown entry of a table's slot s (a cold path: built when a combination is first priced). */
export function at(f: TableRead<number | bigint>, s: number): FactorBreakdown {
  return Object.freeze({ field: f.field, value: f.v[s] as string | number | boolean, multiplier: f.m[s]!, defaulted: s === f.s });
}

export function range(field: string, type: FieldType, fallback: unknown, min: number, max: number): RangeRead {
  return { field, type, fallback, min, max, entries: [] };
}

/**
 * n slots, each an own undefined until filled (a memo read with ??=). Never a hole: reading a hole goes
 * on to Object.prototype, where a polluted "0" would be taken for a kept quote.
 * Not Object.setPrototypeOf([], null): that slows every array's element reads in the process.
 */
export function slots<T>(n: number): (T | undefined)[] {
  return new Array<T | undefined>(n).fill(undefined);
}

/** PricingError about a caller's value: the message ends with the value as it was given. */
function refused(code: PricingErrorCode, slug: string, field: string | undefined, value: unknown, what: string, allowed?: readonly string[]): PricingError {
  return new PricingError({ code, model: slug, field, value, allowed, message: `${slug}: ${what} (got ${describeValue(value)})` });
}

/**
 * The input itself when it is an object of fields, else PricingError INVALID_INPUT (an omitted input is
 * {} in the generated code). An input with a toJSON() (own or inherited: a Date, a polluted
 * Object.prototype) is refused: JSON.stringify would send what it returns, not the fields priced here.
 */
export function inputOf(slug: string, input: unknown): Readonly<Record<string, unknown>> {
  if (typeof input !== "object" || input === null || Array.isArray(input) || typeof (input as { toJSON?: unknown }).toJSON === "function") {
    throw refused("INVALID_INPUT", slug, undefined, input, "the input must be an object of the model's fields, without toJSON()");
  }
  return input as Readonly<Record<string, unknown>>;
}

/** PricingError MISSING_FIELD: a priced field without a default was omitted (computePrice throws it too). */
export function missingField(slug: string, field: string): PricingError {
  return new PricingError({ code: "MISSING_FIELD", model: slug, field, message: `${slug}: "${field}" is priced and has no default; pass it in the input` });
}

/**
 * The slot of `value` (undefined: omitted) in a table with a default (or a given value): its index
 * among the priced values, compared with ===, or the default's slot. Else PricingError (see
 * unpriced). Small, so that V8 inlines it.
 */
export function pick(slug: string, f: TableRead<number | bigint>, value: unknown): number {
  const i = value === undefined ? f.s : f.v.indexOf(value);
  if (i < 0) throw unpriced(slug, f, value);
  return i;
}

/** pick for a table without default: an omitted field is PricingError MISSING_FIELD (only such models pull it in). */
export function need(slug: string, f: TableRead<number | bigint>, value: unknown): number {
  if (value === undefined) throw missingField(slug, f.field);
  return pick(slug, f, value);
}

/** UNPRICED_VALUE for a value of the right type the table has no row for (an omitted one: the default); INVALID_VALUE otherwise. */
function unpriced(slug: string, f: TableRead<number | bigint>, value: unknown): PricingError {
  const shown = value === undefined ? f.d : value;
  const type = f.type;
  const fits = type === "integer" ? Number.isInteger(shown) : type === "number" ? Number.isFinite(shown) : typeof shown === type;
  const listed = f.k.map((k) => (type === "string" ? JSON.stringify(k) : k)).join(", ");
  return refused(fits ? "UNPRICED_VALUE" : "INVALID_VALUE", slug, f.field, shown, `"${f.field}" must be one of ${listed}`, f.k);
}

/**
 * The integer a value writes canonically ("10", never " 10", "1e1", "+10" or "010"; a number for an
 * integer or number field), from min to max: a range factor's multiplier. Omitted: the default's.
 * Else PricingError INVALID_VALUE (MISSING_FIELD when omitted without default).
 */
export function count(slug: string, f: RangeRead, value: unknown): number {
  const given = value === undefined ? f.fallback : value;
  let n = -1;
  if (f.type !== "string") {
    // -0 counts as 0, as String(-0) is "0".
    if (Number.isSafeInteger(given)) n = (given as number) + 0;
  } else if (typeof given === "string" && given.length <= 16 && (given.length === 1 || given.charCodeAt(0) !== 48)) {
    // The digits alone, without a leading zero: the only spelling String(n) gives (min >= 0). Up to 16
    // digits (a max up to 2^53 - 1 has 16): 15 digits are exact, the 16th step rounds monotonically, so
    // a value above max never reads as one at or below it.
    for (let i = 0; i < given.length; i++) {
      const digit = given.charCodeAt(i) - 48;
      n = digit >= 0 && digit <= 9 ? (i ? n * 10 : 0) + digit : -Infinity;
    }
  }
  if (n >= f.min && n <= f.max) return n;
  if (given === undefined) throw missingField(slug, f.field);
  throw refused("INVALID_VALUE", slug, f.field, given, `"${f.field}" must be an integer from ${f.min} to ${f.max}${f.type === "string" ? ' written as a string without sign, spaces or leading zeros ("10")' : ""}`);
}

/** The breakdown entry of range value n, built once per value (and once for the default). */
export function rangeEntry(f: RangeRead, n: number, defaulted: boolean): FactorBreakdown {
  // Grown on demand (a range may span millions of values), so an unfilled index is a hole: only an own entry counts.
  const i = defaulted ? f.max - f.min + 1 : n - f.min;
  if (Object.prototype.hasOwnProperty.call(f.entries, i)) return f.entries[i]!;
  return (f.entries[i] = Object.freeze({ field: f.field, value: f.type === "string" ? String(n) : n, multiplier: String(n), defaulted }));
}

/**
 * The exact decimal whole.rest (rest over 10^digits, 0 <= rest < 10^digits, written without trailing
 * zeros: 2, 500, 3 -> "2.5") and the breakdown, frozen: shared by every quote of that combination.
 */
export function detail(whole: number, rest: number, digits: number, breakdown: FactorBreakdown[]): Detail {
  const exact = rest === 0 ? String(whole) : whole + "." + String(rest).padStart(digits, "0").replace(/0+$/, "");
  return { exact, breakdown: Object.freeze(breakdown) };
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
