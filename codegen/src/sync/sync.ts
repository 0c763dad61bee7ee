import { AuditError, type ModelDiff, type PriceChange, type RevisionDiff } from "@pixelbyte/pricing-audit";
import type { SpecFiles } from "../config.js";
import { inputTypeName } from "../model/names.js";
import type { ImportedModel } from "../page/index.js";
import { DOCS_SITE, urlFromPath } from "../scaffold/command.js";
import { compareInputs, stripped, type InputChange } from "./compare-inputs.js";
import { editEntries, type EntryChange } from "./edit-entries.js";
import { mergeModel, namesPage, underDirectory, type DroppedNote, type MergedModel } from "./merge.js";
import { diffPrices, type SpecTexts } from "./prices.js";
import type { Progress } from "./progress.js";
import { readPages } from "./read-pages.js";
import { TODO_PREFIX } from "../scaffold/entries.js";
import { isObj, loadSpecIndex, SpecUnreadable, type Obj, type SpecIndex, type SpecModel } from "./spec-index.js";
import { canonical, deepEqual } from "./values.js";
import { walkModels, WalkRefusal } from "./walk.js";

/** Something that keeps a page (or a model) out of the comparison; any of them makes the exit code 1. */
export interface SyncProblem {
  /** The page (relative to the docs directory), or a spec file for a model with no page to compare. */
  file: string;
  line: number;
  kind: "unreadable" | "skipped" | "duplicate" | "conflict" | "incomplete" | "page-numbers" | "not-compared";
  slug?: string;
  message: string;
}

export interface NewModel {
  slug: string;
  file: string;
  line: number;
  merged: MergedModel;
}

export interface RemovedModel {
  slug: string;
  /** Where its entries are: spec/models.yaml line, spec/pricing.yaml line. */
  line: { models: number; pricing?: number };
  url?: string;
}

export type ExampleChange =
  | { kind: "example-added" | "example-removed"; input: unknown; microCents: unknown }
  | { kind: "example-changed"; input: unknown; from: unknown; to: unknown };

export interface ChangedModel {
  slug: string;
  file: string;
  line: number;
  /** Input changes, each with the page line it was read from when there is one. */
  inputs: (InputChange & { line?: number })[];
  examples: ExampleChange[];
  /** The pricing audit's view of this model: definition changes and combination counts. */
  price?: ModelDiff;
  /** Every combination whose price changed (old, new, change, percent). */
  priceChanges: PriceChange[];
  /** The docs URL the price is read from changed (pricing.yaml `source`). */
  source?: { from: unknown; to: unknown };
  /** Differences no line above names (reported so a change is never silent). */
  other: string[];
  /** The spec's entries are a `pnpm new-model` scaffold (placeholders) that the page fills in. */
  scaffold?: true;
  merged: MergedModel;
  dropped: DroppedNote[];
}

