import { PricingError, describeValue } from "./errors.js";
import type { Factor, Multiplier } from "./types.js";

// Where a caller's value meets a table. Every package looks values up through these two rules, and
// generated price code (straight-line or table-driven) must too:
// 1. Own keys only: "constructor", "__proto__", "toString" never reach Object.prototype's members.
// 2. Exact written values only: " 10", "1e1", "10.0", "010" and "+10" are not "10" (the API's enum
//    refuses them, so pricing them would quote a call that cannot be made).

/** `table[key]` when `key` is one of the table's own enumerable keys (what JSON would carry), else undefined. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === "string" && Object.prototype.propertyIsEnumerable.call(table, key) ? table[key] : undefined;
}

/** Whether `key` is one of the table's own enumerable keys. */
export function isOwnKey(table: object, key: unknown): key is string {
  return typeof key === "string" && Object.prototype.propertyIsEnumerable.call(table, key);
}

/**
 * The table key of an input value: the value as the spec writes it ("10", "true", "1080p"), or
 * undefined when its JSON type is not the field's type.
 */
export function factorKey(factor: Factor, value: unknown): string | undefined {
  switch (factor.type) {
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? String(value) : undefined;
    case "integer":
      return Number.isInteger(value) ? String(value) : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  }
}

/** The exact multiplier of `value` for one factor, or a PricingError naming the field and what it accepts. */
export function multiplierFor(slug: string, factor: Factor, value: unknown): Multiplier {
  const key = factorKey(factor, value);
  if (factor.kind === "range") {
    const n = key === undefined ? NaN : Number(key);
    // String(n) === key: only the canonical spelling of the integer, as the field's enum lists it.
    if (Number.isSafeInteger(n) && String(n) === key && n >= factor.min && n <= factor.max) return { text: key, num: n, den: 1 };
    throw new PricingError({
      code: "INVALID_VALUE",
      model: slug,
      field: factor.field,
      value,
      message: `${slug}: "${factor.field}" must be an integer from ${factor.min} to ${factor.max}${factor.type === "string" ? ' written as a string without sign, spaces or leading zeros ("10")' : ""} (got ${describeValue(value)})`,
    });
  }
  const row = ownValue(factor.rows, key);
  if (row !== undefined) return row;
  const allowed = Object.keys(factor.rows);
  throw new PricingError({
    code: key === undefined ? "INVALID_VALUE" : "UNPRICED_VALUE",
    model: slug,
    field: factor.field,
    value,
    allowed,
    message: `${slug}: "${factor.field}" must be one of ${allowed.map((k) => (factor.type === "string" ? JSON.stringify(k) : k)).join(", ")} (got ${describeValue(value)})`,
  });
}
