import { exactDecimal } from "@pixelbyte/pricing/runtime";
import type { LoadedSpec } from "../load/load-spec.js";
import { isExactDecimal, parseDecimal, type Rational } from "../model/decimal.js";
import type { Problem } from "./problem.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The largest price the pricing runtime returns: Number.MAX_SAFE_INTEGER micro-cents (2^53 - 1,
 * about $9 billion), the largest integer a PriceQuote's `microCents` holds exactly. Intermediate
 * products may be far larger (they are computed in BigInt); only the price itself is bounded.
 */
export const MAX_PRICE_MICRO_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A model whose dearest combination (base × the largest multiplier of every factor, exactly) is
 * above MAX_PRICE_MICRO_CENTS: refused at its base, with the product spelled out, rather than
 * failing inside the pricing runtime on the first such input.
 */
export function checkPriceLimits(spec: LoadedSpec): Problem[] {
  const models = (spec.pricing.data as Obj)?.models;
  if (!isObj(models)) return [];
  const problems: Problem[] = [];
  for (const [slug, entry] of Object.entries(models)) {
    if (!isObj(entry) || !Number.isSafeInteger(entry.base)) continue;
    let dearest: Rational = { num: BigInt(entry.base as number), den: 1n };
    const terms = [String(entry.base)];
    for (const factor of Array.isArray(entry.factors) ? entry.factors : []) {
      const largest = largestMultiplier(factor);
      if (!largest) continue;
      dearest = { num: dearest.num * largest.value.num, den: dearest.den * largest.value.den };
      terms.push(largest.text);
    }
    if (dearest.num > MAX_PRICE_MICRO_CENTS * dearest.den) {
      problems.push(spec.pricing.problem(["models", slug, "base"], "price-limit", `the dearest combination costs ${exactDecimal(dearest.num, dearest.den)} micro-cents (${terms.join(" × ")}), above ${MAX_PRICE_MICRO_CENTS} (2^53 - 1, about $9 billion), the largest price a quote holds exactly`, "check the base (integer micro-cents per unit: 1,000,000 = $1) and the largest multipliers"));
    }
  }
  return problems;
}

/** The largest multiplier of one factor as written, and its exact value. */
function largestMultiplier(factor: unknown): { text: string; value: Rational } | undefined {
  if (!isObj(factor)) return undefined;
  if (isObj(factor.range) && Number.isSafeInteger(factor.range.max)) {
    return { text: String(factor.range.max), value: { num: BigInt(factor.range.max as number), den: 1n } };
  }
  if (!isObj(factor.table)) return undefined;
  let best: { text: string; value: Rational } | undefined;
  for (const text of Object.values(factor.table)) {
    if (!isExactDecimal(text)) continue;
    const value = parseDecimal(text);
    if (!best || value.num * best.value.den > best.value.num * value.den) best = { text, value };
  }
  return best;
}
