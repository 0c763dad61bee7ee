export { estimate, isPricedSlug, pricedSlugs, pricingOf, type EstimateInput, type PricedSlug } from "./estimate.js";
export { modelPrices, modelPricing, type PricedInputs } from "./gen/index.gen.js";
export * from "./runtime/index.js";
