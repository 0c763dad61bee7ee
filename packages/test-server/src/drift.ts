import { closestMatch, isOwnKey, ownValue, type Factor, type ModelPricing } from "@pixelbyte/pricing/runtime";
import { buildCatalog, specCatalog, type Catalog } from "./catalog.js";
import { pricing as specPricing, schemas as specSchemas, type InputSchema } from "./spec-data.js";
import { inputProblems } from "./validate.js";

// A server that disagrees with the spec on purpose, so drift detection (`pixelbyte pricing verify`)
// can be tested: other prices, other input schemas, an account discount. Off unless `drift` is given.

/** A model's price as the drifted server charges and estimates it. */
export interface PriceDrift {
  /** Integer micro-cents per unit, instead of the spec's base. */
  readonly base?: number;
  /**
   * Multipliers instead of the spec's: field → input value as a table key ("10", "true", "1080p") →
   * exact decimal text ("1.5"). Table factors only, and only values the spec prices.
   */
  readonly multipliers?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A model's input schema as the drifted server validates it and serves it in its catalog. */
export interface SchemaDrift {
  /** Field → its new schema (a field added, or replaced whole), or null to remove the field. */
  readonly properties?: Readonly<Record<string, InputSchema | null>>;
  /** Replaces the list of required fields. */
  readonly required?: readonly string[];
}

export interface DriftOptions {
  /** By model slug. */
  readonly prices?: Readonly<Record<string, PriceDrift>>;
  /** By model slug. */
  readonly catalog?: Readonly<Record<string, SchemaDrift>>;
  /**
   * An account discount, in whole percent (1 to 100): every estimate answers `hasDiscount: true`,
   * `discounted: {type: "percentage_discount", percentage, savedMicroCents}` and an
   * `estimatedCostMicroCents` that much lower (saved micro-cents rounded down); `baseCostMicroCents`
   * stays the undiscounted price. Submit charges are not discounted.
   */
  readonly discountPercent?: number;
}

const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** The catalog a server with these drift options serves (the spec's own when there are none); a malformed option is a TypeError naming it. */
export function driftedCatalog(drift: DriftOptions | undefined): Catalog {
  if (drift === undefined) return specCatalog;
  if (!isObject(drift)) throw new TypeError("startServer: drift must be an object {prices?, catalog?, discountPercent?}");
  const pricing: Record<string, ModelPricing> = { ...specPricing };
  for (const [slug, change] of entries(drift.prices, "drift.prices")) {
    const def = ownValue(specPricing, slug);
    if (def === undefined) throw unknownModel("drift.prices", slug, Object.keys(specPricing));
    pricing[slug] = drifted(def, change as PriceDrift, `drift.prices[${JSON.stringify(slug)}]`);
  }
  const schemas: Record<string, InputSchema> = { ...specSchemas };
  for (const [slug, change] of entries(drift.catalog, "drift.catalog")) {
    const schema = ownValue(specSchemas, slug);
    if (schema === undefined) throw unknownModel("drift.catalog", slug, Object.keys(specSchemas));
    schemas[slug] = patched(schema, change as SchemaDrift, `drift.catalog[${JSON.stringify(slug)}]`);
  }
  return buildCatalog(pricing, schemas);
}

/** The discount percentage of `drift`, checked; undefined when there is none. */
export function discountOf(drift: DriftOptions | undefined): number | undefined {
  const p = drift?.discountPercent;
  if (p === undefined) return undefined;
  if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || p > 100) {
    throw new TypeError(`startServer: drift.discountPercent must be a whole percentage from 1 to 100 (got ${String(p)})`);
  }
  return p;
}

function drifted(def: ModelPricing, change: PriceDrift, at: string): ModelPricing {
  if (!isObject(change)) throw new TypeError(`startServer: ${at} must be an object {base?, multipliers?}`);
  const base = change.base ?? def.base;
  if (typeof base !== "number" || !Number.isSafeInteger(base) || base < 0) {
    throw new TypeError(`startServer: ${at}.base must be a non-negative integer of micro-cents (got ${String(base)})`);
  }
  const overrides = entries(change.multipliers, `${at}.multipliers`);
  for (const [field] of overrides) {
    if (!def.factors.some((f) => f.field === field)) throw new TypeError(`startServer: ${at}.multipliers names "${field}", which ${def.slug} does not price (it prices ${def.factors.map((f) => f.field).join(", ") || "nothing"})`);
  }
  const factors = def.factors.map((factor): Factor => {
    const rows = overrides.find(([field]) => field === factor.field)?.[1];
    if (rows === undefined) return factor;
    if (factor.kind !== "table") throw new TypeError(`startServer: ${at}.multipliers["${factor.field}"]: a range factor's multiplier is the value itself; drift the base instead`);
    const next = { ...factor.rows };
    for (const [key, text] of entries(rows, `${at}.multipliers["${factor.field}"]`)) {
      if (!isOwnKey(factor.rows, key)) throw new TypeError(`startServer: ${at}.multipliers["${factor.field}"]["${key}"]: the spec prices only ${Object.keys(factor.rows).join(", ")}`);
      if (typeof text !== "string" || !DECIMAL.test(text)) throw new TypeError(`startServer: ${at}.multipliers["${factor.field}"]["${key}"] must be an exact decimal string such as "1.5" (got ${JSON.stringify(text)})`);
      const [whole, fraction = ""] = text.split(".");
      const num = Number(whole! + fraction);
      const den = 10 ** fraction.length;
      if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) throw new TypeError(`startServer: ${at}.multipliers["${factor.field}"]["${key}"] has too many digits`);
      next[key] = { text, num, den };
    }
    return { ...factor, rows: next };
  });
  // BigInt arithmetic: the generator's number/bigint choice was made for the spec's multipliers.
  return { ...def, base, factors, arithmetic: "bigint" };
}

