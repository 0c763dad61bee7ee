/**
 * Exact non-negative-denominator rationals over BigInt: the audit's own arithmetic, written apart
 * from @pixelbyte/pricing so that the two can check each other.
 */
export interface Rational {
  readonly num: bigint;
  /** Always > 0. */
  readonly den: bigint;
}

export type RoundingRule = "half-up" | "half-even" | "floor" | "ceil";
export const ROUNDING_RULES: readonly RoundingRule[] = ["half-up", "half-even", "floor", "ceil"];

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export function isDecimalText(text: unknown): text is string {
  return typeof text === "string" && DECIMAL.test(text);
}

/** "1.8667" -> 18667/10000 (not reduced: the denominator stays a power of ten). */
export function parseDecimal(text: string): Rational {
  if (!DECIMAL.test(text)) throw new RangeError(`not an exact decimal: ${JSON.stringify(text)}`);
  const [whole = "0", fraction = ""] = text.split(".");
  return { num: BigInt(whole + fraction), den: 10n ** BigInt(fraction.length) };
}

/**
 * A number as the exact decimal it was written as (its shortest round-trip text: YAML's `0.1` is
 * 1/10, not the binary double): how spec values such as `multipleOf` are compared exactly.
 */
export function fromNumber(n: number | bigint): Rational {
  if (typeof n === "bigint") return integer(n);
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const [mantissa = "0", exponent = "0"] = String(Math.abs(n)).split("e");
  const r = parseDecimal(mantissa);
  const e = BigInt(exponent);
  const scaled = e >= 0n ? { num: r.num * 10n ** e, den: r.den } : { num: r.num, den: r.den * 10n ** -e };
  return n < 0 ? { num: -scaled.num, den: scaled.den } : scaled;
}

export function integer(n: bigint | number): Rational {
  return { num: BigInt(n), den: 1n };
}

export function multiply(a: Rational, b: Rational): Rational {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function subtract(a: Rational, b: Rational): Rational {
  return { num: a.num * b.den - b.num * a.den, den: a.den * b.den };
}

export function divide(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError("division by zero");
  const sign = b.num < 0n ? -1n : 1n;
  return { num: a.num * b.den * sign, den: a.den * b.num * sign };
}

/** -1, 0 or 1. */
export function compare(a: Rational, b: Rational): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function isInteger(r: Rational): boolean {
  return r.num % r.den === 0n;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function reduce(r: Rational): Rational {
  const g = gcd(r.num, r.den);
  return g <= 1n ? r : { num: r.num / g, den: r.den / g };
}

/** Rounds a non-negative rational to an integer under one rule. */
export function roundRational(r: Rational, rule: RoundingRule): bigint {
  if (r.num < 0n) throw new RangeError("prices are never negative");
  const q = r.num / r.den;
  const rest = r.num % r.den;
  if (rest === 0n) return q;
  switch (rule) {
    case "floor":
      return q;
    case "ceil":
      return q + 1n;
    case "half-up":
      return 2n * rest >= r.den ? q + 1n : q;
    case "half-even": {
      const twice = 2n * rest;
      if (twice !== r.den) return twice > r.den ? q + 1n : q;
      return q % 2n === 0n ? q : q + 1n;
    }
  }
}

/**
 * The exact decimal text of a rational whose reduced denominator has no prime factor but 2 and 5
 * (every product of decimal multipliers): 280005/2 -> "140002.5". Throws for a repeating decimal.
 */
export function toDecimal(r: Rational): string {
  const { num, den } = reduce(r);
  let twos = 0n;
  let fives = 0n;
  let d = den;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1n];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1n];
  if (d !== 1n) throw new RangeError(`${num}/${den} has no finite decimal expansion`);
  const digits = twos > fives ? twos : fives;
  const scaled = num * (10n ** digits / den);
  return placePoint(scaled, Number(digits));
}

/** A rational rounded half away from zero to `places` decimals, as text ("5.26", "-0.5", "12"). */
export function toFixed(r: Rational, places: number): string {
  const negative = r.num < 0n;
  const abs = { num: negative ? -r.num : r.num, den: r.den };
  const scaled = roundRational(multiply(abs, integer(10n ** BigInt(places))), "half-up");
  const text = placePoint(scaled, places);
  return negative && scaled !== 0n ? `-${text}` : text;
}

function placePoint(scaled: bigint, places: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
