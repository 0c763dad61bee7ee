import type { ModelInputs } from "@pixelbyte/client";
import { estimate, formatUsd, type PriceQuote } from "@pixelbyte/pricing";

/** The model this app renders with, and the request its users fill in. */
export const MODEL = "kling-plus/kling-o3-standard/text-to-video";
export type VideoRequest = ModelInputs[typeof MODEL];

/** The exact price of a request, before anything is sent: shown to the user next to the button. */
export function priceRequest(request: VideoRequest): PriceQuote {
  return estimate(MODEL, { ...request });
}

/** "1,260,000 µ¢ ($1.26) = 84,000 µ¢/second × duration 10 × has_sound 1.5" */
export function describeQuote(quote: PriceQuote): string {
  const terms = [`${quote.baseMicroCents.toLocaleString("en-US")} µ¢/${quote.unit}`, ...quote.breakdown.map((f) => `${f.field} ${f.multiplier}`)];
  return `${quote.microCents.toLocaleString("en-US")} µ¢ (${formatUsd(quote.microCents)}) = ${terms.join(" × ")}`;
}
