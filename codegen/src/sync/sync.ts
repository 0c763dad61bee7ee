import { AuditError, type RevisionDiff } from "@pixelbyte/pricing-audit";
import type { SpecFiles } from "../config.js";
import { DOCS_SITE, urlFromPath } from "../scaffold/command.js";
import { editEntries, type EntryChange } from "./edit-entries.js";
import { isScaffold, matchPages } from "./match.js";
import type { MergedModel } from "./merge.js";
import { diffPrices, type SpecTexts } from "./prices.js";
import type { Progress } from "./progress.js";
import { readPages } from "./read-pages.js";
import type { ChangedModel, NewModel, RemovedModel, SyncReport } from "./report.js";
import { isObj, loadSpecIndex, SpecUnreadable, type Obj, type SpecIndex } from "./spec-index.js";
import { walkModels } from "./walk.js";

export type { ChangedModel, ExampleChange, NewModel, RemovedModel, SyncProblem, SyncReport } from "./report.js";

export interface SyncOptions {
  root: string;
  files: Pick<SpecFiles, "models" | "pricing">;
  /** The docs checkout (absolute, or relative to the current directory). */
  docsDir: string;
  /** The date a changed price is `checked` (YYYY-MM-DD). */
  checked: string;
  progress: Progress;
}

/**
 * Compares every model page of a docs checkout with the spec (reads only; `writeSync` applies it).
 * Pages are matched to spec entries by the slugs they document (a family page documents several).
 */
export async function syncModels(options: SyncOptions): Promise<SyncReport> {
  const index = await loadSpecIndex(options.root, options.files);
  const walk = await walkModels(options.docsDir);
  const rounding = roundingOf(index.pricing.data);
  // Every file of the walk is a page of the docs repository, published at its path (not only models/<video|image>/<provider>/<page>).
  const urlOf = (file: string) => urlFromPath(file) ?? `${DOCS_SITE}/${file.replace(/\.mdx$/, "").split("/").map(encodeURIComponent).join("/")}`;
  const reads = await readPages(walk.pages, { checked: options.checked, rounding, urlOf, progress: options.progress });

  const { added, changed, removed, unchanged, problems, notes, notModelPages, slugs } = matchPages(index, walk, reads, options);

  const spec: SpecTexts = { models: index.models.text, pricing: index.pricing.text };
  const pages = specTexts(index, spec, added, changed, removed);
  // A scaffold's placeholders cannot be priced: those models are left out of the price comparison.
  const scaffolds = [...index.bySlug.values()].filter(isScaffold).map((m) => ({ slug: m.slug, value: undefined }));
  const without = (t: SpecTexts): SpecTexts => (scaffolds.length === 0 ? t : { models: editEntries(t.models, index.files.models, "models", scaffolds).text, pricing: editEntries(t.pricing, index.files.pricing, "pricing", scaffolds).text });
  let prices: RevisionDiff;
  try {
    prices = diffPrices(index.files, without(spec), without(pages));
  } catch (error) {
    if (error instanceof AuditError) throw new SpecUnreadable(`${error.message} (\`pnpm generate\` lists every problem of the spec)`);
    throw error;
  }
  for (const c of changed) {
    c.price = prices.models.find((m) => m.slug === c.slug);
    c.priceChanges = prices.priceChanges.filter((p) => p.model === c.slug);
  }
  return {
    docsDir: options.docsDir,
    files: index.files,
    pages: { read: walk.pages.length, slugs, notModelPages, ignoredFiles: walk.ignored },
    specModels: index.bySlug.size,
    added,
    removed,
    changed,
    unchanged,
    problems,
    notes,
    prices,
    texts: { spec, pages },
  };
}

/** The spec texts with the sync applied (removals only when `removed` is given). */
export function specTexts(index: Pick<SpecIndex, "files">, spec: SpecTexts, added: readonly NewModel[], changed: readonly ChangedModel[], removed: readonly RemovedModel[]): SpecTexts & { droppedComments: string[] } {
  const changes = (pick: (m: MergedModel) => Obj): EntryChange[] => [
    ...added.map((m) => ({ slug: m.slug, value: pick(m.merged) })),
    ...changed.map((m) => ({ slug: m.slug, value: pick(m.merged), ...(m.scaffold ? { rewrite: true } : {}) })),
    ...removed.map((m) => ({ slug: m.slug, value: undefined })),
  ];
  const models = editEntries(spec.models, index.files.models, "models", changes((m) => m.schema));
  const pricing = editEntries(spec.pricing, index.files.pricing, "pricing", changes((m) => m.price));
  return { models: models.text, pricing: pricing.text, droppedComments: [...models.droppedComments, ...pricing.droppedComments] };
}

function roundingOf(pricing: unknown): "half-up" | "half-even" | "floor" | "ceil" {
  const rule = isObj(pricing) ? pricing.rounding : undefined;
  return rule === "half-even" || rule === "floor" || rule === "ceil" ? rule : "half-up";
}

