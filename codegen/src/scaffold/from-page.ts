import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { SpecFiles } from "../config.js";
import { inputTypeName } from "../model/names.js";
import { PageRefusal, readModelPage, type ImportedModel, type PageForm } from "../page/index.js";
import type { Problem } from "../validate/problem.js";
import { generateOnCopy } from "./generate-on-copy.js";
import { insertEntry, ScaffoldRefusal } from "./insert.js";
import { PRICES, priceSlug, refuseExisting, SCHEMAS, schemaSlug, writeChangeset } from "./new-model.js";
import { modelsEntryText, pricingEntryText } from "./page-entries.js";

export interface FromPageOptions {
  root: string;
  files: SpecFiles;
  /** The page's text, in either form. */
  page: string;
  /** How messages name the page ("models/video/x.mdx", "<stdin>"). */
  pageName: string;
  /** The page's URL; a placeholder when not given. */
  docsUrl?: string;
  /** The date the price was compared with the page (YYYY-MM-DD). */
  checked: string;
  /** On a family page, import only this slug. */
  slug?: string;
  /** Run the whole spec validation on the result before writing (default true). */
  validate?: boolean;
}

export interface FromPageResult {
  form: PageForm;
  entries: ImportedModel[];
  /** Each written file (relative to root) and the line its entry starts on. */
  written: { file: string; line: number; what: string }[];
  /** The placeholders left for what the page does not show, as `pnpm generate` reports them. */
  placeholders: Problem[];
}

/** The page's own numbers do not hold, or the spec would not validate with the entries in it: nothing was written. */
export class ImportProblems extends Error {
  override readonly name = "ImportProblems";
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written`);
  }
}

/**
 * `pnpm new-model --from <page>`: reads the page, writes its entries into spec/models.yaml and
 * spec/pricing.yaml in slug order (one per slug a family page documents), validates the result as
 * `pnpm generate` does, then writes the files and a changeset per model. Everything is checked
 * before anything is written: ScaffoldRefusal (cannot read, already there) and ImportProblems
 * (a worked cost that does not reproduce, a spec problem) leave every file as it was.
 */
export async function newModelFromPage(options: FromPageOptions): Promise<FromPageResult> {
  const { root, files } = options;
  const modelsFile = path.resolve(root, files.models);
  const pricingFile = path.resolve(root, files.pricing);
  let [modelsText, pricingText] = await Promise.all([readFile(modelsFile, "utf8"), readFile(pricingFile, "utf8")]);

  let page;
  try {
    page = readModelPage(options.page, { ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}), checked: options.checked, rounding: roundingOf(pricingText) });
  } catch (error) {
    if (error instanceof PageRefusal) throw new ScaffoldRefusal(`${options.pageName}:${error.line}: ${error.message}; nothing was written`);
    throw error;
  }
  let entries = page.entries;
  if (options.slug !== undefined) {
    entries = entries.filter((e) => e.slug === options.slug);
    if (entries.length === 0) throw new ScaffoldRefusal(`${options.pageName} does not document ${options.slug} (it documents ${page.entries.map((e) => e.slug).join(", ")}); nothing was written`);
  }
  const problems = entries.flatMap((e) => e.problems.map((p) => `${options.pageName}:${p.line}: ${e.slug}: ${p.message}`));
  if (problems.length > 0) throw new ImportProblems(problems);

  for (const entry of entries) {
    refuseExisting(entry.slug, modelsText, pricingText, files);
    modelsText = insertEntry(modelsText, files.models, SCHEMAS, schemaSlug, entry.slug, (indent) => modelsEntryText(entry, indent)).text;
    pricingText = insertEntry(pricingText, files.pricing, PRICES, priceSlug, entry.slug, (indent) => pricingEntryText(entry, indent)).text;
  }
  // Where each entry ended up (a later insertion can move an earlier one down).
  const written: FromPageResult["written"] = entries.flatMap((entry) => [
    { file: files.models, line: lineOfKey(modelsText, inputTypeName(entry.slug)), what: `${inputTypeName(entry.slug)}: the input schema` },
    { file: files.pricing, line: lineOfKey(pricingText, entry.slug), what: `${entry.slug}: the price` },
  ]);

  const placeholders = options.validate === false ? [] : await validate(root, files, modelsText, pricingText);
  await writeFile(modelsFile, modelsText);
  await writeFile(pricingFile, pricingText);
  for (const entry of entries) written.push({ file: await writeChangeset(root, entry.slug), line: 1, what: "the changelog entry (minor for @pixelbyte/client and @pixelbyte/pricing)" });
  return { form: page.form, entries, written, placeholders };
}

/**
 * The normal validation (`generate`, writing nothing) on a copy of the spec holding the new
 * entries. Returns the scaffold placeholders it reports; any other problem is thrown as ImportProblems.
 */
async function validate(root: string, files: SpecFiles, modelsText: string, pricingText: string): Promise<Problem[]> {
  const result = await generateOnCopy(root, files, { models: modelsText, pricing: pricingText });
  if (!("problems" in result)) return [];
  const others = result.problems.filter((p) => p.check !== "scaffold");
  if (others.length > 0) {
    const { formatProblem } = await import("../validate/problem.js");
    throw new ImportProblems(others.map(formatProblem));
  }
  return result.problems;
}

function roundingOf(pricingText: string): "half-up" | "half-even" | "floor" | "ceil" {
  try {
    const rule = (parse(pricingText) as { rounding?: unknown } | null)?.rounding;
    if (rule === "half-up" || rule === "half-even" || rule === "floor" || rule === "ceil") return rule;
  } catch {
    // An unreadable pricing file is reported by insertEntry, with its own message.
  }
  return "half-up";
}

/** The 1-based line of the mapping key `key:` (an entry just inserted). */
function lineOfKey(text: string, key: string): number {
  return text.split("\n").findIndex((l) => l.trimStart() === `${key}:`) + 1;
}
