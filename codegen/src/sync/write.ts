import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import { writeChangeset } from "../scaffold/new-model.js";
import { definitionChangeText, specDiff } from "@pixelbyte/pricing-audit";
import { generateOnCopy } from "../scaffold/generate-on-copy.js";
import { formatProblem } from "../validate/problem.js";
import { recordFullRun } from "../write/stamp.js";
import { ownedDirs, writeFiles } from "../write/write-files.js";
import { slugFileName, writeChangesetFile, type Level } from "./changesets.js";
import type { SpecTexts } from "./prices.js";
import { inputText } from "./render.js";
import type { ChangedModel, SyncReport } from "./report.js";
import { specTexts } from "./sync.js";

export interface WriteOptions {
  root: string;
  files: SpecFiles;
  /** Apply removals too (models no page documents any more). */
  allowRemove: boolean;
}

export interface WriteOutcome {
  /** The spec files written (relative to the root). */
  files: string[];
  changesets: string[];
  removalsApplied: boolean;
  /** Why removals were not applied although there are some. */
  removalsHeld?: string;
  /** What regenerating did. */
  generated: { written: number; unchanged: number; removed: number };
  /** Comment lines that were inside a replaced or removed part of the spec. */
  droppedComments: string[];
}

/** The spec would not validate with the sync applied: nothing was written. */
export class SyncWriteProblems extends Error {
  override readonly name = "SyncWriteProblems";
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the spec the pages would give; nothing was written`);
  }
}

/**
 * `--write`: the new and changed models into spec/models.yaml and spec/pricing.yaml (and removals
 * with `allowRemove`, unless a page could not be read: a model on it would look removed), checked by
 * the whole `pnpm generate` pipeline on a copy first (SyncWriteProblems and nothing written when it
 * fails), then the spec, the regenerated files and a changeset per model.
 */
export async function writeSync(report: SyncReport, options: WriteOptions): Promise<WriteOutcome | undefined> {
  const unread = report.problems.filter((p) => p.kind === "unreadable" || p.kind === "skipped" || p.kind === "not-compared").length;
  let removalsHeld: string | undefined;
  if (report.removed.length > 0 && !options.allowRemove) removalsHeld = "pass --allow-remove to remove them";
  else if (report.removed.length > 0 && unread > 0) removalsHeld = `${unread} page${unread === 1 ? "" : "s"} could not be read, and a model on one would look removed: fix ${unread === 1 ? "it" : "them"} first`;
  const removed = removalsHeld === undefined ? report.removed : [];
  if (report.added.length + report.changed.length + removed.length === 0) return removalsHeld ? { files: [], changesets: [], removalsApplied: false, removalsHeld, generated: { written: 0, unchanged: 0, removed: 0 }, droppedComments: [] } : undefined;

  const texts = specTexts(report, report.texts.spec, report.added, report.changed, removed);
  const generated = await generateSynced(options.root, options.files, texts);
  // Everything is worked out before the first write.
  const priced = (m: ChangedModel) => m.priceChanges.length > 0 || (m.price?.changes.length ?? 0) > 0 || m.examples.length > 0 || m.source !== undefined;
  const filled = report.changed.filter((m) => !m.scaffold);
  const releases = await releasesOf(options.root, report.texts.spec, texts, [...filled.map((m) => ({ slug: m.slug, priced: priced(m) })), ...removed.map((m) => ({ slug: m.slug, priced: false }))]);
  await writeFile(path.resolve(options.root, options.files.models), texts.models);
  await writeFile(path.resolve(options.root, options.files.pricing), texts.pricing);
  const written = await writeFiles(options.root, generated, ownedDirs);
  await recordFullRun(options.root, options.files, generated);

  const changesets: string[] = [];
  // A new model: the scaffold's own changeset (minor for both packages, as the classifier's model-added).
  for (const m of report.added) changesets.push(await writeChangeset(options.root, m.slug));
  for (const m of filled) {
    const lines = changeLines(m, report);
    changesets.push(await writeChangesetFile(options.root, `sync-model-${slugFileName(m.slug)}`, releases.get(m.slug)!, `Update model \`${m.slug}\` from its docs page:\n\n${lines.map((l) => `- ${l}`).join("\n")}`));
  }
  for (const m of removed) changesets.push(await writeChangesetFile(options.root, `remove-model-${slugFileName(m.slug)}`, releases.get(m.slug)!, `Remove model \`${m.slug}\`: no docs page documents it any more.`));
  return {
    files: [options.files.models, options.files.pricing],
    changesets,
    removalsApplied: removed.length > 0,
    ...(removalsHeld ? { removalsHeld } : {}),
    generated: { written: written.written.length, unchanged: written.unchanged, removed: written.deleted.length },
    droppedComments: texts.droppedComments,
  };
}

