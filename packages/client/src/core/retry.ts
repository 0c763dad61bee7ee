import type { PixelByteError } from "./errors.js";

/**
 * How an operation may be retried.
 * - read: no side effect (get, list, estimate, catalog, presign, storage PUT): 408/429/5xx,
 *   connection errors, timeouts and unreadable bodies.
 * - cancel: retried like a read. A repeated cancel cannot charge anything, and giving up on a
 *   cancel lets a paid job run; jobs.cancel resolves the "already cancelled" answer of a retry.
 * - submit: decision 6 in docs/decisions.md. Only where no job can exist: the connection failed before the
 *   request left, 429 CONCURRENT_JOBS_EXCEEDED, 503 PUBSUB_PUBLISH_FAILED.
 */
export type RetryPolicy = "read" | "cancel" | "submit";

/** Why one attempt failed, and what that says about whether the server may have acted. */
export interface Failure {
  readonly error: PixelByteError;
  /**
   * not-sent: the connection failed before the request left (certainly not processed).
   * network: the connection broke after (or possibly after) the request was sent.
   * timeout: no complete answer within timeoutMs.
   * http: an HTTP error status.
   * invalid-body: a 2xx whose body is not the expected JSON (the server acted).
   */
  readonly kind: "not-sent" | "network" | "timeout" | "http" | "invalid-body";
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  /** The delay the server asked for (Retry-After, retry-after-ms, error.details.retryAfter). */
  readonly retryAfterMs?: number | undefined;
}

export interface RetryTiming {
  /** First backoff step; doubles per retry. */
  readonly baseDelayMs: number;
  /** Cap of the exponential backoff. */
  readonly maxDelayMs: number;
  /** A server asking to wait longer than this is not retried; the error carries its retryAfterMs. */
  readonly maxRetryAfterMs: number;
}

export const defaultTiming: RetryTiming = { baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

export function isRetryable(policy: RetryPolicy, f: Failure): boolean {
  if (policy === "submit") {
    if (f.kind === "not-sent") return true;
    return (
      f.kind === "http" &&
      ((f.status === 429 && f.code === "CONCURRENT_JOBS_EXCEEDED") || (f.status === 503 && f.code === "PUBSUB_PUBLISH_FAILED"))
    );
  }
  if (f.kind !== "http") return true;
  const s = f.status ?? 0;
  return s === 408 || s === 429 || s >= 500;
}

/** For a submit: could this failure have left a job behind? (4xx answers and not-sent cannot.) */
export function mayHaveActed(f: Failure): boolean {
  if (f.kind === "not-sent") return false;
  if (f.kind === "http") return (f.status ?? 0) >= 500;
  return true;
}

/**
 * Milliseconds to wait before retry number `retryIndex` (0-based), or undefined when the server
 * asked for more than `maxRetryAfterMs`. A server-given delay is honoured exactly (never shortened
 * by jitter); otherwise exponential backoff with up to 25 % jitter below the step.
 */
export function retryDelay(f: Failure, retryIndex: number, timing: RetryTiming, random: () => number): number | undefined {
  if (f.retryAfterMs !== undefined) return f.retryAfterMs <= timing.maxRetryAfterMs ? f.retryAfterMs : undefined;
  const step = Math.min(timing.baseDelayMs * 2 ** retryIndex, timing.maxDelayMs);
  return Math.round(step * (1 - 0.25 * random()));
}

/**
 * The delay a response asks for, from `retry-after-ms`, `Retry-After` (seconds or an HTTP date)
 * and the body's `error.details.retryAfter` (seconds). When several are present the longest wins.
 */
export function parseRetryAfter(headers: Headers, details: unknown, now: number): number | undefined {
  let best: number | undefined;
  const consider = (ms: number) => {
    if (Number.isFinite(ms)) best = Math.max(best ?? 0, Math.max(0, Math.ceil(ms)));
  };
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) consider(Number(ms));
  const ra = headers.get("retry-after");
  if (ra !== null) {
    if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) consider(Number(ra) * 1000);
    else {
      const at = Date.parse(ra);
      if (!Number.isNaN(at)) consider(at - now);
    }
  }
  if (typeof details === "object" && details !== null) {
    const d = (details as { retryAfter?: unknown }).retryAfter;
    const secs = typeof d === "number" ? d : typeof d === "string" && /^\s*\d+(\.\d+)?\s*$/.test(d) ? Number(d) : NaN;
    if (secs >= 0) consider(secs * 1000);
  }
  return best;
}
