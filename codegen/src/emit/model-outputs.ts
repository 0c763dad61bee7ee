import type { RoundingRule } from "@pixelbyte/pricing/runtime";
import type { ErrorCodeEntry, ModelEntry, SpecModel } from "../model/types.js";
import { emitClientMaps, emitClientModel, type ClientMapView } from "./emit-client-models.js";
import { emitDocsFiles, emitDocsModel, type DocsView } from "./emit-docs.js";
import { emitPricingIndex, emitPricingModel, type PricingMapView } from "./emit-pricing.js";
import type { GeneratedFile } from "./render.js";

/**
 * What a model's own files and views read besides the model itself. Nothing else: the incremental
 * generate keys a model's outputs by exactly its schema, its price and this.
 */
export interface ModelContext {
  sources: SpecModel["sources"];
  rounding: RoundingRule;
}

/** What the files over every model read besides each model's views. */
export interface EmitContext extends ModelContext {
  errorCodes: ErrorCodeEntry[];
}

/**
 * What the files over every model (the maps, the docs) read of one model. JSON only: the incremental
 * generate keeps it between runs for every model that did not change, instead of building the model again.
 */
export interface ModelViews {
  client: ClientMapView;
  pricing: PricingMapView;
  docs: DocsView;
}

/** Everything one model contributes: its own files, and its views. */
export function emitModel(m: ModelEntry, ctx: ModelContext): { files: GeneratedFile[]; views: ModelViews } {
  const client = emitClientModel(m, ctx);
  const pricing = emitPricingModel(m, ctx);
  return { files: [...client.files, ...pricing.files], views: { client: client.view, pricing: pricing.view, docs: emitDocsModel(m) } };
}

/** The files over every model, from each model's views (in slug order). The API types are apart (emit-api-types.ts). */
export function emitWhole(views: readonly ModelViews[], ctx: EmitContext): GeneratedFile[] {
  return [
    ...emitClientMaps(views.map((v) => v.client), ctx),
    ...emitPricingIndex(views.map((v) => v.pricing), ctx),
    ...emitDocsFiles(views.map((v) => v.docs), ctx),
  ];
}
