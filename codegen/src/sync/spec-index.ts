import path from "node:path";
import type { SpecFiles } from "../config.js";
import { isYamlSource, loadYaml, type YamlSource } from "../load/yaml-source.js";
import { formatProblem } from "../validate/problem.js";

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** One model of the spec as a sync compares it: its two entries as plain data, and where they are. */
export interface SpecModel {
  slug: string;
  /** The key under components.schemas (the PascalCase of the slug + "Input"). */
  key: string;
  schema: Obj;
  /** The entry under models.<slug> in pricing.yaml; undefined when the spec lacks one (`generate` reports it). */
  price: Obj | undefined;
  /** externalDocs.url, when it is a string. */
  url: string | undefined;
  /** Lines of the models.yaml key and the pricing.yaml key. */
  line: { models: number; pricing?: number };
}

export interface SpecIndex {
  files: Pick<SpecFiles, "models" | "pricing">;
  models: YamlSource;
  pricing: YamlSource;
  bySlug: Map<string, SpecModel>;
  /** Schema keys in use (a new slug must not produce one of them). */
  keys: Set<string>;
}

/** The spec cannot be read (a file missing or not YAML): the command stops with exit 2 and this message. */
export class SpecUnreadable extends Error {
  override readonly name = "SpecUnreadable";
}

/** Reads spec/models.yaml and spec/pricing.yaml (with positions) and indexes their models by slug. */
export async function loadSpecIndex(root: string, files: Pick<SpecFiles, "models" | "pricing">): Promise<SpecIndex> {
  const [models, pricing] = await Promise.all([load(root, files.models), load(root, files.pricing)]);
  const bySlug = new Map<string, SpecModel>();
  const keys = new Set<string>();
  const schemas = isObj(models.data) && isObj(models.data.components) && isObj(models.data.components.schemas) ? models.data.components.schemas : {};
  const prices = isObj(pricing.data) && isObj(pricing.data.models) ? pricing.data.models : {};
  for (const [key, schema] of Object.entries(schemas)) {
    keys.add(key);
    if (!isObj(schema) || typeof schema["x-slug"] !== "string") continue;
    const slug = schema["x-slug"];
    const price = Object.hasOwn(prices, slug) && isObj(prices[slug]) ? (prices[slug] as Obj) : undefined;
    const url = isObj(schema.externalDocs) && typeof schema.externalDocs.url === "string" ? schema.externalDocs.url : undefined;
    bySlug.set(slug, {
      slug,
      key,
      schema,
      price,
      url,
      line: { models: models.locate(["components", "schemas", key], { key: true }).line, ...(price ? { pricing: pricing.locate(["models", slug], { key: true }).line } : {}) },
    });
  }
  return { files, models, pricing, bySlug, keys };
}

async function load(root: string, file: string): Promise<YamlSource> {
  const source = await loadYaml(path.resolve(root, file), file);
  if (!isYamlSource(source)) throw new SpecUnreadable(formatProblem(source));
  return source;
}
