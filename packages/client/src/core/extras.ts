// The client's less common parts as functions taking a client (the modular form of AWS SDK v3 or
// Firebase): a bundle holds a part only when it calls its function. Each returns exactly what the
// root entry's client has as a member (`uploadsOf(client)` is `client.uploads`): the root client is
// built from these same functions (withEveryMember), so there is one implementation of each.
import { catalogApi, modelsApi, providersApi } from "./catalog.js";
import type { BaseClient } from "./base.js";
import type { CoreMembers } from "./client.js";
import { internalsOf } from "./internals.js";
import { listJobs as pagesOfJobs, type JobPager, type ListJobsParams } from "./jobs.js";
import type { RequestOptions, Upload, UploadResult } from "./types.js";
import { getUpload, uploadFile, type UploadData, type UploadOptions } from "./uploads.js";

/** Temporary input files: `upload` returns the URL to put in a job's input. */
export interface UploadsApi {
  upload(data: UploadData, options?: UploadOptions): Promise<UploadResult>;
  get(id: string, options?: RequestOptions): Promise<Upload>;
}
/** /v1/models: the account's models by opaque id. */
export type ModelsApi = ReturnType<typeof modelsApi>;
/** /v1/providers. */
export type ProvidersApi = ReturnType<typeof providersApi>;
/** The public catalog, keyed by slug. */
export type CatalogApi = ReturnType<typeof catalogApi>;

/** Every member: the root entry's client (`@pixelbyte/client`), built with withEveryMember. */
export interface ClientMembers extends CoreMembers {
  readonly jobs: CoreMembers["jobs"] & {
    /** Every job across every page (see listJobs). */
    list(params?: ListJobsParams): JobPager;
  };
  readonly uploads: UploadsApi;
  readonly models: ModelsApi;
  readonly providers: ProvidersApi;
  readonly catalog: CatalogApi;
}

/**
 * Every job, page after page (cursor), as one async iterator; `pages()` yields the pages with their
 * requestId. Checks `params` at once (InputValidationError, nothing sent); stops with
 * InvalidResponseError if the server repeats a cursor. `client` is one made by createClient
 * (ConfigurationError otherwise); errors leave masked, as from the client's methods.
 */
export function listJobs(client: BaseClient, params?: ListJobsParams): JobPager {
  const { ctx, exit } = internalsOf(client, "listJobs");
  return exit.method((p?: ListJobsParams) => {
    const pager = pagesOfJobs(ctx, p);
    return { pages: () => exit.each(pager.pages()), [Symbol.asyncIterator]: () => exit.each(pager)[Symbol.asyncIterator]() };
  })(params);
}

/** `client.uploads` of the root entry, for any client (createBaseClient's, either entry's createClient's). */
export function uploadsOf(client: BaseClient): UploadsApi {
  const { ctx, exit } = internalsOf(client, "uploadsOf");
  return {
    upload: exit.method((data: UploadData, o?: UploadOptions) => uploadFile(ctx, data, o)),
    get: exit.method((id: string, o?: RequestOptions) => getUpload(ctx, id, o)),
  };
}

/** `client.models` of the root entry (GET /v1/models, /v1/models/{modelId}). */
export function modelsOf(client: BaseClient): ModelsApi {
  const { ctx, exit } = internalsOf(client, "modelsOf");
  return exit.all(modelsApi(ctx));
}

/** `client.providers` of the root entry (GET /v1/providers, /v1/providers/{providerId}/models). */
export function providersOf(client: BaseClient): ProvidersApi {
  const { ctx, exit } = internalsOf(client, "providersOf");
  return exit.all(providersApi(ctx));
}

/** `client.catalog` of the root entry (the public catalog: GET /v1/catalog/*). */
export function catalogOf(client: BaseClient): CatalogApi {
  const { ctx, exit } = internalsOf(client, "catalogOf");
  return exit.all(catalogApi(ctx));
}

/** Adds every modular part to a client as members (in place: its `budget` getter stays live). */
export function withEveryMember<C extends CoreMembers>(client: C): C & ClientMembers {
  const jobs = client.jobs as ClientMembers["jobs"] & { list?: ClientMembers["jobs"]["list"] };
  jobs.list = (params) => listJobs(client, params);
  return Object.assign(client, { uploads: uploadsOf(client), models: modelsOf(client), providers: providersOf(client), catalog: catalogOf(client) }) as C & ClientMembers;
}
