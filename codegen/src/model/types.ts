import type { ModelPricing, PriceQuote, RoundingRule } from "@pixelbyte/pricing";

/** JSON Schema as authored in spec/models.yaml (a closed object per model). */
export type JsonSchema = Record<string, unknown>;

/** One input field of a model, resolved for docs and pricing. */
export interface FieldEntry {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  enum?: readonly unknown[];
  description?: string;
  /** Human-readable limits: "max 2500 characters", "1-15". */
  limits: string[];
  priced: boolean;
}

export interface ExampleEntry {
  input: Record<string, unknown>;
  microCents: number;
  exact?: string;
  note?: string;
  /** Where the example sits in spec/pricing.yaml, for located problems. */
  index: number;
}

/** Everything the emitters need about one model. Emitters read only this, never raw YAML. */
export interface ModelEntry {
  slug: string;
  /** PascalCase of the slug + "Input"; the schema key and the TypeScript interface name. */
  typeName: string;
  provider: string;
  title: string;
  docsUrl: string;
  fields: FieldEntry[];
  /** The closed input schema with only validation keywords and `default`, for runtime validators, plus the model's `title` and `x-provider` at the top. */
  validationSchema: JsonSchema;
  /** `{ ... }` body of the TypeScript interface, printed by openapi-typescript. */
  interfaceBody: string;
  pricing: ModelPricing;
  pricingSource: string;
  pricingChecked: string;
  pricingNote?: string;
  examples: ExampleEntry[];
  /** Number of combinations of the priced fields' values. */
  combinations: number;
  cheapest: PriceQuote;
  dearest: PriceQuote;
  /** The price with every field at its default; undefined when a priced field has no default. */
  defaultQuote?: PriceQuote;
}

export interface ErrorCodeEntry {
  code: string;
  status: number;
}

/** The one typed intermediate model of the whole spec. */
export interface SpecModel {
  /** Spec file paths relative to the repository root, named in generated headers. */
  sources: { openapi: string; models: string; pricing: string };
  rounding: RoundingRule;
  /** The bundled OpenAPI document of the HTTP API (all $refs to other files inlined). */
  apiDocument: Record<string, unknown>;
  errorCodes: ErrorCodeEntry[];
  /** Sorted by slug. */
  models: ModelEntry[];
}
