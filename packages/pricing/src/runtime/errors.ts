export type PricingErrorCode =
  /** The slug is not a priced model (or not a string). */
  | "UNKNOWN_MODEL"
  /** The input is not an object of the model's fields. */
  | "INVALID_INPUT"
  | "MISSING_FIELD"
  /** A value of the wrong JSON type, or outside a range. */
  | "INVALID_VALUE"
  /** A value of the right type that the price table has no row for. */
  | "UNPRICED_VALUE";

export interface PricingErrorInit {
  code: PricingErrorCode;
  model: string;
  field?: string;
  value?: unknown;
  allowed?: readonly string[];
  message: string;
}

/** A price that cannot be computed. Never a silent 0. */
export class PricingError extends Error {
  override readonly name = "PricingError";
  declare readonly code: PricingErrorCode;
  declare readonly model: string;
  declare readonly field: string | undefined;
  declare readonly value: unknown;
  /** The valid choices, where there is a short list of them. */
  declare readonly allowed: readonly string[] | undefined;

  // Declared, not initialised: the constructor sets each one (a class field would be emitted twice).
  constructor(init: PricingErrorInit) {
    super(init.message);
    this.code = init.code;
    this.model = init.model;
    this.field = init.field;
    this.value = init.value;
    this.allowed = init.allowed;
  }
}

/** Longest part of a caller's string repeated in a message (a 300 KB value is not echoed whole). */
const SHOWN_CHARS = 100;

/** A caller's value as messages show it: strings quoted and cut to 100 characters, objects by kind. */
export function describeValue(value: unknown): string {
  const type = typeof value;
  if (type === "string") return JSON.stringify((value as string).length > SHOWN_CHARS ? `${(value as string).slice(0, SHOWN_CHARS)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (type === "object") return Array.isArray(value) ? "an array" : "an object";
  if (type === "function") return "a function";
  return `${String(value)} (a ${type})`;
}
