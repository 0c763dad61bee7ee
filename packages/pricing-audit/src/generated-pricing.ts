import { estimate, pricedSlugs, type PricedSlug } from "@pixelbyte/pricing";
import type { Estimator } from "./check.js";

/**
 * The production pricing (@pixelbyte/pricing, generated from the spec) as the second opinion of
 * `pricing check`. Used only to compare with: the audit computes every price itself.
 */
export const generatedEstimate: Estimator = (slug, input) => estimate(slug as PricedSlug, input as never);

export const generatedSlugs: readonly string[] = pricedSlugs;

export const GENERATED_NAME = "@pixelbyte/pricing estimate()";
