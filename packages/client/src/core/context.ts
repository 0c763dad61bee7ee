import type { BudgetLedger } from "./budget.js";
import type { Clock } from "./clock.js";
import { InvalidResponseError } from "./errors.js";
import type { Log } from "./logger.js";
import type { ModelRegistry } from "./model.js";
import type { Redactor } from "./redact.js";
import type { Transport } from "./transport/http.js";
import type { WithRequestId } from "./types.js";

/** The local price next to the server's charge, when they differ. */
export interface PriceMismatch {
  readonly model: string;
  readonly jobId: string;
  readonly quotedMicroCents: number;
  readonly exactMicroCents: string;
  readonly chargedMicroCents: number;
  readonly requestId: string | undefined;
}

/**
 * What to do when the server charges something else than the local price: log a warning (default),
 * throw PriceMismatchError (the job exists all the same), ignore it, or call your function.
 */
export type PriceMismatchMode = "warn" | "throw" | "ignore" | ((mismatch: PriceMismatch) => void);

/** What every operation needs from its client. */
export interface Ctx {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly log: Log;
  readonly ledger: BudgetLedger | undefined;
  readonly onPriceMismatch: PriceMismatchMode;
  /** Where the default "warn" mode reports a price mismatch. */
  readonly warnMismatch: (message: string, data: Record<string, unknown>) => void;
  /** Masks the API key; the client's exit applies it to every error, truncations use its `clip`. */
  readonly redactor: Redactor;
  /** The client's per-attempt request timeout. */
  readonly timeoutMs: number;
  /** The slugs calls may name a model with (none on the core entry's client: descriptors only). */
  readonly models: ModelRegistry | undefined;
}

/** Attaches `requestId` (kept when the body already has one). On arrays it is non-enumerable so JSON stays a plain array. */
export function withRequestId<T extends object>(data: T, requestId: string | undefined): WithRequestId<T> {
  if (Array.isArray(data)) {
    Object.defineProperty(data, "requestId", { value: requestId, enumerable: false, configurable: true });
  } else if (typeof (data as { requestId?: unknown }).requestId !== "string") {
    (data as { requestId?: string | undefined }).requestId = requestId;
  }
  return data as WithRequestId<T>;
}

/** Checks that a success body has the JSON kind the operation promises. */
export function expectKind<T extends object>(op: string, kind: "object" | "array", data: unknown, requestId: string | undefined, status: number): T {
  const ok = kind === "array" ? Array.isArray(data) : typeof data === "object" && data !== null && !Array.isArray(data);
  if (!ok) {
    throw new InvalidResponseError(`${op}: expected a JSON ${kind} in the ${status} response, got ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}`, {
      code: "INVALID_RESPONSE",
      status,
      requestId,
    });
  }
  return data as T;
}
