import { describeValue } from "@pixelbyte/pricing/runtime";
import { UsageError } from "./errors.js";

/**
 * A whole-number option's value, or undefined when it was not given: decimal digits only (so "",
 * " 10", "1e3", "0x10", "10.0", "-1" and "+1" are refused rather than read as some other number),
 * from `min` to `max`; anything else is a usage error naming the option.
 */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^(0|[1-9][0-9]*)$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got ${describeValue(value)})`);
  }
  return n;
}
