import { describeValue } from "@pixelbyte/pricing/runtime";
import { UsageError } from "./errors.js";

/** An integer in decimal digits ("-" allowed), at most 2^53-1 from zero. */
const INTEGER = /^(0|-?[1-9]\d*)$/;

/**
 * The integer `raw` spells in decimal digits, or undefined: Number() reads "0x10" as 16, " 2" as 2,
 * "1e3" as 1000 and "9007199254740993" as 9007199254740992, so a value would be used that was not
 * the one typed. "", "10.0", "+1" and "-0" are refused too.
 */
export function decimalInteger(raw: string): number | undefined {
  const n = INTEGER.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * A whole-number option's value, or undefined when it was not given: decimal digits only (see
 * decimalInteger), from `min` to `max`; anything else is a usage error naming the option.
 */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = decimalInteger(value);
  if (n === undefined || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${describeValue(value)})`);
  }
  return n;
}
