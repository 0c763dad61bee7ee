import { compare, integer, multiply, roundRational, type Rational, type RoundingRule } from "./rational.js";
import type { ModelSpec, PricedValue } from "./types.js";

/** A price: the exact product and the integer micro-cents it rounds to under the revision's rule. */
export interface Price {
  readonly exact: Rational;
  readonly microCents: bigint;
  readonly rounding: RoundingRule;
}

/** One combination of a model's priced values, one per factor, in factor order. */
export type Combination = readonly PricedValue[];

/** base × every multiplier, exactly, then rounded once. */
export function priceOf(base: bigint, values: Combination, rounding: RoundingRule): Price {
  let exact = integer(base);
  for (const v of values) exact = multiply(exact, v.multiplier);
  return { exact, microCents: roundRational(exact, rounding), rounding };
}

/** True when rounding changed the price (the exact product is not an integer). */
export function isRounded(price: Price): boolean {
  return price.exact.num % price.exact.den !== 0n;
}

/** How many combinations a model has (the product of its factors' value counts). */
export function combinationCount(model: ModelSpec): bigint {
  return model.factors.reduce((n, f) => n * BigInt(f.values.length), 1n);
}

/** Every combination of a model's priced values, the last factor varying fastest. */
export function* combinationsOf(model: ModelSpec): Generator<Combination> {
  const lists = model.factors.map((f) => f.values);
  if (lists.some((l) => l.length === 0)) return;
  const index = lists.map(() => 0);
  for (;;) {
    yield lists.map((l, i) => l[index[i]!]!);
    let k = lists.length - 1;
    while (k >= 0 && ++index[k]! === lists[k]!.length) index[k--] = 0;
    if (k < 0) return;
  }
}

/**
 * The combination at `index` of `combinationsOf`'s order (the last factor varying fastest), read as a
 * mixed-radix number, without enumerating the ones before it (`pricing verify --sample`).
 */
export function combinationAt(model: ModelSpec, index: bigint): Combination {
  const total = combinationCount(model);
  if (index < 0n || index >= total) throw new RangeError(`${model.slug} has ${total} combinations; there is none at ${index}`);
  const out: PricedValue[] = [];
  let rest = index;
  for (let i = model.factors.length - 1; i >= 0; i--) {
    const values = model.factors[i]!.values;
    const n = BigInt(values.length);
    out[i] = values[Number(rest % n)]!;
    rest /= n;
  }
  return out;
}

/** The cheapest (-1) or dearest (+1) combination: multipliers are independent and non-negative. */
export function extremeOf(model: ModelSpec, direction: 1 | -1, rounding: RoundingRule): { combination: Combination; price: Price } {
  const combination = model.factors.map((f) =>
    f.values.reduce((best, v) => (compare(v.multiplier, best.multiplier) === direction ? v : best)),
  );
  return { combination, price: priceOf(model.base, combination, rounding) };
}

/** The price of a call that omits every priced field (each at its schema default), or why there is none. */
export function defaultOf(model: ModelSpec, rounding: RoundingRule): { combination: Combination; price: Price } | { reason: string } {
  const combination: PricedValue[] = [];
  for (const f of model.factors) {
    if (f.default === undefined) return { reason: model.hasSchema ? `"${f.field}" has no default` : "no input schema to read defaults from" };
    const value = f.values.find((v) => v.key === f.default);
    if (value === undefined) return { reason: `the default of "${f.field}" (${f.default}) is not priced` };
    combination.push(value);
  }
  return { combination, price: priceOf(model.base, combination, rounding) };
}
