import { diffRevisions, parseRevision, type RevisionDiff } from "@pixelbyte/pricing-audit";

export interface SpecTexts {
  models: string;
  pricing: string;
}

/**
 * The price side of a sync, by the pricing audit's own diff (`pixelbyte pricing diff`): the spec as it
 * is against the spec as the pages would make it. Per model: base, unit, factors and values added or
 * removed, multipliers, and every combination whose price changed (old, new, change, percent).
 * Throws AuditError (one line, with the entry's line) when either side cannot be priced.
 */
export function diffPrices(files: { models: string; pricing: string }, spec: SpecTexts, pages: SpecTexts): RevisionDiff {
  const side = (label: string, texts: SpecTexts) => parseRevision({ label, origin: { kind: "text" }, pricingText: texts.pricing, modelsText: texts.models, modelsLabel: files.models });
  return diffRevisions(side(files.pricing, spec), side(`${files.pricing} from the pages`, pages));
}
