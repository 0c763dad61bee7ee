import { inputTypeName } from "../model/names.js";
import type { ImportedModel } from "../page/index.js";
import { TODO_PREFIX } from "../scaffold/entries.js";
import { compareInputs, stripped } from "./compare-inputs.js";
import { mergeModel, namesPage, underDirectory, type MergedModel } from "./merge.js";
import type { PageRead } from "./read-pages.js";
import type { ChangedModel, ExampleChange, NewModel, RemovedModel, SyncProblem } from "./report.js";
import { isObj, type Obj, type SpecIndex, type SpecModel } from "./spec-index.js";
import { canonical, deepEqual } from "./values.js";
import { WalkRefusal, type WalkResult } from "./walk.js";

export interface Matched {
  added: NewModel[];
  changed: ChangedModel[];
  removed: RemovedModel[];
  unchanged: number;
  problems: SyncProblem[];
  notes: string[];
  notModelPages: string[];
  /** Model slugs the readable pages document. */
  slugs: number;
}

/**
 * The pages read, matched to the spec by slug: each slug a page documents is new, changed or the
 * same; each spec slug no page documents is removed, unless the page that would document it could
 * not be read ("not compared"). A slug on two pages, a page claiming another model's slug, a page
 * whose own numbers do not hold, and a new model the page cannot fully give are problems, and the
 * model is left alone. Prices are compared afterwards, on the whole spec (sync.ts).
 */
export function matchPages(index: SpecIndex, walk: WalkResult, reads: readonly PageRead[], options: { checked: string; docsDir: string }): Matched {
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
  return { added, changed, removed, unchanged, problems, notes, notModelPages, slugs: claims.size };
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

/** A model `pnpm new-model <slug>` scaffolded whose placeholders are not all filled in. */
export function isScaffold(model: SpecModel): boolean {
  const has = (v: unknown): boolean => (typeof v === "string" ? v.startsWith(TODO_PREFIX) : Array.isArray(v) ? v.some(has) : isObj(v) ? Object.values(v).some(has) : false);
  return has(model.schema) || has(model.price);
}
