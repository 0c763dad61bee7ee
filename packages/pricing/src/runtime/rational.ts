import type { RoundingRule } from "./types.js";

/**
 * Integer division of an exact rational `num / den` (both >= 0, den > 0) under one rounding rule.
 * Written once for number and bigint: the caller has already chosen the representation in which
 * every intermediate is exact.
 */
export function divideRounded(num: number, den: number, rule: RoundingRule): number;
export function divideRounded(num: bigint, den: bigint, rule: RoundingRule): bigint;
export function divideRounded(num: any, den: any, rule: RoundingRule): any {
  const big = typeof num === "bigint";
  const quotient = big ? num / den : Math.floor(num / den);
  const remainder = num - quotient * den;
  const zero = big ? 0n : 0;
  const one = big ? 1n : 1;
  const two = big ? 2n : 2;
  if (remainder === zero) return quotient;
  switch (rule) {
    case "floor":
      return quotient;
    case "ceil":
      return quotient + one;
    case "half-up":
      return remainder * two >= den ? quotient + one : quotient;
    case "half-even": {
      const twice = remainder * two;
      if (twice > den) return quotient + one;
      if (twice < den) return quotient;
      return quotient % two === zero ? quotient : quotient + one;
    }
  }
}

/** `num / den` as an exact decimal string; `den` is a power of ten (every multiplier is a decimal). */
export function exactDecimal(num: bigint, den: bigint): string {
  const whole = num / den;
  const rest = num % den;
  if (rest === 0n) return whole.toString();
  const digits = den.toString().length - 1;
  const fraction = rest.toString().padStart(digits, "0").replace(/0+$/, "");
  return `${whole}.${fraction}`;
}
