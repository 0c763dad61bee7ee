import type { PriceChange } from "./diff.js";
import { priceOf, type Price } from "./price.js";
import { divide, integer, multiply, type RoundingRule } from "./rational.js";
import type { ModelSpec, PricedValue } from "./types.js";

/**
 * Walks every combination over the priced fields of either revision (each field's values: the new
 * revision's, then those only the old one priced). A revision that does not price a field ignores
 * it; a combination holding a value one revision does not price exists only in the other.
 */
export function compareCombinations(
  old: ModelSpec,
  now: ModelSpec,
  fromRule: RoundingRule,
  toRule: RoundingRule,
  out: PriceChange[],
): { compared: bigint; added: bigint; removed: bigint } {
  const fields: string[] = [...now.factors.map((f) => f.field), ...old.factors.filter((f) => !now.factors.some((g) => g.field === f.field)).map((f) => f.field)];
  const keys: string[][] = fields.map((field) => {
    const n = now.factors.find((f) => f.field === field)?.values.map((v) => v.key) ?? [];
    const o = old.factors.find((f) => f.field === field)?.values.map((v) => v.key) ?? [];
    return [...n, ...o.filter((k) => !n.includes(k))];
  });
  const lookup = (m: ModelSpec) => m.factors.map((f) => ({ at: fields.indexOf(f.field), values: new Map<string, PricedValue>(f.values.map((v) => [v.key, v])) }));
  const oldLookup = lookup(old);
  const newLookup = lookup(now);
  const pick = (l: typeof oldLookup, chosen: string[]): PricedValue[] | undefined => {
    const values: PricedValue[] = [];
    for (const { at, values: map } of l) {
      const v = map.get(chosen[at]!);
      if (v === undefined) return undefined;
      values.push(v);
    }
    return values;
  };

  let compared = 0n;
  let added = 0n;
  let removed = 0n;
  if (keys.some((k) => k.length === 0)) return { compared, added, removed };
  const index = keys.map(() => 0);
  for (;;) {
    const chosen = keys.map((k, i) => k[index[i]!]!);
    const o = pick(oldLookup, chosen);
    const n = pick(newLookup, chosen);
    if (o && n) {
      compared++;
      const before = priceOf(old.base, o, fromRule);
      const after = priceOf(now.base, n, toRule);
      if (before.microCents !== after.microCents) out.push(change(now.slug, Object.fromEntries(fields.map((f, i) => [f, chosen[i]!])), before, after));
    } else if (n) added++;
    else if (o) removed++;
    let k = keys.length - 1;
    while (k >= 0 && ++index[k]! === keys[k]!.length) index[k--] = 0;
    if (k < 0) break;
  }
  return { compared, added, removed };
}

export function change(model: string, input: Record<string, string>, from: Price, to: Price): PriceChange {
  const delta = to.microCents - from.microCents;
  const percent = from.microCents === 0n ? undefined : multiply(divide(integer(delta), integer(from.microCents)), integer(100n));
  return { model, input, from, to, delta, percent };
}
