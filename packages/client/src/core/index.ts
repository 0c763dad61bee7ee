// The core entry, `@pixelbyte/client/core`: the client without any model. Its calls take model
// descriptors (`@pixelbyte/client/models/<slug>`), so a bundle holds exactly the models it imports.
// Modular: createBaseClient makes a client with no operation of its own and every operation is a
// function taking it (operations.ts, extras.ts), so a bundle holds only the operations it calls;
// createClient adds the job lifecycle as methods. `@pixelbyte/client` re-exports all of this with
// every model installed (slugs work too) and every member on its client.
export { createClient, type CoreMembers, type PixelByteClient } from "./client.js";
export {
  createBaseClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMER_MS,
  type BaseClient,
  type ClientOptions,
} from "./base.js";
export { cancelJob, estimate, getJob, price, run, submit, wait } from "./operations.js";
export type { BudgetOptions, BudgetState } from "./budget.js";
export type { Clock } from "./clock.js";
export type { PriceMismatch, PriceMismatchMode } from "./context.js";
export {
  AbortedError,
  APIError,
  AuthenticationError,
  BudgetExceededError,
  ConfigurationError,
  ConnectionError,
  errorClassFor,
  InputValidationError,
  InsufficientBalanceError,
  InvalidRequestError,
  InvalidResponseError,
  JobCancelledError,
  JobFailedError,
  JobMayExistError,
  NotFoundError,
  PermissionDeniedError,
  PixelByteError,
  PriceMismatchError,
  PriceUnavailableError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedJobStatusError,
  WaitTimeoutError,
  WebhookVerificationError,
  type AnyErrorCode,
  type BudgetInfo,
  type ValidationIssue,
  type WebhookRejection,
} from "./errors.js";
export type { EstimateOptions, JobPager, ListJobsParams, SubmitOptions } from "./jobs.js";
export {
  catalogOf,
  listJobs,
  modelsOf,
  providersOf,
  uploadsOf,
  type CatalogApi,
  type ClientMembers,
  type ModelsApi,
  type ProvidersApi,
  type UploadsApi,
} from "./extras.js";
export type { Logger } from "./logger.js";
export { validateModelInput, type InputOf, type ModelDescriptor, type ModelRegistry } from "./model.js";
export { createRedactor, FRAGMENT_LENGTH, MIN_SECRET_LENGTH, REDACTED, type Redactor } from "./redact.js";
export type { RetryTiming } from "./retry.js";
export type { FetchLike } from "./transport/http.js";
export type * from "./types.js";
export { uploadLimits, type UploadData, type UploadOptions } from "./uploads.js";
export type { JsonSchema } from "./validate.js";
export type { JsonObject, JsonValue } from "./json-value.js";
export { DEFAULT_NOT_FOUND_GRACE_MS, type RunOptions, type WaitOptions } from "./wait.js";
export { verifyWebhook, type VerifyWebhookOptions, type WebhookEvent, type WebhookHeaders } from "./webhooks.js";
export type { PriceQuote } from "@pixelbyte/pricing/runtime";
export { errorStatus, type ErrorCode } from "../gen/error-codes.gen.js";
export type { components, paths, webhooks } from "../gen/api.gen.js";
