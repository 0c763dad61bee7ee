import type { components } from "../gen/api.gen.js";
import { describeValue } from "@pixelbyte/pricing/runtime";
import { checkId, MAX_ID_LENGTH } from "./check.js";
import { withRequestId, type Ctx } from "./context.js";
import { InputValidationError } from "./errors.js";
import { expectItems, expectShape, type Shape } from "./response.js";
import * as shapes from "./shapes.js";
import type { AuthMode, CallSpec } from "./transport/http.js";
import type {
  CapabilityGroup,
  CatalogCategory,
  CatalogModel,
  CatalogModelDetail,
  CatalogProvider,
  CatalogProviderDetail,
  ModelDetail,
  ModelList,
  ProviderList,
  ProviderModels,
  RequestOptions,
  WithRequestId,
} from "./types.js";

type Schemas = components["schemas"];

function spec(op: string, auth: AuthMode, o: RequestOptions): CallSpec {
  return { op, policy: "read", auth, signal: o.signal, timeoutMs: o.timeoutMs, maxRetries: o.maxRetries };
}

/** /v1/models*: opaque model ids; the pages ask for `x-api-key`, so both headers are sent (decision 2 in docs/decisions.md). */
export function modelsApi(ctx: Ctx) {
  const { api } = ctx.transport;
  return {
    async list(o: RequestOptions = {}): Promise<ModelList> {
      const r = await ctx.transport.call<unknown>(spec("models.list", "bearer+x-api-key", o), (fetch) => api.GET("/v1/models", { fetch }));
      return withRequestId(expectShape<Schemas["ModelList"]>("models.list", r.data, shapes.modelList, r.requestId, r.status, { field: "models", shape: shapes.modelSummary }), r.requestId);
    },
    async get(modelId: string, o: RequestOptions = {}): Promise<ModelDetail> {
      checkId("models.get", "modelId", modelId);
      const r = await ctx.transport.call<unknown>(spec("models.get", "bearer+x-api-key", o), (fetch) =>
        api.GET("/v1/models/{modelId}", { params: { path: { modelId } }, fetch }),
      );
      return withRequestId(expectShape<Schemas["ModelDetail"]>("models.get", r.data, shapes.model, r.requestId, r.status), r.requestId);
    },
  };
}

export function providersApi(ctx: Ctx) {
  const { api } = ctx.transport;
  return {
    async list(o: RequestOptions = {}): Promise<ProviderList> {
      const r = await ctx.transport.call<unknown>(spec("providers.list", "bearer+x-api-key", o), (fetch) => api.GET("/v1/providers", { fetch }));
      return withRequestId(expectShape<Schemas["ProviderList"]>("providers.list", r.data, shapes.providerList, r.requestId, r.status, { field: "providers", shape: shapes.provider }), r.requestId);
    },
    async models(providerId: string, o: RequestOptions = {}): Promise<ProviderModels> {
      checkId("providers.models", "providerId", providerId);
      const r = await ctx.transport.call<unknown>(spec("providers.models", "bearer+x-api-key", o), (fetch) =>
        api.GET("/v1/providers/{providerId}/models", { params: { path: { providerId } }, fetch }),
      );
      return withRequestId(expectShape<Schemas["ProviderModels"]>("providers.models", r.data, shapes.providerModels, r.requestId, r.status), r.requestId);
    },
  };
}

/** The public catalog, keyed by slug. Only the model list uses the key (for visibility and account pricing). */
export function catalogApi(ctx: Ctx) {
  const { api } = ctx.transport;
  const list = async <T extends object>(op: string, auth: AuthMode, o: RequestOptions, shape: Shape<T>, send: Parameters<Ctx["transport"]["call"]>[1]) => {
    const r = await ctx.transport.call<unknown>(spec(op, auth, o), send);
    return withRequestId(expectItems<T>(op, r.data, shape, r.requestId, r.status), r.requestId);
  };
  return {
    models(o: RequestOptions = {}): Promise<WithRequestId<CatalogModel[]>> {
      return list<CatalogModel>("catalog.models", "optional", o, shapes.catalogModel, (fetch) => api.GET("/v1/catalog/models", { fetch }));
    },
    /** A model by slug: `provider/model` (default capability) or `provider/model/capability`. */
    async model(slug: string, o: RequestOptions = {}): Promise<CatalogModelDetail> {
      const parts = typeof slug === "string" && slug.length <= 3 * MAX_ID_LENGTH ? slug.split("/") : [];
      if (parts.length !== 2 && parts.length !== 3) {
        throw new InputValidationError("catalog.model", [
          { path: "slug", rule: "pattern", message: `must be "provider/model" or "provider/model/capability" (got ${describeValue(slug)})` },
        ]);
      }
      // Each part is one path segment: the same rule as any id ("..", "%2e", "?" refused).
      for (const part of parts) checkId("catalog.model", "slug", part);
      const [provider, model, capability] = parts as [string, string, string | undefined];
      const r = await ctx.transport.call<unknown>(spec("catalog.model", "none", o), (fetch) =>
        capability === undefined
          ? api.GET("/v1/catalog/models/{provider}/{model}", { params: { path: { provider, model } }, fetch })
          : api.GET("/v1/catalog/models/{provider}/{model}/{capability}", { params: { path: { provider, model, capability } }, fetch }),
      );
      return withRequestId(expectShape<Schemas["CatalogModelDetail"]>("catalog.model", r.data, shapes.catalogModelDetail, r.requestId, r.status), r.requestId);
    },
    providers(o: RequestOptions = {}): Promise<WithRequestId<CatalogProvider[]>> {
      return list<CatalogProvider>("catalog.providers", "none", o, shapes.catalogProvider, (fetch) => api.GET("/v1/catalog/providers", { fetch }));
    },
    async provider(id: string, o: RequestOptions = {}): Promise<CatalogProviderDetail> {
      checkId("catalog.provider", "id", id);
      const r = await ctx.transport.call<unknown>(spec("catalog.provider", "none", o), (fetch) =>
        api.GET("/v1/catalog/providers/{id}", { params: { path: { id } }, fetch }),
      );
      return withRequestId(expectShape<Schemas["CatalogProviderDetail"]>("catalog.provider", r.data, shapes.catalogProviderDetail, r.requestId, r.status), r.requestId);
    },
    categories(o: RequestOptions = {}): Promise<WithRequestId<CatalogCategory[]>> {
      return list<CatalogCategory>("catalog.categories", "none", o, shapes.catalogCategory, (fetch) => api.GET("/v1/catalog/categories", { fetch }));
    },
    capabilityGroups(o: RequestOptions = {}): Promise<WithRequestId<CapabilityGroup[]>> {
      return list<CapabilityGroup>("catalog.capabilityGroups", "none", o, shapes.capabilityGroup, (fetch) => api.GET("/v1/catalog/capability-groups", { fetch }));
    },
  };
}
