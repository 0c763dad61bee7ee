import createFetchClient from "openapi-fetch";
import type { paths } from "../../gen/api.gen.js";
import type { Clock } from "../clock.js";
import { checkRequestOptions } from "../check.js";
import { AbortedError, ConfigurationError, ConnectionError, InputValidationError, JobMayExistError, PixelByteError, TimeoutError } from "../errors.js";
import { MIN_SECRET_LENGTH } from "../redact.js";
import type { Log } from "../logger.js";
import type { Redactor } from "../redact.js";
import { isRetryable, mayHaveActed, retryDelay, type Failure, type RetryPolicy, type RetryTiming } from "../retry.js";
import { interpret, type Outcome } from "./envelope.js";

/** Any WHATWG fetch. Always called as a plain function, never as a method of some other object. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * bearer: `Authorization: Bearer`. bearer+x-api-key: both headers (/v1/models*, /v1/providers*,
 * decision 2 in docs/decisions.md). optional: Bearer when a key is configured (catalog personalisation).
 * none: no credentials (public catalog, presigned storage URLs).
 */
export type AuthMode = "bearer" | "bearer+x-api-key" | "optional" | "none";

export interface CallSpec {
  /** Names the operation in errors and logs, e.g. "jobs.get". */
  readonly op: string;
  readonly policy: RetryPolicy;
  readonly auth: AuthMode;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxRetries?: number | undefined;
  /** Clock time after which no retry is scheduled (wait's deadline). */
  readonly deadlineAt?: number | undefined;
  /** False for storage PUTs, whose body is not JSON. */
  readonly expectJson?: boolean;
  /** Told about every failure that is going to be retried. */
  readonly onRetry?: ((f: Failure) => void) | undefined;
}

export interface CallResult<T> {
  readonly data: T;
  readonly requestId: string | undefined;
  readonly status: number;
  readonly attempts: number;
}

export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly timing: RetryTiming;
  readonly clock: Clock;
  readonly log: Log;
  /** For the excerpt of an unreadable body (masked before it is cut); errors are masked at the client's exit. */
  readonly redactor: Redactor;
}

/** Connection errors (Node/undici codes) that prove the request never left this machine. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "UND_ERR_CONNECT_TIMEOUT"]);

const TIMEOUT = Symbol("pixelbyte.timeout");

export type Transport = ReturnType<typeof createTransport>;

/**
 * What openapi-fetch builds each request into (its `Request` option): the URL, method, merged
 * headers and serialized body, kept as they are. The transport sends them with its own fetch call
 * (timeout, signal, credentials), so a WHATWG Request, whose construction and body stream cost
 * more than the rest of a call, would be built only to be taken apart again.
 */
class PlannedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"] | undefined;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? undefined;
  }
}

/** What the transport answers openapi-fetch with: "204, nothing to parse" (the real body is already read). */
const HANDLED = Object.freeze({ status: 204, ok: true, headers: Object.freeze({ get: () => null }) }) as unknown as Response;

const noop = () => {};

/**
 * openapi-fetch builds each typed request (URL, path and query encoding, JSON body); this layer
 * runs it: credentials, per-attempt timeout that also covers reading the body, AbortSignal,
 * retries per policy, and the envelope. The API key lives only in this closure.
 */
