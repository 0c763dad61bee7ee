import { modelPricing, type PricedInputs } from "./gen/index.gen.js";
import { computePrice } from "./runtime/compute.js";
import { closestMatch } from "./runtime/closest.js";
import { PricingError, describeValue } from "./runtime/errors.js";
import { ownValue } from "./runtime/lookup.js";
import type { ModelPricing, PriceQuote } from "./runtime/types.js";

/** Every priced model slug. */
export type PricedSlug = keyof PricedInputs;

/**
 * What the input of a model's priced fields may be: each priced field is checked against its
 * documented values; other fields of the model's input pass through untouched.
 */
export type EstimateInput<S extends PricedSlug> = PricedInputs[S] & Readonly<Record<string, unknown>>;

const table: Readonly<Record<string, ModelPricing>> = modelPricing;

/**
 * The exact price of calling `slug` with `input`, in integer micro-cents, before anything is sent.
 * Omitted fields price at their documented defaults. Throws PricingError for an unknown slug or an
 * unpriced value, never returns 0 for something it cannot price.
 */
export function estimate<S extends PricedSlug>(slug: S, input?: EstimateInput<S>): PriceQuote {
  return computePrice(pricingOf(slug), input);
}

/** The generated price definition of one model (base, unit, factors), or a PricingError UNKNOWN_MODEL (also for a non-string slug). */
export function pricingOf(slug: string): ModelPricing {
  const def = ownValue(table, slug);
  if (def === undefined) {
    const shown = describeValue(slug);
    throw new PricingError({
      code: "UNKNOWN_MODEL",
      model: typeof slug === "string" ? slug : shown,
      value: slug,
      message: typeof slug === "string" ? `unknown model ${shown}${suggest(slug)}` : `the model slug must be a string (got ${shown})`,
    });
  }
  return def;
}

export function isPricedSlug(slug: unknown): slug is PricedSlug {
  return ownValue(table, slug) !== undefined;
}

export const pricedSlugs = Object.keys(table) as PricedSlug[];

function suggest(slug: string): string {
  const near = closestMatch(slug, Object.keys(table));
  return near === undefined ? "" : `; did you mean "${near}"?`;
}
