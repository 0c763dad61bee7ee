import { isMap } from "./documents.js";

/**
 * A value as one string that is equal for equal values whatever the key order (mapping keys are
 * sorted; sequence order is kept): how values are compared, and how they are shown.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(plain(value)) ?? "undefined";
}

function plain(value: unknown): unknown {
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const key of [...value.keys()].sort()) Object.defineProperty(out, key, { value: plain(value.get(key)), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** A value as it reads in a report line: strings quoted, short lists inline. */
export function show(value: unknown): string {
  const text = canonical(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

