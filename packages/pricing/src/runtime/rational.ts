import type { RoundingRule } from "./types.js";

/**
 * Whether a non-integer quotient rounds up under `rule`. `half` compares twice the remainder with
 * the divisor (-1 below half, 0 exactly half, 1 above); `odd` says whether the truncated quotient is odd.
 */
function roundsUp(rule: RoundingRule, half: number, odd: boolean): boolean {
  switch (rule) {
    case "floor":
      return false;
    case "ceil":
      return true;
    case "half-up":
      return half >= 0;
    case "half-even":
      return half > 0 || (half === 0 && odd);
  }
}

/**
 * `num / den` rounded by `rule`, for non-negative safe integers (the generator picks BigInt for larger
 * products). `%` of integers is exact, and so is dividing the multiple `num - remainder` by `den`.
 */
export function divideRoundedNumber(num: number, den: number, rule: RoundingRule): number {
  const remainder = num % den;
  const quotient = (num - remainder) / den;
  if (remainder === 0) return quotient;
  return roundsUp(rule, Math.sign(remainder * 2 - den), quotient % 2 === 1) ? quotient + 1 : quotient;
}

/** `num / den` rounded by `rule`, for any size. */
export function divideRoundedBigInt(num: bigint, den: bigint, rule: RoundingRule): bigint {
  const quotient = num / den;
  const remainder = num % den;
  if (remainder === 0n) return quotient;
  const twice = remainder * 2n;
  const half = twice < den ? -1 : twice === den ? 0 : 1;
  return roundsUp(rule, half, quotient % 2n === 1n) ? quotient + 1n : quotient;
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