/**
 * The release each generated package needs for each model the sync changes or removes, by the
 * spec-diff classifier (`pixelbyte spec diff`, packages/pricing-audit/src/spec-diff/rules.ts) run on
 * the spec before and after: one rule book for the scaffold, the sync and the CI gate. Prices set no
 * level there; a model whose price changed gets at least a patch of @pixelbyte/pricing here, so
 * the new price is released. A model the classifier finds no change in (an enum reordered) gets a
 * patch of both: its generated code still changed.
 */
async function releasesOf(root: string, before: SpecTexts, after: SpecTexts, models: readonly { slug: string; priced: boolean }[]): Promise<Map<string, Record<string, Level>>> {
  const tree = (label: string, texts: SpecTexts): specDiff.SpecTree => ({
    label,
    origin: { kind: "dir", dir: path.join(root, "spec") },
    documents: { models: "models.yaml", pricing: "pricing.yaml" },
    partial: false,
    read: async (file) => (file === "models.yaml" ? texts.models : file === "pricing.yaml" ? texts.pricing : undefined),
    name: (file) => `spec/${file}`,
  });
  const diff = await specDiff.diffSpecs(tree("spec", before), tree("spec (synced)", after));
  const out = new Map<string, Record<string, Level>>();
  for (const m of models) {
    const releases: Record<string, Level> = {};
    for (const c of diff.changes) {
      if (c.kind !== "model" || c.subject !== m.slug) continue;
      for (const p of c.packages) releases[p] = releases[p] === undefined ? c.level : (specDiff.maxLevel(releases[p], c.level) as Level);
    }
    if (m.priced && releases[specDiff.PRICING] === undefined) releases[specDiff.PRICING] = "patch";
    out.set(m.slug, Object.keys(releases).length > 0 ? releases : Object.fromEntries(specDiff.GENERATED_PACKAGES.map((p) => [p, "patch" as Level])));
  }
  return out;
}

/** The CHANGELOG lines of a changed model: its input changes and its price changes. */
function changeLines(m: ChangedModel, report: SyncReport): string[] {
  const lines = m.inputs.map((c) => `input ${inputText(c)}`);
  const model = report.prices.to.models.find((x) => x.slug === m.slug);
  const definition = (m.price?.changes ?? []).filter((c) => c.kind !== "default" && c.kind !== "source" && c.kind !== "checked");
  if (model) lines.push(...definition.map((c) => `price ${definitionChangeText(c, model)}`));
  if (m.priceChanges.length > 0) {
    const up = m.priceChanges.filter((c) => c.delta > 0n).length;
    lines.push(`price: ${m.priceChanges.length} combination${m.priceChanges.length === 1 ? "" : "s"} changed price (${up} up, ${m.priceChanges.length - up} down)`);
  }
  if (lines.length === 0) lines.push(m.examples.length > 0 ? "worked examples updated" : "entries updated");
  return lines;
}

/** `pnpm generate` (validation and emit, nothing written) on a copy of the spec holding the new texts. */
async function generateSynced(root: string, files: SpecFiles, texts: { models: string; pricing: string }) {
  // Generated headers name their sources by their path under the root: a spec outside it has none.
  const outside = Object.values(files).map((f) => path.relative(root, path.resolve(root, f))).find((f) => f.startsWith("..") || path.isAbsolute(f));
  if (outside !== undefined) throw new SyncWriteProblems([`--write needs the spec inside the repository: ${outside} is not`]);
  const result = await generateOnCopy(root, files, texts);
  if ("problems" in result) throw new SyncWriteProblems(result.problems.map(formatProblem));
  return result.generated;
}
