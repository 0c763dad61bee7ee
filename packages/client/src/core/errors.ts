import { errorStatus, type ErrorCode } from "../gen/error-codes.gen.js";
import type { Job, PriceCheck } from "./types.js";

/** A documented error code, or any other string the server may send. */
export type AnyErrorCode = ErrorCode | (string & {});

export interface ErrorInit {
  code: AnyErrorCode;
  status?: number | undefined;
  requestId?: string | undefined;
  details?: Readonly<Record<string, unknown>> | undefined;
  cause?: unknown;
}

/**
 * Base of every error the client throws. `code`, `status`, `requestId` and `details` are always
 * present (undefined where they do not apply). Never holds request headers, so never the API key.
 */
export class PixelByteError extends Error {
  override readonly name: string = "PixelByteError";
  readonly code: AnyErrorCode;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  /**
   * Set on every error raised after a submit created the job (run, wait, a price mismatch): the
   * job keeps existing and may be charged, so the error says which one (see nameJob).
   */
  declare readonly jobId?: string;
  /** With jobId, after a submit: micro-cents the server charged (its `costMicroCents`). */
  declare readonly chargedMicroCents?: number;
  /** With jobId, after a submit: the local price next to the charge, as SubmitResult.price. */
  declare readonly price?: PriceCheck;

  constructor(message: string, init: ErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
  }

