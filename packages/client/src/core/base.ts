import { BudgetLedger, type BudgetOptions, type BudgetState } from "./budget.js";
import { invalidOption, MAX_RETRIES, MAX_TIMER_MS, optionalFunction, optionalInteger, optionsObject } from "./check.js";
import { systemClock, type Clock } from "./clock.js";
import type { Ctx, PriceMismatchMode } from "./context.js";
import { ConfigurationError } from "./errors.js";
import { createExit } from "./exit.js";
import { register } from "./internals.js";
import { createLog, type Logger } from "./logger.js";
import type { ModelRegistry } from "./model.js";
import { createRedactor, REDACTED, type Redactor } from "./redact.js";
import { defaultTiming, type RetryTiming } from "./retry.js";
import { createTransport, type FetchLike } from "./transport/http.js";

export const DEFAULT_BASE_URL = "https://api.muvi.video";
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export { MAX_TIMER_MS };

export interface ClientOptions {
  /** Defaults to the PIXELBYTE_API_KEY environment variable. `null`: no key, public catalog only. */
  apiKey?: string | null;
  /** Default https://api.muvi.video. Plain http is accepted only for loopback hosts (tests, local servers). */
  baseUrl?: string;
  /** Any WHATWG fetch; default globalThis.fetch. */
  fetch?: FetchLike;
  /** Per attempt, including reading the body (default 60 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2). Submit only retries where no job can exist. */
  maxRetries?: number;
  logger?: Logger;
  /** A cumulative cap on what this client's submits may cost. */
  budget?: BudgetOptions;
  /** When the charge differs from the local price (default "warn"). */
  onPriceMismatch?: PriceMismatchMode;
  /** Replace time, sleeping and randomness (tests). */
  clock?: Partial<Clock>;
  /** Backoff tuning. */
  retry?: Partial<RetryTiming>;
}

/**
 * A client with no operation of its own: the key, the transport, the budget and the one exit
 * that every operation goes through. Pass it to the modular functions (submit, run, estimate,
 * price, wait, getJob, cancelJob, listJobs, uploadsOf, catalogOf...): a bundle holds only the
 * operations it calls. `createClient` is this plus the job lifecycle as methods.
 */
export interface BaseClient {
  /** The client budget, when one was configured. */
  readonly budget: BudgetState | undefined;
  readonly baseUrl: string;
  toJSON(): Record<string, unknown>;
  toString(): string;
}

/**
 * The connection of a PixelByte client without its methods (see BaseClient): calls take it as their
 * first argument, `submit(client, model, input)`. Checks every option at once. Throws
 * ConfigurationError when no API key is available, or when the key cannot be sent as a header
 * value (MALFORMED_API_KEY; the message never quotes it). Every error an operation on it throws,
 * and every log line, has the key masked (see core/redact.ts).
 */
export function createBaseClient(options: ClientOptions = {}): BaseClient {
  return createBaseWith(options, undefined);
}

/** createBaseClient knowing the slugs of `registry` as well as descriptors (the root entry passes every generated model). */
export function createBaseWith(userOptions: ClientOptions, registry: ModelRegistry | undefined): BaseClient {
  optionsObject("options", userOptions);
  const options = readOnce(userOptions);
  const env = envKey();
  const given = options.apiKey === undefined ? env : options.apiKey;
  // The environment's key is masked too when another one is passed: this process holds both.
  const redactor = createRedactor([typeof given === "string" ? given : undefined, env]);
  try {
    return build(options, resolveKey(options.apiKey, given), redactor, registry);
  } catch (e) {
    throw redactor.error(e);
  }
}

/** Every option, each read exactly once: a getter or Proxy answering differently on a second read cannot make the key checked and the key used differ. */
type OptionKey = keyof ClientOptions;
type OptionValues = { readonly [K in OptionKey]: ClientOptions[K] | undefined };

function readOnce(options: ClientOptions): OptionValues {
  const { apiKey, baseUrl, fetch, timeoutMs, maxRetries, logger, budget, onPriceMismatch, clock, retry } = options;
  return { apiKey, baseUrl, fetch, timeoutMs, maxRetries, logger, budget, onPriceMismatch, clock, retry };
}

function build(options: OptionValues, apiKey: string | undefined, redactor: Redactor, registry: ModelRegistry | undefined): BaseClient {
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const timeoutMs = optionalInteger("timeoutMs", options.timeoutMs, 1, MAX_TIMER_MS) ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = optionalInteger("maxRetries", options.maxRetries, 0, MAX_RETRIES) ?? DEFAULT_MAX_RETRIES;
  const clock = checkClock(options.clock);
  const timing = checkTiming(options.retry);
  const mismatch = checkMismatchMode(options.onPriceMismatch === undefined ? "warn" : options.onPriceMismatch);
  const userFetch = options.fetch;
  optionalFunction("fetch", userFetch);
  // Called as plain functions: never with a foreign `this` (the bug that broke other SDKs on Workers).
  const fetchImpl: FetchLike = userFetch ?? ((input, init) => globalThis.fetch(input, init));
  // Read once, as every option is: a logger assigned to `options` later must not silence the mismatch warning.
  const logger = options.logger;
  const log = createLog(logger, redactor);
  const ledger = options.budget === undefined ? undefined : new BudgetLedger(options.budget);
  const transport = createTransport({ baseUrl, apiKey, fetch: fetchImpl, timeoutMs, maxRetries, timing, clock, log, redactor });
  // A price mismatch is worth seeing even without a logger: fall back to console.warn for it alone.
  const consoleLog = createLog(globalThis.console, redactor);
  const warnMismatch: Ctx["warnMismatch"] = (message, data) => (typeof logger?.warn === "function" ? log : consoleLog)("warn", message, data);
  const ctx: Ctx = { transport, clock, log, ledger, onPriceMismatch: mismatch, timeoutMs, warnMismatch, redactor, models: registry };

  // The single exit: whatever an operation throws (sync, async, or while iterating) leaves masked.
  const exit = createExit(redactor);

  const description = `PixelByteClient(${redactor.text(baseUrl)})`;
  const client: BaseClient = {
    get budget() {
      return ledger?.state;
    },
    baseUrl,
    // The key is held only by the transport closure; these make sure no printout suggests otherwise.
    toJSON: () => ({ baseUrl: redactor.text(baseUrl), timeoutMs, maxRetries, apiKey: apiKey === undefined ? "none" : REDACTED, budget: ledger?.state }),
    toString: () => description,
  };
  Object.defineProperty(client, Symbol.for("nodejs.util.inspect.custom"), { value: () => description, enumerable: false });
  register(client, { ctx, exit });
  return client;
}

