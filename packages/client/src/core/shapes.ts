import type { components } from "../gen/api.gen.js";
import type { Shape } from "./response.js";

type Schemas = components["schemas"];

// The fields each typed result relies on. Required (`!`) are the fields a caller cannot do
// without (ids, status, money); the spec's other fields are type-checked when present, because
// the documentation pages disagree on them (decision 3 in docs/decisions.md). One export per
// operation (imported as a namespace), so that a bundle keeps only the shapes its calls check.

export const submit = { jobId: "id!", status: "string!", costMicroCents: "microCents!", estimatedCompletionTime: "string", requestId: "string" } satisfies Shape<Schemas["SubmitJobResponse"]>;
export const job = {
  jobId: "id!",
  status: "string!",
  progress: "number",
  output: "string|null",
  outputs: "array|null",
  error: "object|null",
  createdAt: "string",
  completedAt: "string|null",
} satisfies Shape<Schemas["Job"]>;
export const cancel = { jobId: "id!", status: "string!", refundedMicroCents: "microCents!" } satisfies Shape<Schemas["CancelJobResponse"]>;
export const jobList = { jobs: "array!", nextCursor: "string|null", hasMore: "boolean" } satisfies Shape<Schemas["JobList"]>;
export const jobSummary = { jobId: "id!", status: "string!", model: "string", progress: "number", createdAt: "string", completedAt: "string|null" } satisfies Shape<Schemas["JobSummary"]>;
export const presign = { uploadUrl: "id!", fileUrl: "id!", fileId: "id!", expiresAt: "string!", maxSize: "microCents" } satisfies Shape<Schemas["PresignedUpload"]>;
export const upload = { id: "id!", fileUrl: "id!", status: "string!", filename: "string", contentType: "string", createdAt: "string", expiresAt: "string" } satisfies Shape<Schemas["Upload"]>;
export const modelList = { models: "array!" } satisfies Shape<Schemas["ModelList"]>;
export const model = { id: "id!", versions: "array" } satisfies Shape<Schemas["ModelDetail"]>;
export const modelSummary = { id: "id!" } satisfies Shape<Schemas["ModelSummary"]>;
export const providerList = { providers: "array!" } satisfies Shape<Schemas["ProviderList"]>;
export const provider = { id: "id!" } satisfies Shape<Schemas["Provider"]>;
export const providerModels = { provider: "object!", models: "array!" } satisfies Shape<Schemas["ProviderModels"]>;
export const catalogModel = { slug: "id!" } satisfies Shape<Schemas["CatalogModel"]>;
export const catalogModelDetail = { slug: "id!", inputSchema: "object!", siblings: "array" } satisfies Shape<Schemas["CatalogModelDetail"]>;
export const catalogProvider = { id: "id!" } satisfies Shape<Schemas["CatalogProvider"]>;
export const catalogProviderDetail = { id: "id!", models: "array!" } satisfies Shape<Schemas["CatalogProviderDetail"]>;
export const catalogCategory = { id: "id!" } satisfies Shape<Schemas["CatalogCategory"]>;
export const capabilityGroup = { id: "id!" } satisfies Shape<Schemas["CapabilityGroup"]>;
