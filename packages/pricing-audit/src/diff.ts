import { change, compareCombinations } from "./diff-combinations.js";
import { defaultOf, type Price } from "./price.js";
import { compare, type Rational, type RoundingRule } from "./rational.js";
import type { FactorSpec, ModelSpec, Revision } from "./types.js";

/** One change to a model's price definition. */
export type DefinitionChange =
  | { readonly kind: "base"; readonly from: bigint; readonly to: bigint }
  | { readonly kind: "unit"; readonly from: string; readonly to: string }
  | { readonly kind: "factor-added"; readonly field: string; readonly factor: FactorSpec }
  | { readonly kind: "factor-removed"; readonly field: string; readonly factor: FactorSpec }
  | { readonly kind: "factor-kind"; readonly field: string; readonly from: FactorSpec["kind"]; readonly to: FactorSpec["kind"] }
  | { readonly kind: "value-added"; readonly field: string; readonly value: string; readonly multiplier: string }
  | { readonly kind: "value-removed"; readonly field: string; readonly value: string; readonly multiplier: string }
  | { readonly kind: "multiplier"; readonly field: string; readonly value: string; readonly from: string; readonly to: string }
  | { readonly kind: "default"; readonly field: string; readonly from: string | undefined; readonly to: string | undefined }
  | { readonly kind: "source" | "checked"; readonly from: unknown; readonly to: unknown };

/** One price that differs between the revisions: the same input, two prices. */
export interface PriceChange {
  readonly model: string;
  /** Field -> value (as table keys), over the priced fields of either revision. */
  readonly input: Readonly<Record<string, string>>;
  readonly from: Price;
  readonly to: Price;
  /** to - from, in integer micro-cents (the billed, rounded prices). */
  readonly delta: bigint;
  /** delta / from × 100, exactly; undefined when the old price was 0. */
  readonly percent: Rational | undefined;
  /** True for the cost of a call omitting every priced field (`input` holds the new defaults). */
  readonly isDefault?: boolean;
}

export interface ModelDiff {
  readonly slug: string;
  readonly changes: readonly DefinitionChange[];
  /** Combinations priced by both revisions, and of those the ones whose price changed. */
  readonly compared: bigint;
  readonly changed: number;
  readonly increases: number;
  readonly decreases: number;
  /** Combinations priced only by the new (added) or only by the old revision (removed). */
  readonly combinationsAdded: bigint;
  readonly combinationsRemoved: bigint;
  /** The price of a call that omits every priced field, when it changed. */
  readonly defaultChange?: PriceChange;
}

export interface DiffSummary {
  readonly modelsAdded: number;
  readonly modelsRemoved: number;
  readonly modelsChanged: number;
  readonly basesChanged: number;
  readonly unitsChanged: number;
  readonly factorsAdded: number;
  readonly factorsRemoved: number;
  readonly valuesAdded: number;
  readonly valuesRemoved: number;
  readonly multipliersChanged: number;
  readonly defaultsChanged: number;
  readonly combinationsCompared: bigint;
  readonly combinationsChanged: number;
  readonly increases: number;
  readonly decreases: number;
  readonly combinationsAdded: bigint;
  readonly combinationsRemoved: bigint;
}

export interface RevisionDiff {
  readonly from: Revision;
  readonly to: Revision;
  readonly rounding?: { readonly from: RoundingRule; readonly to: RoundingRule };
  readonly added: readonly ModelSpec[];
  readonly removed: readonly ModelSpec[];
  /** Models in both revisions with any change (definition, provenance or price), by slug. */
  readonly models: readonly ModelDiff[];
  /** Every combination whose billed price changed, by model then enumeration order. */
  readonly priceChanges: readonly PriceChange[];
  readonly summary: DiffSummary;
}

