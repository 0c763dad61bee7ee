import { UsageError } from "./errors.js";

/** An integer option's value, or undefined when it was not given; anything else is a usage error. */
export function integerFlag(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}
