import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar, type Pair } from "yaml";
import type { SpecFiles } from "../config.js";
import { inputTypeName, SLUG_PATTERN } from "../model/names.js";
import { changesetPath, changesetText } from "./changeset.js";
import { modelsEntry, pricingEntry } from "./entries.js";
import { insertEntry, mapEntries, ScaffoldRefusal } from "./insert.js";

export interface NewModelOptions {
  root: string;
  files: Pick<SpecFiles, "models" | "pricing">;
  slug: string;
}

export interface NewModelResult {
  /** Each written file (relative to root) and the line the new entry starts on. */
  written: { file: string; line: number; what: string }[];
}

/**
 * Scaffolds a model: its input schema in models.yaml and its price in pricing.yaml, each in slug
 * order with every required key (placeholders marked "TODO: "), and a changeset naming it. Checks
 * everything before writing anything; throws ScaffoldRefusal with a one-line reason.
 */
export async function newModel({ root, files, slug }: NewModelOptions): Promise<NewModelResult> {
  if (!SLUG_PATTERN.test(slug)) {
    throw new ScaffoldRefusal(`"${slug}" is not a model slug: write provider/model/capability in lower case (letters, digits, ".", "+", "-"), e.g. kling-plus/kling-o3-standard/text-to-video`);
  }
  const typeName = inputTypeName(slug);
  const modelsFile = path.resolve(root, files.models);
  const pricingFile = path.resolve(root, files.pricing);
  const [modelsText, pricingText] = await Promise.all([readFile(modelsFile, "utf8"), readFile(pricingFile, "utf8")]);
  refuseExisting(slug, modelsText, pricingText, files);

  const models = insertEntry(modelsText, files.models, SCHEMAS, schemaSlug, slug, (indent) => modelsEntry(slug, indent));
  const pricing = insertEntry(pricingText, files.pricing, PRICES, priceSlug, slug, (indent) => pricingEntry(slug, indent));
  const changeset = changesetPath(slug);

  await writeFile(modelsFile, models.text);
  await writeFile(pricingFile, pricing.text);
  await writeChangeset(root, slug);
  return {
    written: [
      { file: files.models, line: models.line, what: `${typeName}: the input schema` },
      { file: files.pricing, line: pricing.line, what: `${slug}: the price` },
      { file: changeset, line: 1, what: "the changelog entry (minor for @pixelbyte/client and @pixelbyte/pricing)" },
    ],
  };
}

/** Where model entries live in each file, and how an entry names its slug. */
export const SCHEMAS = ["components", "schemas"];
export const PRICES = ["models"];
export const schemaSlug = (pair: Pair): string | undefined => {
  const xSlug = isMap(pair.value) ? pair.value.get("x-slug") : undefined;
  return typeof xSlug === "string" ? xSlug : undefined;
};
export const priceSlug = (pair: Pair): string | undefined => (isScalar(pair.key) ? String(pair.key.value) : undefined);

/** Refuses a slug that is already in either file, or whose schema key another model has. */
export function refuseExisting(slug: string, modelsText: string, pricingText: string, files: Pick<SpecFiles, "models" | "pricing">): void {
  const typeName = inputTypeName(slug);
  const schemas = mapEntries(modelsText, files.models, SCHEMAS, schemaSlug);
  const prices = mapEntries(pricingText, files.pricing, PRICES, priceSlug);
  if (schemas.some((e) => e.slug === slug) || prices.some((e) => e.slug === slug)) {
    throw new ScaffoldRefusal(`model "${slug}" already exists in ${files.models} or ${files.pricing}; edit its entries instead`);
  }
  if (schemas.some((e) => e.key === typeName)) {
    throw new ScaffoldRefusal(`schema key ${typeName} (the PascalCase of "${slug}") is already used in ${files.models}; a slug must not differ from another only in punctuation`);
  }
}

/** The changeset naming the new model (a minor release of both generated packages). */
export async function writeChangeset(root: string, slug: string): Promise<string> {
  const changeset = changesetPath(slug);
  const changesetFile = path.resolve(root, changeset);
  if (!existsSync(path.dirname(changesetFile))) await mkdir(path.dirname(changesetFile), { recursive: true });
  await writeFile(changesetFile, changesetText(slug));
  return changeset;
}
