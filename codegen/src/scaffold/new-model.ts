import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar } from "yaml";
import type { SpecFiles } from "../config.js";
import { inputTypeName, SLUG_PATTERN } from "../model/names.js";
import { changesetPath, changesetText } from "./changeset.js";
import { modelsEntry, pricingEntry } from "./entries.js";
import { indentAt, insertSorted, mapEntries, ScaffoldRefusal } from "./insert.js";

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

  const schemas = mapEntries(modelsText, files.models, ["components", "schemas"], (pair) => {
    const xSlug = isMap(pair.value) ? pair.value.get("x-slug") : undefined;
    return typeof xSlug === "string" ? xSlug : undefined;
  });
  const prices = mapEntries(pricingText, files.pricing, ["models"], (pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined));

  if (schemas.some((e) => e.slug === slug) || prices.some((e) => e.slug === slug)) {
    throw new ScaffoldRefusal(`model "${slug}" already exists in ${files.models} or ${files.pricing}; edit its entries instead`);
  }
  if (schemas.some((e) => e.key === typeName)) {
    throw new ScaffoldRefusal(`schema key ${typeName} (the PascalCase of "${slug}") is already used in ${files.models}; a slug must not differ from another only in punctuation`);
  }

  const models = insertSorted(modelsText, schemas, slug, modelsEntry(slug, indentAt(modelsText, schemas[0]!.keyOffset)));
  const pricing = insertSorted(pricingText, prices, slug, pricingEntry(slug, indentAt(pricingText, prices[0]!.keyOffset)));
  const changeset = changesetPath(slug);
  const changesetFile = path.resolve(root, changeset);

  await writeFile(modelsFile, models.text);
  await writeFile(pricingFile, pricing.text);
  if (!existsSync(path.dirname(changesetFile))) await mkdir(path.dirname(changesetFile), { recursive: true });
  await writeFile(changesetFile, changesetText(slug));
  return {
    written: [
      { file: files.models, line: models.line, what: `${typeName}: the input schema` },
      { file: files.pricing, line: pricing.line, what: `${slug}: the price` },
      { file: changeset, line: 1, what: "the changelog entry (minor for @pixelbyte/client and @pixelbyte/pricing)" },
    ],
  };
}
