import { definitionChangeJson, jsonInteger, priceChangeJson } from "@pixelbyte/pricing-audit";
import { differences } from "./render.js";
import type { SyncReport } from "./report.js";
import type { WriteOutcome } from "./write.js";

/** Bumped only when a key below is removed or changes meaning (keys may be added). */
export const SYNC_JSON_VERSION = 1;

/**
 * `pnpm -s models sync <docs-dir> --json`: one JSON object on stdout (progress, if any, goes to
 * stderr). A stable shape for CI; `version` changes only when a key is removed or changes meaning.
 *
 * ```
 * {
 *   version: 1,
 *   docsDir: string,
 *   pages: { read, slugs, notModelPages: string[], ignoredFiles },
 *   specModels: number,                      // models in the spec before the sync
 *   differences: number,                     // new + removed + changed models
 *   added:   [{ slug, page, line, baseMicroCents, unit, factors: string[] }],
 *   removed: [{ slug, specLine, url? }],
 *   changed: [{
 *     slug, page, line,
 *     inputs:   [{ kind, field?, line?, from?, to?, value?, keyword?, required?, type? }],
 *               //  kind: field-added | field-removed | type | enum-value-added | enum-value-removed |
 *               //        enum-order | default | limit | required | description | keyword | title |
 *               //        provider | docs-url
 *     prices: {
 *       definition: [...],                   // `pixelbyte pricing diff --format json` changes (base, unit, factor-added, value-added, multiplier ...)
 *       defaultCost: {...} | null,           // its price change object for the call omitting every priced field
 *       combinations: [{ model, input, from, to, changeMicroCents, percent }],   // every combination whose price changed
 *       combinationsAdded, combinationsRemoved
 *     },
 *     examples: [{ kind: example-added | example-removed | example-changed, input, microCents? | from, to }],
 *     source: { from, to } | null,
 *     other: string[],
 *     droppedNotes: [{ file: models | pricing, path, text, replacedBy? }],
 *     scaffold?: true                        // the spec's entries were `pnpm new-model` placeholders the page fills in
 *   }],
 *   unchanged: number,
 *   problems: [{ kind, file, line, slug?, message }],
 *               //  kind: unreadable | skipped | duplicate | conflict | incomplete | page-numbers | not-compared
 *   notes: string[],
 *   written: null | { files: string[], changesets: string[], removalsApplied: boolean, removalsHeld?: string,
 *                     generated: { written, unchanged, removed }, droppedComments: string[] }
 * }
 * ```
 */
export function syncJson(report: SyncReport, written: WriteOutcome | undefined): string {
  const value = {
    version: SYNC_JSON_VERSION,
    docsDir: report.docsDir,
    pages: report.pages,
    specModels: report.specModels,
    differences: differences(report),
    added: report.added.map((m) => {
      const price = report.prices.added.find((a) => a.slug === m.slug);
      return { slug: m.slug, page: m.file, line: m.line, baseMicroCents: price ? jsonInteger(price.base) : null, unit: price?.unit ?? null, factors: price?.factors.map((f) => f.field) ?? [] };
    }),
    removed: report.removed.map((m) => ({ slug: m.slug, specLine: m.line.models, ...(m.url ? { url: m.url } : {}) })),
    changed: report.changed.map((m) => ({
      slug: m.slug,
      page: m.file,
      line: m.line,
      inputs: m.inputs,
      prices: {
        definition: (m.price?.changes ?? []).filter((c) => c.kind !== "default" && c.kind !== "source" && c.kind !== "checked").map(definitionChangeJson),
        defaultCost: m.price?.defaultChange ? priceChangeJson(m.price.defaultChange) : null,
        combinations: m.priceChanges.map(priceChangeJson),
        combinationsAdded: jsonInteger(m.price?.combinationsAdded ?? 0n),
        combinationsRemoved: jsonInteger(m.price?.combinationsRemoved ?? 0n),
      },
      examples: m.examples,
      source: m.source ?? null,
      other: m.other,
      droppedNotes: m.dropped,
      ...(m.scaffold ? { scaffold: true } : {}),
    })),
    unchanged: report.unchanged,
    problems: report.problems.map((p) => ({ kind: p.kind, file: p.file, line: p.line, ...(p.slug ? { slug: p.slug } : {}), message: p.message })),
    notes: report.notes,
    written: written ?? null,
  };
  return `${JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? jsonInteger(v) : v), 2)}\n`;
}
