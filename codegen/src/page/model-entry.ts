import type { PageForm } from "./facts.js";

/**
 * One model as a page gives it: exactly the two spec entries a maintainer would write (the
 * models.yaml input schema and the pricing.yaml price), plus where each part came from on the page
 * and every decision taken where the page contradicts itself. Values the page does not show are
 * the scaffold's "TODO: ..." placeholders (see scaffold/entries.ts), which `pnpm generate` refuses
 * until they are filled in.
 */
export interface ImportedModel {
  slug: string;
  form: PageForm;
  /** The page line that declares the slug. */
  line: number;
  /** The value under `components.schemas.<inputTypeName(slug)>` in spec/models.yaml, keys in spec order. */
  schema: InputSchema;
  /** The value under `models.<slug>` in spec/pricing.yaml, keys in spec order. */
  pricing: PriceEntry;
  /** Every decision written into the entries (x-decision / note), with the page line it is about. */
  decisions: Decision[];
  /** What does not hold on the page (a worked cost its own numbers do not give): nothing may be written. */
  problems: PageProblem[];
  /** Page lines: each input field, each factor (table order), each example (pricing.examples order). */
  lines: { fields: Record<string, number>; base?: number; factors: number[]; examples: number[] };
}

/** A JSON Schema as models.yaml holds it (a subset: what model pages can say). Placeholders are strings. */
export interface FieldSchema {
  type?: string;
  description?: string;
  enum?: (string | number | boolean)[];
  default?: unknown;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  items?: FieldSchema | string;
  additionalProperties?: boolean;
  required?: string[];
  properties?: Record<string, FieldSchema | string>;
  "x-decision"?: string;
}

export interface InputSchema {
  "x-slug": string;
  "x-provider": string;
  title: string;
  externalDocs: { url: string };
  type: "object";
  additionalProperties: false;
  /** A placeholder string when the page does not show which fields are required (rendered form). */
  required: string[] | string;
  "x-decision"?: string;
  properties: Record<string, FieldSchema | string>;
}

export type PriceFactor = { field: string; table: Record<string, string>; note?: string } | { field: string; range: { min: number; max: number }; note?: string };

export interface PriceExample {
  input: Record<string, unknown>;
  micro_cents: number | string;
  exact?: string;
  note?: string;
}

export interface PriceEntry {
  source: string;
  checked: string;
  base: number;
  unit: "second" | "image" | "request";
  note?: string;
  factors: PriceFactor[];
  examples: PriceExample[];
}

export interface Decision {
  line: number;
  /** Which entry it is written into, and where in it (e.g. ["properties", "aspect_ratio"]). */
  file: "models" | "pricing";
  path: (string | number)[];
  text: string;
}

export interface PageProblem {
  line: number;
  message: string;
}
