import { modelPrices, modelPricing, type PricedInputs } from "./gen/index.gen.js";
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
  // A Map holds own entries only: no slug reaches Object.prototype. The generated function is the
  // model's formula written out (src/gen/models/<slug>.gen.ts).
  const price = modelPrices.get(slug);
  if (price === undefined) throw unknownModel(slug);
  return price(input);
}

/** The generated price definition of one model (base, unit, factors), or a PricingError UNKNOWN_MODEL (also for a non-string slug). */
export function pricingOf(slug: string): ModelPricing {
  const def = ownValue(table, slug);
  if (def === undefined) throw unknownModel(slug);
  return def;
}

function unknownModel(slug: unknown): PricingError {
  const shown = describeValue(slug);
  return new PricingError({
    code: "UNKNOWN_MODEL",
    model: typeof slug === "string" ? slug : shown,
    value: slug,
    message: typeof slug === "string" ? `unknown model ${shown}${suggest(slug)}` : `the model slug must be a string (got ${shown})`,
  });
}

export function isPricedSlug(slug: unknown): slug is PricedSlug {
  return ownValue(table, slug) !== undefined;
}

export const pricedSlugs = Object.keys(table) as PricedSlug[];

function suggest(slug: string): string {
  const near = closestMatch(slug, Object.keys(table));
  return near === undefined ? "" : `; did you mean "${near}"?`;
}
