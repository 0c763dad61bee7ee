export type PricingErrorCode =
  | "UNKNOWN_MODEL"
  | "MISSING_FIELD"
  | "INVALID_VALUE"
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
  readonly code: PricingErrorCode;
  readonly model: string;
  readonly field: string | undefined;
  readonly value: unknown;
  /** The valid choices, where there is a short list of them. */
  readonly allowed: readonly string[] | undefined;

  constructor(init: PricingErrorInit) {
    super(init.message);
    this.code = init.code;
    this.model = init.model;
    this.field = init.field;
    this.value = init.value;
    this.allowed = init.allowed;
  }
}

export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${String(value)} (a ${typeof value})`;
}