export interface SyncReport {
  docsDir: string;
  files: Pick<SpecFiles, "models" | "pricing">;
  pages: {
    /** `.mdx` files read under models/. */
    read: number;
    /** Model slugs the readable pages document. */
    slugs: number;
    /** Pages under models/ that are no model page (index, guides): passed over. */
    notModelPages: string[];
    /** Files under models/ that are not `.mdx`. */
    ignoredFiles: number;
  };
  specModels: number;
  added: NewModel[];
  removed: RemovedModel[];
  changed: ChangedModel[];
  unchanged: number;
  problems: SyncProblem[];
  /** Things passed over on purpose that a reader may want to know (a link to a page read under its own name). */
  notes: string[];
  prices: RevisionDiff;
  texts: { spec: SpecTexts; pages: SpecTexts };
}

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

  const problems: SyncProblem[] = [];
  const notes: string[] = [];
  for (const s of walk.skipped) {
    if (s.problem) problems.push({ file: s.file, line: 1, kind: "skipped", message: s.reason });
    else notes.push(`${s.file}: ${s.reason}`);
  }
  const unread = new Map<string, string>(walk.skipped.filter((s) => s.problem).map((s) => [s.file, s.directory ? "is a directory that was not read" : "could not be read"]));
  const unreadDirs = walk.skipped.filter((s) => s.directory).map((s) => s.file);
  const notModelPages: string[] = [];
  const claims = new Map<string, { file: string; entry: ImportedModel }[]>();
  for (const read of reads) {
    if (read.status === "unreadable") {
      problems.push({ file: read.file, line: read.line, kind: "unreadable", message: read.reason });
      unread.set(read.file, "could not be read");
    } else if (read.status === "not-a-model-page") {
      notModelPages.push(read.file);
      unread.set(read.file, "no longer reads as a model page");
    } else {
      for (const entry of read.entries) {
        const list = claims.get(entry.slug) ?? [];
        list.push({ file: read.file, entry });
        claims.set(entry.slug, list);
      }
    }
  }

  // No model page at all is a wrong directory far more often than a docs site without models: nothing is compared.
  if (claims.size === 0 && reads.every((r) => r.status === "not-a-model-page") && walk.skipped.length === 0) {
    throw new WalkRefusal(`no model page under ${options.docsDir}/models (${reads.length} .mdx page${reads.length === 1 ? "" : "s"}, none a model page): is it the docs repository?`);
  }

  const added: NewModel[] = [];
  const changed: ChangedModel[] = [];
  const seen = new Set<string>();
  const newKeys = new Map<string, string>();
  let unchanged = 0;
  for (const [slug, list] of claims) {
    seen.add(slug);
    const spec = index.bySlug.get(slug);
    let claim = list[0]!;
    if (list.length > 1) {
      // Two pages document one slug: the one the spec names wins; with none named, neither is taken.
      const named = spec?.url === undefined ? [] : list.filter((c) => namesPage(spec.url!, c.file));
      const winner = named.length === 1 ? named[0]! : undefined;
      for (const c of list) {
        if (c === winner) continue;
        const others = list.filter((o) => o !== c).map((o) => `${o.file}:${o.entry.line}`);
        problems.push({
          file: c.file,
          line: c.entry.line,
          kind: "duplicate",
          slug,
          message: `${slug} is documented more than once (also at ${others.join(", ")}); ${winner ? `the spec's page is ${winner.file}, so this one is not compared` : "neither is compared: remove the slug from the page it does not belong on"}`,
        });
      }
      if (!winner) continue;
      claim = winner;
    }
    const { file, entry } = claim;
    if (entry.problems.length > 0) {
      for (const p of entry.problems) problems.push({ file, line: p.line, kind: "page-numbers", slug, message: `${slug}: ${p.message}` });
      continue;
    }
    if (spec === undefined) {
      const key = inputTypeName(slug);
      const clash = index.keys.has(key) ? `the schema key ${key} of another model in ${index.files.models}` : newKeys.has(key) ? `the schema key of ${newKeys.get(key)}, also new` : undefined;
      if (clash) {
        problems.push({ file, line: entry.line, kind: "conflict", slug, message: `${slug} would have ${clash}: two slugs must not differ only in punctuation` });
        continue;
      }
      newKeys.set(key, slug);
      const merged = mergeModel(undefined, entry, file);
      if (merged.placeholders.length > 0) {
        problems.push({ file, line: entry.line, kind: "incomplete", slug, message: `${slug} is new, but the page does not show ${merged.placeholders.join(", ")} (\`pnpm new-model --from ${file}\` writes it with placeholders to fill in)` });
        continue;
      }
      added.push({ slug, file, line: entry.line, merged });
      continue;
    }
    if (isScaffold(spec)) {
      // `pnpm new-model <slug>` left placeholders; the page fills them in (the scaffold wrote the changeset).
      const merged = mergeModel(spec, entry, file);
      if (merged.placeholders.length > 0) {
        problems.push({ file, line: entry.line, kind: "incomplete", slug, message: `the page does not show ${merged.placeholders.join(", ")}, and the spec has a placeholder there` });
        continue;
      }
      merged.price.checked = options.checked;
      changed.push({ slug, file, line: entry.line, inputs: [], examples: [], priceChanges: [], other: [], scaffold: true, merged, dropped: [] });
      continue;
    }
    if (spec.url !== undefined && !namesPage(spec.url, file) && entry.schema.title !== spec.schema.title) {
      problems.push({
        file,
        line: entry.line,
        kind: "conflict",
        slug,
        message: `the page documents ${slug} as "${String(entry.schema.title)}", but the spec has it as "${String(spec.schema.title)}" from ${spec.url}: a copy of another model's page with the slug left unchanged? If the model really moved to this page, set its externalDocs url in ${index.files.models}:${spec.line.models} to this page and sync again`,
      });
      continue;
    }
    const merged = mergeModel(spec, entry, file);
    if (merged.placeholders.length > 0) {
      problems.push({ file, line: entry.line, kind: "incomplete", slug, message: `the page does not show ${merged.placeholders.join(", ")}, and the spec has no value for it` });
      continue;
    }
    const result = compareModel(spec.schema, spec.price ?? {}, merged, entry, file, options.checked);
    if (result) changed.push({ ...result, slug, file, line: entry.line, merged, dropped: merged.dropped });
    else unchanged++;
  }

  const removed: RemovedModel[] = [];
  for (const spec of index.bySlug.values()) {
    if (seen.has(spec.slug)) continue;
    if (isScaffold(spec)) {
      problems.push({ file: index.files.models, line: spec.line.models, kind: "not-compared", slug: spec.slug, message: `${spec.slug} is not compared: it is a \`pnpm new-model\` scaffold not filled in yet, and no page documents it` });
      continue;
    }
    const page = spec.url === undefined ? undefined : [...unread.keys()].find((f) => namesPage(spec.url!, f)) ?? unreadDirs.find((d) => underDirectory(spec.url!, d));
    if (page !== undefined) {
      const why = unread.has(page) && !unreadDirs.includes(page) ? `its page ${page} ${unread.get(page)}` : `its page would be under ${page}, which was not read`;
      problems.push({ file: index.files.models, line: spec.line.models, kind: "not-compared", slug: spec.slug, message: `${spec.slug} is not compared: ${why}` });
      continue;
    }
    removed.push({ slug: spec.slug, line: spec.line, ...(spec.url ? { url: spec.url } : {}) });
  }

  const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  added.sort(bySlug);
  removed.sort(bySlug);
  changed.sort(bySlug);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

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
    pages: { read: walk.pages.length, slugs: claims.size, notModelPages, ignoredFiles: walk.ignored },
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

