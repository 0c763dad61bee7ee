import type { Rational, RoundingRule } from "./rational.js";

/** The JSON type of a priced input field, from its schema in spec/models.yaml. */
export type FieldType = "string" | "boolean" | "integer" | "number";

/** One priced value of a factor: the input value as written in a YAML key, and its multiplier. */
export interface PricedValue {
  /** The value as a table key: "1080p", "true", "10". */
  readonly key: string;
  /** The multiplier exactly as written in the spec ("1.8667"); for a range, the value itself. */
  readonly text: string;
  readonly multiplier: Rational;
}

/** A factor: one input field and the multiplier of each of its priced values. */
export interface FactorSpec {
  readonly field: string;
  readonly kind: "table" | "range";
  /** For a range factor: every integer from min to max is priced at its own value. */
  readonly range?: { readonly min: number; readonly max: number };
  /** Every priced value, in the field's own order (its enum when known, else as written). */
  readonly values: readonly PricedValue[];
  /** The field's type, when spec/models.yaml was available and describes the field. */
  readonly type?: FieldType;
  /** The key of the field's schema default, priced when the field is omitted. */
  readonly default?: string;
}

/** A worked example of the docs page: an input and what it must cost. */
export interface ExampleSpec {
  readonly input: Readonly<Record<string, unknown>>;
  readonly microCents: bigint;
  /** The exact price before rounding, when the page gives one. */
  readonly exact?: string;
  readonly note?: string;
}

export interface ModelSpec {
  readonly slug: string;
  /** The docs page the price comes from, as written (may be missing or invalid: `check` reports it). */
  readonly source?: unknown;
  /** The date (YYYY-MM-DD) the price was last compared with the page, as written. */
  readonly checked?: unknown;
  /** Integer micro-cents per unit. */
  readonly base: bigint;
  readonly unit: string;
  readonly note?: string;
  readonly factors: readonly FactorSpec[];
  readonly examples: readonly ExampleSpec[];
  /** The provider display name (`x-provider` of the input schema), when known. */
  readonly provider?: string;
  /** The docs page title of the input schema, when known. */
  readonly title?: string;
  /** True when spec/models.yaml has an input schema for this slug. */
  readonly hasSchema: boolean;
  /** That input schema as plain JSON, when there is one. */
  readonly inputSchema?: Readonly<Record<string, unknown>>;
}

/** Where a revision was read from. */
export type RevisionOrigin =
  | { readonly kind: "file"; readonly path: string; readonly modelsPath?: string }
  | { readonly kind: "git"; readonly ref: string; readonly commit: string; readonly path: string; readonly modelsPath?: string }
  | { readonly kind: "text" };

/** One revision of spec/pricing.yaml (with spec/models.yaml beside it when it was there). */
export interface Revision {
  /** How the revision is named in output: the file path or `ref:path`. */
  readonly label: string;
  readonly origin: RevisionOrigin;
  readonly currency: string;
  readonly rounding: RoundingRule;
  /** Sorted by slug (code-point order). */
  readonly models: readonly ModelSpec[];
  /** True when the input schemas (types, defaults, providers) were read too. */
  readonly hasModelsFile: boolean;
}
