import type { ModelDiff, PriceChange, RevisionDiff } from "@pixelbyte/pricing-audit";
import type { SpecFiles } from "../config.js";
import type { InputChange } from "./compare-inputs.js";
import type { DroppedNote, MergedModel } from "./merge.js";
import type { SpecTexts } from "./prices.js";

// What `pnpm models sync` finds: the report the text and JSON renderers print and `--write` applies.

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

