import {
  AbortedError,
  AuthenticationError,
  ConfigurationError,
  createClient,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  PixelByteError,
  type ModelSlug,
  type PixelByteClient,
} from "@pixelbyte/client";
import { usageError } from "../errors.js";

// The audit's one door to the HTTP API: @pixelbyte/client, so retries, 429 with Retry-After (or
// error.details.retryAfter), timeouts, typed errors and masking the key are the client's.

export interface RemoteOptions {
  readonly baseUrl: string;
  /** As given (--api-key or PIXELBYTE_API_KEY); the client trims and checks it. */
  readonly apiKey: string;
  /** Names where the key came from in a refusal. */
  readonly keySource: string;
  readonly timeoutMs?: number;
}

/** What the server said about one estimate: its undiscounted and discounted cost and the discount. */
export interface ServerEstimate {
  readonly baseCostMicroCents: number;
  readonly estimatedCostMicroCents: number;
  readonly hasDiscount: boolean;
  readonly discounted: unknown;
  readonly requestId: string | undefined;
}

/**
 * Why a request gave no answer to compare, by what it means for the run:
 * - refused: the server answered 400 to this input (a priced value it no longer accepts: drift);
 * - missing: the model is unknown to (or closed on) the server: every other request for it would say so too;
 * - local: the client refused to send it (the spec and the generated client disagree: regenerate);
 * - fatal: nothing else will work either (the key is refused, the scope is missing): stop;
 * - failed: this request failed after the client's retries (5xx, 429 past its patience, timeout,
 *   connection, an unreadable answer).
 */
export type FailureKind = "refused" | "missing" | "local" | "fatal" | "failed";

export interface RemoteFailure {
  readonly kind: FailureKind;
  readonly code: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** One line, already masked by the client, control characters removed, shortened. */
  readonly message: string;
}

export interface Remote {
  estimate(slug: string, input: Record<string, unknown>, signal: AbortSignal): Promise<ServerEstimate>;
  /** The catalog's `inputSchema` of one model, as sent (anything). */
  inputSchema(slug: string, signal: AbortSignal): Promise<{ schema: unknown; requestId: string | undefined }>;
  /** Every slug of the catalog's model list. */
  slugs(signal: AbortSignal): Promise<string[]>;
}

/** A client for `options`; a key or base URL the client refuses is a usage error (exit 2) that never quotes the key. */
export function connect(options: RemoteOptions): Remote {
  let client: PixelByteClient;
  try {
    client = createClient({ apiKey: options.apiKey, baseUrl: options.baseUrl, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      const message = error.message.replace(/^apiKey /, "it ");
      throw usageError(error.code === "MALFORMED_API_KEY" ? `the key in ${options.keySource} is not usable: ${message}` : message.replace(/^baseUrl/, "--base-url"));
    }
    throw error;
  }
  return {
    async estimate(slug, input, signal) {
      const r = await client.estimate(slug as ModelSlug, input as never, { signal });
      return { baseCostMicroCents: r.baseCostMicroCents, estimatedCostMicroCents: r.estimatedCostMicroCents, hasDiscount: r.hasDiscount, discounted: r.discounted ?? null, requestId: r.requestId };
    },
    async inputSchema(slug, signal) {
      const detail = await client.catalog.model(slug, { signal });
      return { schema: (detail as { inputSchema?: unknown }).inputSchema, requestId: detail.requestId };
    },
    async slugs(signal) {
      const list = await client.catalog.models({ signal });
      return list.flatMap((m) => (typeof (m as { slug?: unknown }).slug === "string" ? [(m as { slug: string }).slug] : []));
    },
  };
}

/** What a failed request means (see FailureKind); AbortedError is undefined: the run stopped it. */
export function classify(error: unknown): RemoteFailure | undefined {
  if (error instanceof AbortedError) return undefined;
  if (!(error instanceof PixelByteError)) {
    return { kind: "failed", code: "UNEXPECTED", status: undefined, requestId: undefined, message: oneLine(error instanceof Error ? error.message : String(error)) };
  }
  const kind: FailureKind =
    error instanceof InputValidationError
      ? "local"
      : error instanceof NotFoundError && /^MODEL_/.test(error.code)
        ? "missing"
        : error instanceof PermissionDeniedError && error.code === "MODEL_ACCESS_DENIED"
          ? "missing"
          : error instanceof AuthenticationError || error instanceof PermissionDeniedError || error instanceof ConfigurationError
            ? "fatal"
            : error instanceof InvalidRequestError
              ? "refused"
              : "failed";
  const request = error.requestId && !error.message.includes(error.requestId) ? ` (request ${error.requestId})` : "";
  const code = error.message.includes(error.code) ? "" : `${error.code}: `;
  return { kind, code: error.code, status: error.status, requestId: error.requestId, message: oneLine(`${code}${error.message}${request}`) };
}

/** Server text on one line: control characters (a terminal's escape sequences included) become spaces; at most 300 characters. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  return flat.length <= 300 ? flat : `${flat.slice(0, 299)}…`;
}
