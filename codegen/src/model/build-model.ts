import { computePrice, type Factor, type Multiplier, type ModelPricing, type PriceQuote, type RoundingRule } from "@pixelbyte/pricing/runtime";
import type { LoadedSpec } from "../load/load-spec.js";
import { inputSchemasBySlug, valueKeys } from "../validate/cross-check.js";
import { parseDecimal } from "./decimal.js";
import { VALIDATION_KEYWORDS } from "./schema-keywords.js";
import type { InterfacePrinter } from "./interface-body.js";
import type { ErrorCodeEntry, ExampleEntry, FieldEntry, JsonSchema, ModelEntry, SpecModel } from "./types.js";

type Obj = Record<string, unknown>;

/** Products above this are computed with BigInt: below it, every intermediate of the number path is a safe integer. */
const NUMBER_LIMIT = 2n ** 52n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * What the runtime schema keeps: the keywords the client checks, plus `default` (an annotation the
 * validators ignore, kept because it is what the API assumes for an omitted field: the test server's
 * catalog serves it and `pixelbyte pricing verify` compares it). Other annotations are left out
 * below the top level.
 */
const RUNTIME_KEYWORDS: ReadonlySet<string> = new Set([...VALIDATION_KEYWORDS, "default"]);

/** Stage 3: the one typed model of the whole spec. Runs only on a spec that passed validation. */
export function buildModel(spec: LoadedSpec, apiDocument: Obj, interfaceBody: InterfacePrinter): SpecModel {
  return assembleModel(spec, apiDocument, buildEntries(spec, interfaceBody));
}

/** The model from its parts: the entries built (all of them, or only some: see buildEntries) and the API document. */
export function assembleModel(spec: LoadedSpec, apiDocument: Obj, models: ModelEntry[]): SpecModel {
  return {
    sources: { openapi: spec.files.openapi, models: spec.files.models, pricing: spec.files.pricing },
    rounding: (spec.pricing.data as { rounding: RoundingRule }).rounding,
    apiDocument,
    errorCodes: errorCodesOf(apiDocument),
    models,
  };
}

/**
 * Every model's entry, in slug order; with `only`, just those models (the incremental generate
 * reuses what it built of the others). Runs only on a spec that passed validation.
 */
export function buildEntries(spec: LoadedSpec, interfaceBody: InterfacePrinter, only?: ReadonlySet<string>): ModelEntry[] {
  const pricing = spec.pricing.data as { rounding: RoundingRule; models: Record<string, Obj> };
  const inputs = inputSchemasBySlug(spec);
  const slugs = [...inputs.keys()].filter((slug) => only === undefined || only.has(slug)).sort(compareText);
  return slugs.map((slug) => buildEntry(slug, inputs.get(slug)!.key, inputs.get(slug)!.schema, pricing.models[slug]!, pricing.rounding, interfaceBody));
}