/** What changed from one pricing revision to another, down to every combination's price. */
export function diffRevisions(from: Revision, to: Revision): RevisionDiff {
  const before = new Map(from.models.map((m) => [m.slug, m]));
  const after = new Map(to.models.map((m) => [m.slug, m]));
  const added = to.models.filter((m) => !before.has(m.slug));
  const removed = from.models.filter((m) => !after.has(m.slug));
  const priceChanges: PriceChange[] = [];
  const all: ModelDiff[] = [];
  for (const old of from.models) {
    const now = after.get(old.slug);
    if (now !== undefined) all.push(diffModel(old, now, from.rounding, to.rounding, priceChanges));
  }
  const models = all.filter((d) => d.changes.length > 0 || d.changed > 0 || d.combinationsAdded > 0n || d.combinationsRemoved > 0n || d.defaultChange);
  const count = (kind: DefinitionChange["kind"]) => models.reduce((n, m) => n + m.changes.filter((c) => c.kind === kind).length, 0);
  const sum = (k: "compared" | "combinationsAdded" | "combinationsRemoved") => all.reduce((n, m) => n + m[k], 0n);
  return {
    from,
    to,
    ...(from.rounding !== to.rounding ? { rounding: { from: from.rounding, to: to.rounding } } : {}),
    added,
    removed,
    models,
    priceChanges,
    summary: {
      modelsAdded: added.length,
      modelsRemoved: removed.length,
      modelsChanged: models.length,
      basesChanged: count("base"),
      unitsChanged: count("unit"),
      factorsAdded: count("factor-added"),
      factorsRemoved: count("factor-removed"),
      valuesAdded: count("value-added"),
      valuesRemoved: count("value-removed"),
      multipliersChanged: count("multiplier"),
      defaultsChanged: count("default"),
      combinationsCompared: sum("compared"),
      combinationsChanged: priceChanges.length,
      increases: priceChanges.filter((c) => c.delta > 0n).length,
      decreases: priceChanges.filter((c) => c.delta < 0n).length,
      combinationsAdded: sum("combinationsAdded"),
      combinationsRemoved: sum("combinationsRemoved"),
    },
  };
}

function diffModel(old: ModelSpec, now: ModelSpec, fromRule: RoundingRule, toRule: RoundingRule, out: PriceChange[]): ModelDiff {
  const changes: DefinitionChange[] = [];
  if (old.base !== now.base) changes.push({ kind: "base", from: old.base, to: now.base });
  if (old.unit !== now.unit) changes.push({ kind: "unit", from: old.unit, to: now.unit });
  const oldFactors = new Map(old.factors.map((f) => [f.field, f]));
  const newFactors = new Map(now.factors.map((f) => [f.field, f]));
  for (const f of now.factors) if (!oldFactors.has(f.field)) changes.push({ kind: "factor-added", field: f.field, factor: f });
  for (const f of old.factors) if (!newFactors.has(f.field)) changes.push({ kind: "factor-removed", field: f.field, factor: f });
  for (const f of now.factors) {
    const o = oldFactors.get(f.field);
    if (o === undefined) continue;
    if (o.kind !== f.kind) changes.push({ kind: "factor-kind", field: f.field, from: o.kind, to: f.kind });
    const oldValues = new Map(o.values.map((v) => [v.key, v]));
    const newValues = new Map(f.values.map((v) => [v.key, v]));
    for (const v of f.values) {
      const ov = oldValues.get(v.key);
      if (ov === undefined) changes.push({ kind: "value-added", field: f.field, value: v.key, multiplier: v.text });
      else if (compare(ov.multiplier, v.multiplier) !== 0) changes.push({ kind: "multiplier", field: f.field, value: v.key, from: ov.text, to: v.text });
    }
    for (const v of o.values) if (!newValues.has(v.key)) changes.push({ kind: "value-removed", field: f.field, value: v.key, multiplier: v.text });
    if (o.default !== f.default && old.hasSchema && now.hasSchema) changes.push({ kind: "default", field: f.field, from: o.default, to: f.default });
  }
  if (old.source !== now.source) changes.push({ kind: "source", from: old.source, to: now.source });
  if (old.checked !== now.checked) changes.push({ kind: "checked", from: old.checked, to: now.checked });

  const first = out.length;
  const counts = compareCombinations(old, now, fromRule, toRule, out);
  const mine = out.slice(first);
  const oldDefault = defaultOf(old, fromRule);
  const newDefault = defaultOf(now, toRule);
  const defaultChange =
    "price" in oldDefault && "price" in newDefault && oldDefault.price.microCents !== newDefault.price.microCents
      ? { ...change(now.slug, Object.fromEntries(now.factors.map((f) => [f.field, f.default!])), oldDefault.price, newDefault.price), isDefault: true }
      : undefined;
  return {
    slug: now.slug,
    changes,
    compared: counts.compared,
    changed: mine.length,
    increases: mine.filter((c) => c.delta > 0n).length,
    decreases: mine.filter((c) => c.delta < 0n).length,
    combinationsAdded: counts.added,
    combinationsRemoved: counts.removed,
    ...(defaultChange ? { defaultChange } : {}),
  };
}

/**
 * The increases beyond `thresholdPercent` (strictly above it; 0 means any increase): every
 * combination's, and the cost of a call omitting the priced fields where a schema default moved
 * (a change no single combination shows).
 */
export function increasesBeyond(diff: RevisionDiff, thresholdPercent: Rational): PriceChange[] {
  const moved = diff.models.filter((m) => m.defaultChange && m.changes.some((c) => c.kind === "default"));
  const all = [...diff.priceChanges, ...moved.map((m) => m.defaultChange!)];
  return all.filter((c) => c.delta > 0n && (c.percent === undefined || compare(c.percent, thresholdPercent) > 0));
}
