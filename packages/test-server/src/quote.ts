import { PricingError, computePrice, ownValue, type ModelPricing, type PriceQuote } from "@pixelbyte/pricing/runtime";
import { ApiFailure } from "./http.js";

export interface BreakdownItem {
  component: string;
  costMicroCents: number;
  value?: string | number | boolean;
  multiplier?: string;
  defaulted?: boolean;
}

/** The price of one input by the server's price table (the spec's, or a drifted one); a value it cannot price is INVALID_INPUT. */
export function quoteFor(pricing: Readonly<Record<string, ModelPricing>>, slug: string, input: Record<string, unknown>): PriceQuote {
  const def = ownValue(pricing, slug);
  if (!def) throw new ApiFailure("MODEL_NOT_FOUND", `model "${slug}" has no price`, { details: { model: slug } });
  try {
    return computePrice(def, input);
  } catch (error) {
    if (error instanceof PricingError) {
      throw new ApiFailure("INVALID_INPUT", `input.${error.field ?? "?"}: ${error.message}`, {
        details: { field: error.field, ...(error.allowed ? { allowed: error.allowed } : {}) },
      });
    }
    throw error;
  }
}

/**
 * The multiplicative price as additive components that sum to the quote exactly: the base, then
 * what each factor adds to the running product. Each running product is priced by the pricing
 * package itself (the definition cut after that factor), so rounding follows the model's rule and
 * the last one is the quote.
 */
export function additiveBreakdown(def: ModelPricing, input: Record<string, unknown>, quote: PriceQuote): BreakdownItem[] {
  const items: BreakdownItem[] = [{ component: "base_generation", costMicroCents: def.base }];
  let previous = def.base;
  quote.breakdown.forEach((part, i) => {
    const running = computePrice({ ...def, factors: def.factors.slice(0, i + 1) }, input).microCents;
    items.push({ component: part.field, costMicroCents: running - previous, value: part.value, multiplier: part.multiplier, defaulted: part.defaulted });
    previous = running;
  });
  if (previous !== quote.microCents) throw new Error(`breakdown of ${def.slug} sums to ${previous}, quote is ${quote.microCents}`);
  return items;
}