  /** Own fields plus name and message; `cause` is left out (it is an arbitrary object). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of Object.keys(this)) out[key] = (this as unknown as Record<string, unknown>)[key];
    return out;
  }
}

/** Refused locally before anything was sent: missing API key, bad options. */
export class ConfigurationError extends PixelByteError {
  override readonly name: string = "ConfigurationError";
}

// ---------------------------------------------------------------------------------------------
// Errors answered by the API (an HTTP status was received).

export class APIError extends PixelByteError {
  override readonly name: string = "APIError";
  declare readonly status: number;
}

/** 400: the request was rejected (bad input, slug, webhook URL, content type, job not cancellable). */
export class InvalidRequestError extends APIError {
  override readonly name: string = "InvalidRequestError";
}
/** 401: missing, invalid, inactive or expired API key. */
export class AuthenticationError extends APIError {
  override readonly name: string = "AuthenticationError";
}
/** 402: not enough balance for this job. */
export class InsufficientBalanceError extends APIError {
  override readonly name: string = "InsufficientBalanceError";
}
/** 403: the key lacks a scope, the IP is not allowed, or the model/job is not accessible. */
export class PermissionDeniedError extends APIError {
  override readonly name: string = "PermissionDeniedError";
}
/** 404: unknown model, version, job, upload or user. */
export class NotFoundError extends APIError {
  override readonly name: string = "NotFoundError";
}
/** 429: too many concurrent jobs. `retryAfterMs` is what the server asked for, when it said. */
export class RateLimitError extends APIError {
  override readonly name: string = "RateLimitError";
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: ErrorInit & { retryAfterMs?: number | undefined }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}
/** 5xx. */
export class ServerError extends APIError {
  override readonly name: string = "ServerError";
}
/** A response whose body could not be read as the expected JSON (truncated, malformed, an HTML page). */
export class InvalidResponseError extends APIError {
  override readonly name: string = "InvalidResponseError";
}

type ApiErrorClass = new (message: string, init: ErrorInit & { retryAfterMs?: number | undefined }) => APIError;

function classForStatus(status: number): ApiErrorClass {
  switch (status) {
    case 400:
    case 422:
      return InvalidRequestError;
    case 401:
      return AuthenticationError;
    case 402:
      return InsufficientBalanceError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? ServerError : APIError;
  }
}

/**
 * The class of an API error. A documented code always maps to the class of its documented status
 * (from the generated errorStatus table), whatever status it arrived with, so each code has exactly
 * one class; unknown codes fall back to the received status.
 */
export function errorClassFor(code: string | undefined, status: number): ApiErrorClass {
  const documented = code !== undefined && Object.hasOwn(errorStatus, code) ? errorStatus[code as ErrorCode] : undefined;
  return classForStatus(documented ?? status);
}

// ---------------------------------------------------------------------------------------------
// Errors without an HTTP answer.

/** The connection failed. `requestSent` is false only when the request certainly never left. */
export class ConnectionError extends PixelByteError {
  override readonly name: string = "ConnectionError";
  readonly requestSent: boolean;
  constructor(message: string, init: ErrorInit & { requestSent: boolean }) {
    super(message, init);
    this.requestSent = init.requestSent;
  }
}

/** The request (including reading its body) took longer than `timeoutMs`. */
export class TimeoutError extends PixelByteError {
  override readonly name: string = "TimeoutError";
}

/** The caller's AbortSignal fired. Never retried. */
export class AbortedError extends PixelByteError {
  override readonly name: string = "AbortedError";
}

/**
 * A submit failed in a way that leaves its outcome unknown (timeout, connection lost after sending,
 * 5xx, unreadable success body). It was NOT retried, to never pay twice: the job may exist.
 * `cause` is the underlying typed error.
 */
export class JobMayExistError extends PixelByteError {
  override readonly name: string = "JobMayExistError";
  declare readonly cause: PixelByteError;
  constructor(cause: PixelByteError) {
    super(
      `The submit may have created a job, so it was not retried (a second submit could be charged twice). ` +
        `Look for the job with jobs.list() before submitting again. Cause: ${cause.message}`,
      { code: "JOB_MAY_EXIST", status: cause.status, requestId: cause.requestId, details: cause.details, cause },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Job outcomes (wait / run).

export class JobFailedError extends PixelByteError {
  override readonly name: string = "JobFailedError";
  override readonly jobId: string;
  readonly job: Job;
  constructor(job: Job, requestId: string | undefined) {
    const code = job.error?.code ?? "JOB_FAILED";
    super(`Job ${job.jobId} failed: ${job.error?.message ?? "no reason given"} (${code})`, { code, requestId });
    this.jobId = job.jobId;
    this.job = job;
  }
}

export class JobCancelledError extends PixelByteError {
  override readonly name: string = "JobCancelledError";
  override readonly jobId: string;
  readonly job: Job;
  constructor(job: Job, requestId: string | undefined) {
    super(`Job ${job.jobId} was cancelled (its charge is refunded)`, { code: "JOB_CANCELLED", requestId });
    this.jobId = job.jobId;
    this.job = job;
  }
}

/** The server reported a status this client does not know; waiting on it could never end. */
export class UnexpectedJobStatusError extends PixelByteError {
  override readonly name: string = "UnexpectedJobStatusError";
  override readonly jobId: string;
  readonly job: Job;
  constructor(job: Job, requestId: string | undefined) {
    super(`Job ${job.jobId} has an unknown status ${JSON.stringify(job.status)}`, { code: "UNEXPECTED_JOB_STATUS", requestId });
    this.jobId = job.jobId;
    this.job = job;
  }
}

/** `wait` reached its deadline before the job finished. The job keeps running. */
export class WaitTimeoutError extends TimeoutError {
  override readonly name: string = "WaitTimeoutError";
  override readonly jobId: string;
  /** The last job state seen, if any poll succeeded. */
  readonly lastJob: Job | undefined;
  constructor(jobId: string, timeoutMs: number, lastJob: Job | undefined, cause: unknown, requestId?: string) {
    super(
      `Job ${jobId} did not finish within ${timeoutMs} ms (last status: ${lastJob?.status ?? "unknown"}); it keeps running`,
      { code: "WAIT_TIMEOUT", cause, requestId },
    );
    this.jobId = jobId;
    this.lastJob = lastJob;
  }
}

// ---------------------------------------------------------------------------------------------
// Money.

/** One rule an input broke. `path` is like `input.multishot[0].duration`. */
export interface ValidationIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  /** The allowed values, where the rule has a short list of them. */
  readonly allowed?: readonly unknown[];
}

/**
 * The input broke the model's schema (or a webhook URL/upload rule); nothing was sent. The local
 * twin of a 400 INVALID_INPUT, so it carries the same code but no status or requestId.
 */
export class InputValidationError extends PixelByteError {
  override readonly name: string = "InputValidationError";
  readonly field: string;
  readonly rule: string;
  readonly allowed: readonly unknown[] | undefined;
  readonly issues: readonly ValidationIssue[];
  constructor(model: string, issues: readonly ValidationIssue[]) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    super(`Invalid input for ${model}: ${first.path} ${first.message}${more}; nothing was sent`, {
      code: "INVALID_INPUT",
      details: { model, issues },
    });
    this.field = first.path;
    this.rule = first.rule;
    this.allowed = first.allowed;
    this.issues = issues;
  }
}

export interface BudgetInfo {
  readonly scope: "call" | "client";
  readonly model: string;
  readonly limitMicroCents: number;
  readonly priceMicroCents: number;
  readonly exactMicroCents: string;
  /** Client budget only: what was already committed or reserved. */
  readonly spentMicroCents?: number;
}

/** The local exact price is over a budget; nothing was sent. */
export class BudgetExceededError extends PixelByteError {
  override readonly name: string = "BudgetExceededError";
  readonly budget: BudgetInfo;
  constructor(info: BudgetInfo) {
    const where =
      info.scope === "call"
        ? `maxCostMicroCents ${info.limitMicroCents}`
        : `the client budget (${info.spentMicroCents ?? 0} of ${info.limitMicroCents} µ¢ already spent)`;
    super(`${info.model} would cost ${info.priceMicroCents} µ¢ (exactly ${info.exactMicroCents}), over ${where}; nothing was sent`, {
      code: "BUDGET_EXCEEDED",
      details: { ...info },
    });
    this.budget = info;
  }
}

/** A budget applies but the local price cannot be computed (unpriced model or value); nothing was sent. */
export class PriceUnavailableError extends PixelByteError {
  override readonly name: string = "PriceUnavailableError";
}

/** The server charged a different amount than the local price (only thrown with onPriceMismatch: "throw"). The job exists. */
export class PriceMismatchError extends PixelByteError {
  override readonly name: string = "PriceMismatchError";
  override readonly jobId: string;
  readonly quotedMicroCents: number;
  override readonly chargedMicroCents: number;
  constructor(m: { model: string; jobId: string; quotedMicroCents: number; chargedMicroCents: number; requestId: string | undefined }) {
    super(
      `Job ${m.jobId} (${m.model}) was charged ${m.chargedMicroCents} µ¢ but the local price is ${m.quotedMicroCents} µ¢. The job was created and keeps running`,
      { code: "PRICE_MISMATCH", requestId: m.requestId, details: { ...m } },
    );
    this.jobId = m.jobId;
    this.quotedMicroCents = m.quotedMicroCents;
    this.chargedMicroCents = m.chargedMicroCents;
  }
}

// ---------------------------------------------------------------------------------------------
// Webhooks.

export type WebhookRejection =
  | "WEBHOOK_NO_SECRET"
  | "WEBHOOK_MISSING_SIGNATURE"
  | "WEBHOOK_MISSING_TIMESTAMP"
  | "WEBHOOK_MALFORMED_SIGNATURE"
  | "WEBHOOK_MALFORMED_TIMESTAMP"
  | "WEBHOOK_TIMESTAMP_TOO_OLD"
  | "WEBHOOK_TIMESTAMP_IN_FUTURE"
  | "WEBHOOK_SIGNATURE_MISMATCH"
  | "WEBHOOK_MALFORMED_PAYLOAD";

/** A webhook delivery that must not be trusted. Answer it with 401/400 and do nothing else. */
export class WebhookVerificationError extends PixelByteError {
  override readonly name: string = "WebhookVerificationError";
  declare readonly code: WebhookRejection;
  constructor(code: WebhookRejection, message: string) {
    super(message, { code });
  }
}
