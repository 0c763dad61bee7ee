import { describeValue } from "@pixelbyte/pricing/runtime";
import { ConfigurationError, InputValidationError } from "./errors.js";

// The one place where a caller's options and ids are checked, before anything is sent. Options
// (createClient, a call's options bag, verifyWebhook) are a ConfigurationError INVALID_OPTION; the
// data of a call (ids, list parameters) an InputValidationError. Both name what was wrong.

/** The longest delay a JS timer honours (2^31 - 1 ms, about 24.8 days): setTimeout fires at once beyond it. */
export const MAX_TIMER_MS = 2_147_483_647;

/** `value` when it is an integer from `min` to `max`; otherwise a ConfigurationError naming the option. */
export function integerOption(name: string, value: unknown, min: number, max: number): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new ConfigurationError(`${name} must be an integer from ${min} to ${max} (got ${describeValue(value)})`, {
    code: "INVALID_OPTION",
    details: { option: name },
  });
}

/** Like integerOption; undefined stays undefined (the default applies). */
export function optionalInteger(name: string, value: unknown, min: number, max: number): number | undefined {
  return value === undefined ? undefined : integerOption(name, value, min, max);
}

/** A ConfigurationError naming an option that is not one of the accepted kinds of value. */
export function invalidOption(name: string, expected: string, value: unknown): ConfigurationError {
  return new ConfigurationError(`${name} must be ${expected} (got ${describeValue(value)})`, { code: "INVALID_OPTION", details: { option: name } });
}

/** Checks that an optional option is a function. */
export function optionalFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "function") throw invalidOption(name, "a function", value);
}

/** Checks that an options bag is an object (or omitted). */
export function optionsObject(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null || Array.isArray(value))) throw invalidOption(name, "an object", value);
}

/** The per-call transport options every method takes (`signal`, `timeoutMs`, `maxRetries`). */
export function checkRequestOptions(o: { signal?: unknown; timeoutMs?: unknown; maxRetries?: unknown }): void {
  const signal = o.signal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || typeof signal.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    throw invalidOption("signal", "an AbortSignal", signal);
  }
  optionalInteger("timeoutMs", o.timeoutMs, 1, MAX_TIMER_MS);
  optionalInteger("maxRetries", o.maxRetries, 0, MAX_RETRIES);
}

/** Most retries after the first attempt any option may ask for. */
export const MAX_RETRIES = 10;

/** The longest id accepted (job ids are ~20 characters, upload ids 36-character UUIDs). */
export const MAX_ID_LENGTH = 128;

/**
 * Unreserved URL characters only, so an id is one path segment exactly as written: no "/", "?", "#",
 * "%" (no "%2e%2e"), whitespace or control character can change which URL is requested. Ids made
 * of dots only are refused: "." and ".." are path segments that a URL resolves away
 * (`/v1/jobs/.` is `/v1/jobs/`, the job list).
 */
const ID = /^[A-Za-z0-9._~-]+$/;

/** Whether `id` is safe as one URL path segment (see ID). */
export function isSafeId(id: unknown): id is string {
  return typeof id === "string" && id.length <= MAX_ID_LENGTH && ID.test(id) && !/^\.+$/.test(id);
}

/** `id` when it is safe as one URL path segment; otherwise an InputValidationError of `op`, nothing sent. */
export function checkId(op: string, name: string, id: unknown): string {
  if (isSafeId(id)) return id;
  const why =
    typeof id !== "string"
      ? "must be a string"
      : id.length === 0
        ? "must not be empty"
        : id.length > MAX_ID_LENGTH
          ? `must be at most ${MAX_ID_LENGTH} characters (got ${id.length})`
          : /^\.+$/.test(id)
            ? 'must not be "." or ".." (a URL would resolve it to another path)'
            : 'may hold only letters, digits, "-", "_", "." and "~" (no "/", "?", "#", "%", spaces or control characters)';
  throw new InputValidationError(op, [{ path: name, rule: "id", message: `${why} (got ${describeValue(id)})` }]);
}

/** `value` when it is an integer from `min` to `max`; otherwise an InputValidationError of `op` naming the parameter. */
export function integerArgument(op: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new InputValidationError(op, [{ path: name, rule: "integer", message: `must be an integer from ${min} to ${max} (got ${describeValue(value)})` }]);
}

/** `value` when it is one of `allowed` (exactly as written); otherwise an InputValidationError of `op` naming the parameter. */
export function enumArgument<T extends string>(op: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InputValidationError(op, [{ path: name, rule: "enum", message: `must be one of ${allowed.join(", ")} (got ${describeValue(value)})` }]);
}

/** The longest model slug a filter accepts (real slugs are under 80 characters). */
export const MAX_SLUG_LENGTH = 200;

/**
 * `value` when it can be a model slug in a query string: a non-empty string of at most
 * MAX_SLUG_LENGTH characters without whitespace or control characters. Not checked against the
 * SDK's catalog: a filter may name a model the SDK no longer lists.
 */
export function slugArgument(op: string, name: string, value: unknown): string {
  if (typeof value === "string" && value.length > 0 && value.length <= MAX_SLUG_LENGTH && !/[\s\u0000-\u001f\u007f]/.test(value)) return value;
  const why =
    typeof value !== "string"
      ? "must be a string"
      : value.length === 0
        ? "must not be empty"
        : value.length > MAX_SLUG_LENGTH
          ? `must be a model slug of at most ${MAX_SLUG_LENGTH} characters (got ${value.length})`
          : "must be a model slug, without spaces or control characters";
  throw new InputValidationError(op, [{ path: name, rule: "slug", message: `${why} (got ${describeValue(value)})` }]);
}
