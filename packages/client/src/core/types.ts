import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import type { components } from "../gen/api.gen.js";

type Schemas = components["schemas"];

export type Job = Schemas["Job"];
export type JobStatus = Schemas["JobStatus"];
export type JobOutput = Schemas["JobOutput"];
export type JobSummary = Schemas["JobSummary"];
export type JobError = Schemas["JobError"];
export type UploadContentType = Schemas["UploadContentType"];

/** Every result carries the id of the request that produced it (undefined only if the server sent none). */
export type WithRequestId<T> = T & { readonly requestId: string | undefined };

/** A finished job: `outputs` is always an array and `output` is the first output's URL. */
export type CompletedJob = WithRequestId<Job & { status: "completed"; outputs: JobOutput[] }>;

/**
 * What run() resolves with: the completed job (`requestId` of the last poll) plus what submit
 * said about money, so a run is as auditable as a submit.
 */
export type RunResult = CompletedJob & {
  /** Micro-cents charged at submit (the submit response's costMicroCents). */
  readonly costMicroCents: number;
  /** The local price next to the charge; undefined when the model has no local price. */
  readonly price: PriceCheck | undefined;
  /** The submit's request id (quote it to support about the charge). */
  readonly submitRequestId: string | undefined;
};

/** The local price next to what the server charged. */
export interface PriceCheck {
  /** The local exact price (@pixelbyte/pricing). */
  readonly quote: PriceQuote;
  readonly quotedMicroCents: number;
  /** `costMicroCents` of the submit response. */
  readonly chargedMicroCents: number;
  readonly matches: boolean;
}

export type SubmitResult = WithRequestId<Schemas["SubmitJobResponse"]> & {
  /** Undefined when the model has no local price. */
  readonly price: PriceCheck | undefined;
};

/**
 * `refundedMicroCents` is null only when an earlier attempt's answer was lost and a retry found
 * the job already cancelled: the cancel happened, the server did not say the amount again.
 */
export type CancelResult = WithRequestId<Omit<Schemas["CancelJobResponse"], "refundedMicroCents">> & {
  readonly refundedMicroCents: number | null;
};

export type RemoteEstimate = Schemas["EstimateJobResponse"] & {
  /** Only from servers that answer with the older concept-page shape. */
  readonly factors?: Readonly<Record<string, unknown>>;
};

export type EstimateResult = WithRequestId<RemoteEstimate> & {
  /** The local exact price, undefined when the model has no local price. */
  readonly local: PriceQuote | undefined;
  /** estimatedCostMicroCents - local.microCents (discounts make it negative); undefined without a local price. */
  readonly differenceMicroCents: number | undefined;
};

export type JobListPage = WithRequestId<Schemas["JobList"]>;

export type Upload = WithRequestId<Schemas["Upload"]>;
export interface UploadResult {
  /** Put this URL in a job's input. */
  readonly fileUrl: string;
  readonly fileId: string;
  /** When the file is deleted. */
  readonly expiresAt: string;
  readonly contentType: UploadContentType;
  readonly size: number;
  readonly requestId: string | undefined;
}

export type ModelList = WithRequestId<Schemas["ModelList"]>;
export type ModelDetail = WithRequestId<Schemas["ModelDetail"]>;
export type ProviderList = WithRequestId<Schemas["ProviderList"]>;
export type ProviderModels = WithRequestId<Schemas["ProviderModels"]>;
export type CatalogModel = Schemas["CatalogModel"];
export type CatalogModelDetail = WithRequestId<Schemas["CatalogModelDetail"]>;
export type CatalogProvider = Schemas["CatalogProvider"];
export type CatalogProviderDetail = WithRequestId<Schemas["CatalogProviderDetail"]>;
export type CatalogCategory = Schemas["CatalogCategory"];
export type CapabilityGroup = Schemas["CapabilityGroup"];

/** Per-call transport options, accepted by every method. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Per attempt, including reading the body. Defaults to the client's. */
  timeoutMs?: number;
  /** Retries after the first attempt; defaults to the client's. Submit only ever retries where no job can exist. */
  maxRetries?: number;
}