export function createTransport(cfg: TransportConfig) {
  const api = createFetchClient<paths>({ baseUrl: cfg.baseUrl, Request: PlannedRequest as unknown as typeof Request });
  const { clock, log, redactor } = cfg;
  const fetchImpl = cfg.fetch;
  // The forms of the key that must not leave outside its header, computed once.
  const keyForms = cfg.apiKey !== undefined && cfg.apiKey.length >= MIN_SECRET_LENGTH ? [cfg.apiKey, encodeURIComponent(cfg.apiKey), JSON.stringify(cfg.apiKey).slice(1, -1)] : [];

  /**
   * Runs one typed openapi-fetch call. `build` receives the fetch to hand to openapi-fetch, which
   * calls it with the request it planned; that request is sent here (with retries), its body read,
   * parsed and unwrapped, and openapi-fetch is told "204" so that it parses nothing a second time.
   */
  async function call<T>(spec: CallSpec, build: (fetch: (request: Request) => Promise<Response>) => Promise<unknown>): Promise<CallResult<T>> {
    // The options are checked in execute, which every request passes through; openapi-fetch only
    // builds the Request before that and rethrows what execute throws unchanged.
    let result: CallResult<T> | undefined;
    await build(async (request) => {
      const planned = request as unknown as PlannedRequest;
      result = await execute<T>(spec, planned.method, planned.url, planned.headers, planned.body);
      return HANDLED;
    });
    return result!;
  }

  /** Sends one request with retries. Resolves with the unwrapped body or throws a PixelByteError. */
  async function execute<T>(spec: CallSpec, method: string, url: string, headers: Headers, body: RequestInit["body"] | undefined): Promise<CallResult<T>> {
    // Every method's per-call options pass here before its first request.
    checkRequestOptions(spec);
    if (spec.signal?.aborted) throw abortedError(spec);
    // A redirect is followed only by a GET without the key; anything else fails with the 3xx. With
    // the key attached, fetch drops Authorization on a cross-origin hop but forwards x-api-key. With
    // a body, a 303 turns a storage PUT into a GET whose 200 would report a file stored that was not,
    // and a 307/308 re-sends the bytes to wherever it points (and fetch can do it for a Blob but not
    // a stream). The API documents no redirects, and a presigned PUT is stored only by a 2xx.
    const attached = applyAuth(spec, headers);
    const redirect: RequestRedirect = attached || method !== "GET" ? "manual" : "follow";
    if (attached) refuseKeyOutsideHeader(spec.op, keyForms, url, body);
    const maxRetries = spec.maxRetries ?? cfg.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const out = await once(spec, method, url, headers, body, redirect);
      // The line is built only for a logger that takes debug lines: the success path stays cheap.
      if (log.wants("debug")) {
        log("debug", `${spec.op}: ${method} ${withoutQuery(url)} attempt ${attempt + 1}: ${out.ok ? `HTTP ${out.status}` : out.error.message}`, {
          op: spec.op,
          attempt: attempt + 1,
          status: out.status,
          requestId: out.ok ? out.requestId : out.error.requestId,
        });
      }
      if (out.ok) return { data: out.data as T, requestId: out.requestId, status: out.status, attempts: attempt + 1 };
      const retryable = isRetryable(spec.policy, out);
      let delay = retryable && attempt < maxRetries ? retryDelay(out, attempt, cfg.timing, clock.random) : undefined;
      if (delay !== undefined && spec.deadlineAt !== undefined && clock.now() + delay >= spec.deadlineAt) delay = undefined;
      if (delay === undefined) {
        // A submit failure the policy calls retryable proves no job was created; any other may have left one.
        if (spec.policy === "submit" && !retryable && mayHaveActed(out)) throw new JobMayExistError(out.error);
        throw out.error;
      }
      spec.onRetry?.(out);
      log("info", `${spec.op}: ${out.error.message}; retry ${attempt + 1} of ${maxRetries} in ${delay} ms`, {
        op: spec.op,
        attempt: attempt + 1,
        delayMs: delay,
        status: out.status,
        code: out.code,
      });
      try {
        await clock.sleep(delay, spec.signal);
      } catch {
        throw abortedError(spec, out.error.requestId);
      }
    }
  }

  async function once(spec: CallSpec, method: string, url: string, headers: Headers, body: RequestInit["body"] | undefined, redirect: RequestRedirect): Promise<Outcome> {
    const user = spec.signal;
    const timeoutMs = spec.timeoutMs ?? cfg.timeoutMs;
    const ctrl = new AbortController();
    // One promise per attempt that rejects when the attempt is cut (timeout or the caller's
    // signal): the response and its body are each raced against it, for fetches that ignore signals.
    let cut: (reason: unknown) => void = noop;
    const stopped = new Promise<never>((_, reject) => {
      cut = reject;
    });
    stopped.catch(noop);
    const stop = (reason: unknown) => {
      ctrl.abort(reason);
      cut(reason);
    };
    const onUserAbort = () => stop(user!.reason);
    if (user !== undefined) {
      if (user.aborted) onUserAbort();
      else user.addEventListener("abort", onUserAbort, { once: true });
    }
    const timer = setTimeout(stop, timeoutMs, TIMEOUT);
    let phase: "response" | "body" = "response";
    // Once the headers are in, their x-request-id names this attempt on every error that follows
    // (a reset, stall or trickle while reading the body): support can find the request.
    let requestId: string | undefined;
    try {
      const res = await Promise.race([fetchImpl(url, { method, headers, body, signal: ctrl.signal, redirect }), stopped]);
      phase = "body";
      requestId = res.headers.get("x-request-id") ?? undefined;
      const text = await Promise.race([res.text(), stopped]);
      return interpret(res, text, spec.expectJson !== false, spec.op, clock.now(), redactor, requestId);
    } catch (err) {
      if (user?.aborted) {
        const aborted = abortedError(spec, requestId);
        // Aborting cannot un-send a submit that was in flight.
        throw spec.policy === "submit" ? new JobMayExistError(aborted) : aborted;
      }
      if (ctrl.signal.aborted && ctrl.signal.reason === TIMEOUT) {
        const where = phase === "body" ? "while reading the response body" : "before the response arrived";
        return { ok: false, kind: "timeout", error: new TimeoutError(`${spec.op}: timed out after ${timeoutMs} ms ${where}`, { code: "TIMEOUT", requestId }) };
      }
      if (err instanceof PixelByteError) throw err;
      const sent = phase === "body" || requestMayHaveLeft(err);
      const reason = describeCause(err);
      return {
        ok: false,
        kind: sent ? "network" : "not-sent",
        error: new ConnectionError(
          `${spec.op}: connection failed ${phase === "body" ? "while reading the response body" : sent ? "after the request may have been sent" : "before the request was sent"} (${reason})`,
          { code: "CONNECTION_ERROR", requestSent: sent, requestId, cause: err },
        ),
      };
    } finally {
      clearTimeout(timer);
      user?.removeEventListener("abort", onUserAbort);
    }
  }

  /** Adds the credentials the operation needs; true when the key was attached. */
  function applyAuth(spec: CallSpec, headers: Headers): boolean {
    if (spec.auth === "none") return false;
    const key = cfg.apiKey;
    if (key === undefined) {
      if (spec.auth === "optional") return false;
      throw new ConfigurationError(`${spec.op} needs an API key: pass apiKey to createClient or set PIXELBYTE_API_KEY`, {
        code: "MISSING_API_KEY",
      });
    }
    headers.set("authorization", `Bearer ${key}`);
    if (spec.auth === "bearer+x-api-key") headers.set("x-api-key", key);
    return true;
  }

  return { api, call, execute };
}

