import { selectSlugs } from "./glob.js";
import { combinationCount, combinationsOf, defaultOf, extremeOf, priceOf, type Combination, type Price } from "./price.js";
import type { ModelSpec, Revision } from "./types.js";

export interface PricedCombination {
  readonly combination: Combination;
  readonly price: Price;
}

/** One model's line of the price table. */
export interface TableRow {
  readonly model: ModelSpec;
  readonly combinations: bigint;
  /** The price with every priced field omitted, or why there is none. */
  readonly default: PricedCombination | { readonly reason: string };
  readonly cheapest: PricedCombination;
  readonly dearest: PricedCombination;
}

export interface PriceTable {
  readonly revision: Revision;
  readonly rows: readonly TableRow[];
}

export interface TableOptions {
  /** Slug globs (`kling-plus/*`); every model when empty. */
  readonly models?: readonly string[];
}

/** Per model: base, unit, factors, default cost, cheapest and dearest combination. */
export function tableOf(revision: Revision, options: TableOptions = {}): PriceTable {
  const rows = selectModels(revision, options.models).map((model) => ({
    model,
    combinations: combinationCount(model),
    default: defaultOf(model, revision.rounding),
    cheapest: extremeOf(model, -1, revision.rounding),
    dearest: extremeOf(model, 1, revision.rounding),
  }));
  return { revision, rows };
}

/** Every combination of one model with its price, in enumeration order. */
export function* matrixOf(revision: Revision, model: ModelSpec): Generator<PricedCombination> {
  for (const combination of combinationsOf(model)) yield { combination, price: priceOf(model.base, combination, revision.rounding) };
}

export function selectModels(revision: Revision, globs: readonly string[] = []): ModelSpec[] {
  const wanted = new Set(selectSlugs(revision.models.map((m) => m.slug), globs, revision.label));
  return revision.models.filter((m) => wanted.has(m.slug));
}
