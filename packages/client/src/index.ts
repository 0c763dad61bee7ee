export {
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMER_MS,
  type ClientOptions,
  type PixelByteClient,
} from "./core/client.js";
export type { BudgetOptions, BudgetState } from "./core/budget.js";
export type { Clock } from "./core/clock.js";
export type { PriceMismatch, PriceMismatchMode } from "./core/context.js";
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
} from "./core/errors.js";
export type { EstimateOptions, JobPager, ListJobsParams, SubmitOptions } from "./core/jobs.js";
export type { Logger } from "./core/logger.js";
export { createRedactor, FRAGMENT_LENGTH, MIN_SECRET_LENGTH, REDACTED, type Redactor } from "./core/redact.js";
export type { RetryTiming } from "./core/retry.js";
export type { FetchLike } from "./core/transport/http.js";
export type * from "./core/types.js";
export { uploadLimits, type UploadData, type UploadOptions } from "./core/uploads.js";
export { validateModelInput, type JsonSchema } from "./core/validate.js";
export type { JsonObject, JsonValue } from "./core/json-value.js";
export { DEFAULT_NOT_FOUND_GRACE_MS, type RunOptions, type WaitOptions } from "./core/wait.js";
export { verifyWebhook, type VerifyWebhookOptions, type WebhookEvent, type WebhookHeaders } from "./core/webhooks.js";
export type { PriceQuote } from "@pixelbyte/pricing";

export type { ModelInputs, ModelSlug } from "./gen/model-inputs.gen.js";
export * from "./gen/model-inputs.gen.js";
export { errorStatus, type ErrorCode } from "./gen/error-codes.gen.js";
export { modelSchemas } from "./gen/model-schemas.gen.js";
export type { components, paths, webhooks } from "./gen/api.gen.js";
