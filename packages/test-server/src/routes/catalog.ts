import { closestMatch } from "@pixelbyte/pricing/runtime";
import { capabilityGroups, categories, VERSION_ID, type Catalog, type ModelInfo, type ProviderInfo } from "../catalog.js";
import { ApiFailure, ok } from "../http.js";
import type { Ctx, Route } from "../router.js";

// Public catalog (keyed by slug) and the keyed /v1/models, /v1/providers family (opaque ids).

const RATE_LIMITS = { requestsPerMinute: 60, requestsPerDay: 5000 };

function providerRef(c: Catalog, m: ModelInfo) {
  const p = c.providers.find((x) => x.id === m.providerId)!;
  return { id: p.id, name: p.name, logoUrl: p.logoUrl };
}

function catalogModel(c: Catalog, m: ModelInfo) {
  return { slug: m.slug, provider: providerRef(c, m), name: m.name, category: m.category, capability: m.capability, pricing: m.pricing, tags: m.tags, ratings: { average: 0, count: 0 } };
}

function catalogDetail(c: Catalog, m: ModelInfo) {
  return {
    slug: m.slug,
    provider: providerRef(c, m),
    name: m.name,
    description: m.description,
    category: m.category,
    capability: m.capability,
    inputSchema: m.inputSchema,
    pricing: m.pricing,
    siblings: c.siblingsOf(m).map((s) => ({ slug: s.slug, capability: s.capability })),
  };
}

function catalogProvider(p: ProviderInfo) {
  const { models: list, categories: _c, ...rest } = p;
  return { ...rest, modelCount: list.length };
}

function catalogProviderDetail(p: ProviderInfo) {
  const { models: list, categories: _c, ...rest } = p;
  return {
    ...rest,
    models: list.map((m) => ({ slug: m.slug, name: m.name, description: m.description, category: m.category, capability: m.capability, pricing: m.pricing, tags: m.tags })),
  };
}

function provider(p: ProviderInfo) {
  const { models: _m, ...rest } = p;
  return { ...rest, isActive: true };
}

function modelSummary(c: Catalog, m: ModelInfo) {
  return {
    id: m.id,
    providerId: m.providerId,
    providerName: providerRef(c, m).name,
    name: m.name,
    description: m.description,
    category: m.category,
    currentVersion: VERSION_ID,
    versionCount: 1,
    currentVersionPricing: m.pricing,
    slug: m.slug,
  };
}

function modelDetail(c: Catalog, m: ModelInfo) {
  const { versionCount: _v, currentVersionPricing: _p, ...summary } = modelSummary(c, m);
  return {
    ...summary,
    versions: [
      {
        versionId: VERSION_ID,
        status: "active",
        inputSchema: m.inputSchema,
        outputSchema: {
          type: "object",
          properties: { output: { type: "string", format: "uri" }, outputs: { type: "array", items: { type: "object", properties: { url: { type: "string" }, type: { const: m.category } } } } },
        },
        pricing: m.pricing,
        rateLimits: RATE_LIMITS,
      },
    ],
  };
}

function catalogModelBySegments(ctx: Ctx) {
  const slug = [ctx.params.provider, ctx.params.model, ctx.params.capability].filter((s) => s !== undefined).join("/");
  const c = ctx.state.catalog;
  const m = c.resolveSlug(slug);
  if (!m) {
    const near = closestMatch(slug, c.models.map((x) => x.slug));
    throw new ApiFailure("MODEL_NOT_FOUND", `No catalog model "${slug}"${near ? `; did you mean "${near}"?` : ""}`, { details: { model: slug, ...(near ? { suggestion: near } : {}) } });
  }
  return ok(catalogDetail(c, m));
}

function findProvider(c: Catalog, id: string): ProviderInfo {
  const p = c.providers.find((x) => x.id === id);
  if (!p) {
    const near = closestMatch(id, c.providers.map((x) => x.id));
    throw new ApiFailure("NOT_FOUND", `No provider "${id}"${near ? `; did you mean "${near}"?` : ""}`, { details: { providerId: id, ...(near ? { suggestion: near } : {}) } });
  }
  return p;
}

export const catalogRoutes: Route[] = [
  { method: "GET", path: "/v1/catalog/models", operationId: "listCatalogModels", auth: "optional-bearer", api: true, handle: (ctx) => ok(ctx.state.catalog.models.map((m) => catalogModel(ctx.state.catalog, m))) },
  { method: "GET", path: "/v1/catalog/models/{provider}/{model}", operationId: "getCatalogModel", auth: "public", api: true, handle: catalogModelBySegments },
  { method: "GET", path: "/v1/catalog/models/{provider}/{model}/{capability}", operationId: "getCatalogModelCapability", auth: "public", api: true, handle: catalogModelBySegments },
  { method: "GET", path: "/v1/catalog/providers", operationId: "listCatalogProviders", auth: "public", api: true, handle: (ctx) => ok(ctx.state.catalog.providers.map(catalogProvider)) },
  { method: "GET", path: "/v1/catalog/providers/{id}", operationId: "getCatalogProvider", auth: "public", api: true, handle: (ctx) => ok(catalogProviderDetail(findProvider(ctx.state.catalog, ctx.params.id!))) },
  { method: "GET", path: "/v1/catalog/categories", operationId: "listCatalogCategories", auth: "public", api: true, handle: (ctx) => ok(categories(ctx.state.catalog.models)) },
  { method: "GET", path: "/v1/catalog/capability-groups", operationId: "listCatalogCapabilityGroups", auth: "public", api: true, handle: (ctx) => ok(capabilityGroups(ctx.state.catalog.models)) },

  { method: "GET", path: "/v1/models", operationId: "listModels", auth: "bearer-or-api-key", scope: "list_models", api: true, handle: (ctx) => ok({ models: ctx.state.catalog.models.map((m) => modelSummary(ctx.state.catalog, m)) }) },
  {
    method: "GET",
    path: "/v1/models/{modelId}",
    operationId: "getModel",
    auth: "bearer-or-api-key",
    scope: "list_models",
    api: true,
    handle: (ctx) => {
      const m = ctx.state.catalog.modelById(ctx.params.modelId!);
      if (!m) throw new ApiFailure("MODEL_NOT_FOUND", `No model with id ${ctx.params.modelId} (ids come from GET /v1/models; slugs are not ids).`, { details: { modelId: ctx.params.modelId } });
      return ok(modelDetail(ctx.state.catalog, m));
    },
  },
  { method: "GET", path: "/v1/providers", operationId: "listProviders", auth: "bearer-or-api-key", scope: "list_models", api: true, handle: (ctx) => ok({ providers: ctx.state.catalog.providers.map(provider) }) },
  {
    method: "GET",
    path: "/v1/providers/{providerId}/models",
    operationId: "listProviderModels",
    auth: "bearer-or-api-key",
    scope: "list_models",
    api: true,
    handle: (ctx) => {
      const p = findProvider(ctx.state.catalog, ctx.params.providerId!);
      return ok({
        provider: provider(p),
        models: p.models.map((m) => {
          const { providerId: _i, providerName: _n, ...rest } = modelSummary(ctx.state.catalog, m);
          return rest;
        }),
      });
    },
  },
];