/** Code-point order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function buildEntry(slug: string, typeName: string, schema: Obj, price: Obj, rounding: RoundingRule, interfaceBody: InterfacePrinter): ModelEntry {
  const properties = (schema.properties ?? {}) as Record<string, Obj>;
  const required = new Set((schema.required ?? []) as string[]);
  const factorsIn = (price.factors ?? []) as Obj[];
  const priced = new Set(factorsIn.map((f) => f.field as string));
  const fields: FieldEntry[] = Object.entries(properties).map(([name, field]) => fieldEntry(name, field, required.has(name), priced.has(name)));

  const factors = factorsIn.map((f) => factorOf(f, properties[f.field as string]!));
  const base = BigInt(price.base as number);
  const largest = factors.reduce((acc, f) => acc * maxNum(f), base);
  const largestDen = factors.reduce((acc, f) => acc * maxDen(f), 1n);
  const pricing: ModelPricing = {
    slug,
    base: Number(base),
    unit: price.unit as ModelPricing["unit"],
    rounding,
    arithmetic: largest <= NUMBER_LIMIT && largestDen <= NUMBER_LIMIT ? "number" : "bigint",
    factors,
  };
  const examples: ExampleEntry[] = ((price.examples ?? []) as Obj[]).map((e, index) => ({
    input: e.input as Obj,
    microCents: e.micro_cents as number,
    ...(typeof e.exact === "string" ? { exact: e.exact } : {}),
    ...(typeof e.note === "string" ? { note: e.note } : {}),
    index,
  }));
  const defaultQuote = factors.every((f) => f.default !== undefined) ? computePrice(pricing, {}) : undefined;
  return {
    slug,
    typeName,
    provider: schema["x-provider"] as string,
    title: schema.title as string,
    docsUrl: (schema.externalDocs as Obj).url as string,
    fields,
    // The display name and provider ride along as annotations (JSON Schema's `title`, the spec's
    // `x-provider`): the test server's catalog and the CLI show them; validators ignore them.
    validationSchema: { title: schema.title, "x-provider": schema["x-provider"], ...validationSchemaOf(schema) },
    interfaceBody: interfaceBody(schema, `#/components/schemas/${typeName}`),
    pricing,
    pricingSource: price.source as string,
    pricingChecked: String(price.checked),
    ...(typeof price.note === "string" ? { pricingNote: price.note } : {}),
    examples,
    combinations: factors.reduce((n, f) => n * valueCount(f), 1),
    cheapest: extremeQuote(pricing, -1),
    dearest: extremeQuote(pricing, 1),
    ...(defaultQuote ? { defaultQuote } : {}),
  };
}

function fieldEntry(name: string, field: Obj, required: boolean, priced: boolean): FieldEntry {
  const limits: string[] = [];
  if (typeof field.maxLength === "number") limits.push(`max ${field.maxLength} characters`);
  if (typeof field.minItems === "number") limits.push(`min ${field.minItems} items`);
  if (typeof field.maxItems === "number") limits.push(`max ${field.maxItems} items`);
  if (typeof field.minimum === "number") limits.push(`min ${field.minimum}`);
  if (typeof field.maximum === "number") limits.push(`max ${field.maximum}`);
  const type = field.type === "array" && typeof (field.items as Obj | undefined)?.type === "string" ? `${(field.items as Obj).type}[]` : String(field.type);
  return {
    name,
    type,
    required,
    ...("default" in field ? { default: field.default } : {}),
    ...(Array.isArray(field.enum) ? { enum: field.enum } : {}),
    ...(typeof field.description === "string" ? { description: field.description } : {}),
    limits,
    priced,
  };
}

function factorOf(f: Obj, field: Obj): Factor {
  const type = field.type as Factor["type"];
  const common = { field: f.field as string, type, ...("default" in field ? { default: field.default as string | number | boolean } : {}) };
  if (f.range) {
    const { min, max } = f.range as { min: number; max: number };
    return { kind: "range", ...common, min, max };
  }
  const table = f.table as Record<string, string>;
  // Rows in the field's own value order (its enum), not in YAML key order.
  const order = valueKeys(field) ?? Object.keys(table);
  const rows: Record<string, Multiplier> = {};
  for (const key of order) {
    const text = table[key]!;
    const { num, den } = parseDecimal(text);
    // Exact either way: numbers while both are safe integers, bigints beyond (a long decimal).
    const safe = num <= MAX_SAFE && den <= MAX_SAFE;
    rows[key] = { text, num: safe ? Number(num) : num, den: safe ? Number(den) : den };
  }
  return { kind: "table", ...common, rows };
}

function maxNum(f: Factor): bigint {
  if (f.kind === "range") return BigInt(f.max);
  return Object.values(f.rows).reduce((m, r) => (BigInt(r.num) > m ? BigInt(r.num) : m), 1n);
}

function maxDen(f: Factor): bigint {
  if (f.kind === "range") return 1n;
  return Object.values(f.rows).reduce((m, r) => (BigInt(r.den) > m ? BigInt(r.den) : m), 1n);
}

function valueCount(f: Factor): number {
  return f.kind === "range" ? f.max - f.min + 1 : Object.keys(f.rows).length;
}

/** The cheapest (direction -1) or dearest (+1) combination: factors are independent and non-negative. */
function extremeQuote(pricing: ModelPricing, direction: 1 | -1): PriceQuote {
  const input: Obj = {};
  for (const f of pricing.factors) {
    if (f.kind === "range") {
      const n = direction > 0 ? f.max : f.min;
      input[f.field] = f.type === "string" ? String(n) : n;
      continue;
    }
    let bestKey: string | undefined;
    let best: Multiplier | undefined;
    for (const [key, m] of Object.entries(f.rows)) {
      // Compare num/den exactly by cross-multiplying (in BigInt: a long decimal's terms are bigints).
      const diff = best === undefined ? 0n : BigInt(m.num) * BigInt(best.den) - BigInt(best.num) * BigInt(m.den);
      const cmp = best === undefined ? direction : diff > 0n ? 1 : diff < 0n ? -1 : 0;
      if (cmp === direction) [bestKey, best] = [key, m];
    }
    input[f.field] = f.type === "string" ? bestKey : JSON.parse(bestKey!);
  }
  return computePrice(pricing, input);
}

function validationSchemaOf(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map(validationSchemaOf) as unknown as JsonSchema;
  if (typeof schema !== "object" || schema === null) return schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!RUNTIME_KEYWORDS.has(key)) continue;
    if (key === "properties") {
      out[key] = Object.fromEntries(Object.entries(value as Obj).map(([k, v]) => [k, validationSchemaOf(v)]));
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = typeof value === "object" ? validationSchemaOf(value) : value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function errorCodesOf(api: Obj): ErrorCodeEntry[] {
  const schema = ((api.components as Obj | undefined)?.schemas as Obj | undefined)?.ErrorCode as Obj | undefined;
  const statuses = (schema?.["x-http-status"] ?? {}) as Record<string, number>;
  const codes = (schema?.enum ?? []) as string[];
  return codes.map((code) => ({ code, status: statuses[code]! })).sort((a, b) => compareText(a.code, b.code));
}