function patched(schema: InputSchema, change: SchemaDrift, at: string): InputSchema {
  if (!isObject(change)) throw new TypeError(`startServer: ${at} must be an object {properties?, required?}`);
  const properties: Record<string, InputSchema> = { ...schema.properties };
  let required = [...(schema.required ?? [])];
  for (const [field, value] of entries(change.properties, `${at}.properties`)) {
    if (value === null) {
      delete properties[field];
      required = required.filter((r) => r !== field);
    } else if (isObject(value)) {
      // An own property whatever the name ("__proto__" included): never the object's prototype.
      Object.defineProperty(properties, field, { value, enumerable: true, writable: true, configurable: true });
    } else {
      throw new TypeError(`startServer: ${at}.properties["${field}"] must be a JSON Schema object, or null to remove the field`);
    }
  }
  if (change.required !== undefined) {
    if (!Array.isArray(change.required) || change.required.some((r) => typeof r !== "string")) throw new TypeError(`startServer: ${at}.required must be a list of field names`);
    required = [...change.required];
  }
  const next: InputSchema = { ...schema, properties, ...(required.length > 0 || schema.required !== undefined ? { required } : {}) };
  try {
    inputProblems(next, {}, true); // compiles it now: a broken schema fails here, not on the first request
  } catch (error) {
    throw new TypeError(`startServer: ${at} gives a schema that does not compile: ${(error as Error).message}`);
  }
  return next;
}

function entries(value: unknown, at: string): [string, unknown][] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new TypeError(`startServer: ${at} must be an object keyed by ${at.endsWith("multipliers") ? "field" : at.includes("multipliers") ? "input value" : at.endsWith("properties") ? "field" : "model slug"}`);
  return Object.entries(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownModel(at: string, slug: string, slugs: readonly string[]): TypeError {
  const near = closestMatch(slug, slugs);
  return new TypeError(`startServer: ${at} names "${slug}", which is not a model of the spec${near ? `; did you mean "${near}"?` : ""}`);
}
