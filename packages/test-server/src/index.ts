export { startServer, type RequestLogEntry, type TestServer } from "./server.js";
export {
  DEFAULT_API_KEY,
  DEFAULT_ACCOUNT,
  DEFAULT_TIMING,
  DEFAULT_WEBHOOK_SECRET,
  DOCUMENTED_WEBHOOK_RETRY_DELAYS_MS,
  type ApiKeyConfig,
  type Scope,
  type ServerOptions,
  type Timing,
} from "./options.js";
export { CORS_EXPOSED_HEADERS, type CorsOption } from "./cors.js";
export type { DriftOptions, PriceDrift, SchemaDrift } from "./drift.js";
export { FAULT_KINDS, type FaultKind, type FaultRule } from "./faults.js";
export { signWebhook, type DeliveryAttempt, type WebhookDelivery } from "./webhooks.js";
export type { JobRecord, JobStatus } from "./jobs.js";
export type { JobOutput } from "./outputs.js";
export type { UploadRecord } from "./uploads.js";
export { models as catalogModels, providers as catalogProviders, type ModelInfo, type ProviderInfo } from "./catalog.js";
export type { InputSchema } from "./spec-data.js";
