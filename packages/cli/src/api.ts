import {
  ConfigurationError,
  createClient,
  InputValidationError,
  InvalidRequestError,
  JobFailedError,
  NotFoundError,
  PixelByteError,
  type CompletedJob,
  type Job,
  type ModelInputs,
  type ModelSlug,
  type SubmitResult,
} from "@pixelbyte/client";
import { RunError, UsageError } from "./errors.js";

// The CLI's one door to the HTTP API: the generated client, with its typed errors turned into the
// CLI's one-line errors (request mistakes exit 2, everything else 1).

export type JobView = Job;

/** Codes that mean the request itself was wrong. */
const USAGE_CODES = new Set(["INVALID_INPUT", "INVALID_MODEL_SLUG", "MODEL_NOT_FOUND", "MODEL_VERSION_NOT_FOUND", "INVALID_WEBHOOK_URL"]);

/** `keySource` names where the key came from in a refusal (the client's message says `apiKey`). */
export function connect(options: { apiKey: string; baseUrl: string; keySource?: string }) {
  const client = guard(() => {
    try {
      return createClient({
        apiKey: options.apiKey,
        baseUrl: options.baseUrl,
        // The CLI prints the quote next to the charge itself; no console warning on top.
        onPriceMismatch: "ignore",
      });
    } catch (error) {
      if (error instanceof ConfigurationError && error.code === "MALFORMED_API_KEY" && options.keySource) {
        throw new UsageError(`the key in ${options.keySource} is not usable: ${error.message.replace(/^apiKey /, "it ")}`);
      }
      throw error;
    }
  });
  return {
    client,
    /** Submits through the client: input validated and priced locally first, never retried blindly. */
    submit(model: string, input: Record<string, unknown>): Promise<SubmitResult> {
      return guardAsync(() => client.submit(model as ModelSlug, input as ModelInputs[ModelSlug]));
    },
    /** Polls until final; `pollMs` fixes the interval (the client otherwise backs off up to 10 s). */
    wait(jobId: string, opts: { pollMs?: number; onProgress?: (job: Job) => void } = {}): Promise<CompletedJob> {
      const poll = opts.pollMs === undefined ? {} : { pollIntervalMs: opts.pollMs, maxPollIntervalMs: opts.pollMs };
      return guardAsync(() => client.wait(jobId, { ...poll, onProgress: opts.onProgress, timeoutMs: 60 * 60_000 }));
    },
  };
}

export type Api = ReturnType<typeof connect>;

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translate(error);
  }
}

async function guardAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translate(error);
  }
}

/**
 * A client error as one line: what happened, its code and the request id to quote, each once. A server
 * error's message already ends "(402 INSUFFICIENT_BALANCE, request req_…)"; only what it lacks is added.
 */
export function translate(error: unknown): unknown {
  if (!(error instanceof PixelByteError)) return error;
  if (error instanceof JobFailedError) {
    return new RunError(`job ${error.jobId} failed (${error.code}: ${error.job.error?.message ?? "no reason given"}); refunded`);
  }
  if (error instanceof InputValidationError || error instanceof ConfigurationError) return new UsageError(error.message);
  const code = error.message.includes(error.code) ? "" : `${error.code}: `;
  const request = error.requestId && !error.message.includes(error.requestId) ? ` (request ${error.requestId})` : "";
  const line = `${code}${error.message}${request}`;
  if ((error instanceof InvalidRequestError || error instanceof NotFoundError) && USAGE_CODES.has(error.code)) return new UsageError(line);
  return new RunError(line);
}