/**
 * The key leaves only in its header. A key passed in the wrong argument (a job id, a prompt, a
 * webhook URL that PixelByte will call on another host) would otherwise sit in URLs, access logs
 * and job records: refused before sending. Exact forms only, and only keys of MIN_SECRET_LENGTH or
 * more, so a short test key cannot block an ordinary prompt.
 */
function refuseKeyOutsideHeader(op: string, forms: readonly string[], url: string, body: RequestInit["body"] | undefined): void {
  if (forms.length === 0) return;
  const where = forms.some((f) => url.includes(f)) ? "url" : typeof body === "string" && forms.some((f) => body.includes(f)) ? "body" : undefined;
  if (where === undefined) return;
  throw new InputValidationError(op, [
    {
      path: where === "url" ? "the request URL" : "the request body",
      rule: "no-api-key",
      message: "contains the API key, which is sent only in the Authorization header (was it passed in the wrong argument?)",
    },
  ]);
}

/** A URL for a log line: a presigned storage URL's query is a credential of its own. */
function withoutQuery(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}

function abortedError(spec: CallSpec, requestId?: string): AbortedError {
  const reason = spec.signal?.reason;
  const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === "string" ? `: ${reason}` : "";
  return new AbortedError(`${spec.op}: aborted by the caller's signal${why}`, { code: "ABORTED", requestId });
}

interface CauseLike {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  cause?: unknown;
  socket?: { bytesWritten?: unknown };
}

/** False only when the error proves the request never left (refused, DNS, failed connect, 0 bytes written). */
function requestMayHaveLeft(err: unknown): boolean {
  for (let e = err as CauseLike | undefined, depth = 0; e && typeof e === "object" && depth < 4; e = e.cause as CauseLike | undefined, depth++) {
    if (e.syscall === "connect" || e.syscall === "getaddrinfo") return false;
    if (typeof e.code === "string" && NOT_SENT_CODES.has(e.code)) return false;
    if (e.socket && e.socket.bytesWritten === 0) return false;
  }
  return true;
}

function describeCause(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as CauseLike | undefined, depth = 0; e && typeof e === "object" && depth < 4; e = e.cause as CauseLike | undefined, depth++) {
    if (typeof e.message === "string" && e.message) parts.push(e.message);
  }
  return parts.join(": ") || String(err);
}