type Compared = Omit<ChangedModel, "slug" | "file" | "line" | "merged" | "dropped">;

/** What differs between the spec's entries and the merged ones, or undefined when nothing does. */
function compareModel(schema: Obj, price: Obj, merged: MergedModel, entry: ImportedModel, file: string, checked: string): Compared | undefined {
  const withoutChecked = (p: Obj) => {
    const { checked: _, ...rest } = p;
    return stripped(rest);
  };
  const priceChanged = !deepEqual(withoutChecked(merged.price), withoutChecked(price));
  const schemaChanged = !deepEqual(stripped(merged.schema), stripped(schema));
  if (!priceChanged && !schemaChanged) return undefined;
  // The price was compared with the page today, and differs: it is dated today.
  if (priceChanged) merged.price.checked = checked;

  const inputs = compareInputs(schema, merged.schema).map((c) => {
    const top = "field" in c ? c.field.split(/[.[]/)[0]! : undefined;
    const line = top !== undefined && Object.hasOwn(entry.lines.fields, top) ? entry.lines.fields[top] : c.kind === "title" || c.kind === "provider" ? entry.line : undefined;
    return { ...c, ...(line !== undefined ? { line } : {}) };
  });
  const examples = compareExamples(price.examples, merged.price.examples);
  const source = deepEqual(price.source, merged.price.source) ? undefined : { from: price.source, to: merged.price.source };
  const other: string[] = [];
  // The pricing audit names base, unit, factors and prices; anything else of the entry is named here.
  for (const key of new Set([...Object.keys(price), ...Object.keys(merged.price)])) {
    if (["checked", "source", "base", "unit", "factors", "examples", "note"].includes(key)) continue;
    if (!deepEqual(stripped(price[key]), stripped(merged.price[key]))) other.push(`${file}: pricing ${key} differs`);
  }
  return { inputs, examples, priceChanges: [], ...(source ? { source } : {}), other };
}

function compareExamples(from: unknown, to: unknown): ExampleChange[] {
  const a = Array.isArray(from) ? from.filter(isObj) : [];
  const b = Array.isArray(to) ? to.filter(isObj) : [];
  const out: ExampleChange[] = [];
  for (const e of b) {
    const was = a.find((x) => canonical(x.input) === canonical(e.input));
    if (!was) out.push({ kind: "example-added", input: e.input, microCents: e.micro_cents });
    else if (!deepEqual(stripped(was), stripped(e))) out.push({ kind: "example-changed", input: e.input, from: was.micro_cents, to: e.micro_cents });
  }
  for (const e of a) if (!b.some((x) => canonical(x.input) === canonical(e.input))) out.push({ kind: "example-removed", input: e.input, microCents: e.micro_cents });
  return out;
}

function roundingOf(pricing: unknown): "half-up" | "half-even" | "floor" | "ceil" {
  const rule = isObj(pricing) ? pricing.rounding : undefined;
  return rule === "half-even" || rule === "floor" || rule === "ceil" ? rule : "half-up";
}

/** A model `pnpm new-model <slug>` scaffolded whose placeholders are not all filled in. */
function isScaffold(model: SpecModel): boolean {
  const has = (v: unknown): boolean => (typeof v === "string" ? v.startsWith(TODO_PREFIX) : Array.isArray(v) ? v.some(has) : isObj(v) ? Object.values(v).some(has) : false);
  return has(model.schema) || has(model.price);
}