/**
 * The key, trimmed of surrounding whitespace (a pasted key, a CRLF .env line). It travels as
 * `Authorization: Bearer <key>` (and `x-api-key`), so it must be visible ASCII without spaces:
 * anything else would make Headers.set throw an error quoting the whole header, or be sent mangled.
 */
function resolveKey(option: string | null | undefined, given: unknown): string | undefined {
  if (option === null) return undefined;
  const source = option === undefined ? "PIXELBYTE_API_KEY" : "apiKey";
  if (given !== undefined && typeof given !== "string") {
    throw new ConfigurationError(`${source} must be a string (got ${given === null ? "null" : typeof given})`, { code: "MALFORMED_API_KEY" });
  }
  const key = given?.trim();
  if (key === undefined || key === "") {
    throw new ConfigurationError(
      "No PixelByte API key: pass createClient({ apiKey }) or set the PIXELBYTE_API_KEY environment variable (apiKey: null allows only the public catalog)",
      { code: "MISSING_API_KEY" },
    );
  }
  const bad = /[^\x21-\x7e]/u.exec(key);
  if (bad !== null) {
    const code = bad[0].codePointAt(0)!;
    const what = code < 0x20 || code === 0x7f ? "a control character" : code === 0x20 || code === 0x09 ? "a space" : "a non-ASCII character";
    throw new ConfigurationError(
      `${source} contains ${what} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) at position ${bad.index + 1} of ${key.length}; ` +
        "an API key is sent as an HTTP header and may only hold visible ASCII characters. Copy the key again from the dashboard",
      { code: "MALFORMED_API_KEY" },
    );
  }
  return key;
}

/** Reads PIXELBYTE_API_KEY only where a Node-style `process` exists (no `node:` import: this runs in browsers and workers too). */
function envKey(): string | undefined {
  try {
    const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
    return proc?.env?.["PIXELBYTE_API_KEY"];
  } catch {
    return undefined; // e.g. Deno without --allow-env
  }
}

/** The base URL is not quoted in errors: a key pasted into the wrong option must not be echoed. */
function checkBaseUrl(raw: unknown): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new ConfigurationError(`baseUrl is not an absolute URL (got ${typeof raw === "string" ? `${raw.length} characters` : typeof raw}), e.g. ${DEFAULT_BASE_URL}`, {
      code: "INVALID_OPTION",
    });
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConfigurationError("baseUrl must not contain a user name or password; pass the key as apiKey", { code: "INVALID_OPTION" });
  }
  const loopback = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    // The key travels in a header: never over plain http to another machine.
    throw new ConfigurationError(`baseUrl must use https (plain http only for localhost; got ${url.protocol})`, { code: "INVALID_OPTION" });
  }
  return String(raw).replace(/\/+$/, "");
}

/**
 * The injected clock: each member given must be a function, and `now()` must keep returning a finite
 * time (a NaN deadline would make `wait` poll forever), checked on every call.
 */
function checkClock(given: Partial<Clock> | undefined): Clock {
  optionsObject("clock", given);
  for (const name of ["now", "sleep", "random"] as const) optionalFunction(`clock.${name}`, given?.[name]);
  // Called as methods of the given object, so a clock that keeps its time in `this` works.
  const c = { ...systemClock, ...given } as Clock;
  return {
    now: () => {
      const t = c.now();
      if (typeof t !== "number" || !Number.isFinite(t)) throw invalidOption("clock.now()", "a finite number of milliseconds", t);
      return t;
    },
    sleep: (ms, signal) => c.sleep(ms, signal),
    random: () => {
      const r = c.random();
      if (typeof r !== "number" || !(r >= 0 && r < 1)) throw invalidOption("clock.random()", "a number from 0 up to (not including) 1", r);
      return r;
    },
  };
}

/** Backoff tuning: whole milliseconds a timer can wait (a NaN or negative delay would retry in a hot loop). */
function checkTiming(given: Partial<RetryTiming> | undefined): RetryTiming {
  optionsObject("retry", given);
  return {
    baseDelayMs: optionalInteger("retry.baseDelayMs", given?.baseDelayMs, 0, MAX_TIMER_MS) ?? defaultTiming.baseDelayMs,
    maxDelayMs: optionalInteger("retry.maxDelayMs", given?.maxDelayMs, 0, MAX_TIMER_MS) ?? defaultTiming.maxDelayMs,
    maxRetryAfterMs: optionalInteger("retry.maxRetryAfterMs", given?.maxRetryAfterMs, 0, MAX_TIMER_MS) ?? defaultTiming.maxRetryAfterMs,
  };
}

function checkMismatchMode(mode: unknown): PriceMismatchMode {
  if (mode === "warn" || mode === "throw" || mode === "ignore" || typeof mode === "function") return mode as PriceMismatchMode;
  throw invalidOption("onPriceMismatch", '"warn", "throw", "ignore" or a function', mode);
}
