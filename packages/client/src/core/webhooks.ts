import type { components } from "../gen/api.gen.js";
import { invalidOption, optionalFunction, optionalInteger, optionsObject } from "./check.js";
import { ConfigurationError, WebhookVerificationError, type WebhookRejection } from "./errors.js";
import { createRedactor } from "./redact.js";

type WebhookPayload = components["schemas"]["WebhookPayload"];
type Base = Omit<WebhookPayload, "status" | "output" | "error">;

/** A verified delivery. Discriminate on `status`. */
export type WebhookEvent =
  | (Base & { readonly status: "completed"; readonly output: NonNullable<WebhookPayload["output"]>; readonly error?: undefined })
  | (Base & { readonly status: "failed"; readonly error: components["schemas"]["JobError"]; readonly output?: undefined });

/** A fetch `Headers`, or a plain object such as Node's `req.headers` (names in any case). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
  /**
   * Largest accepted distance between the signed timestamp and now, either way: whole seconds from
   * 0 to 86,400 (default 300). Anything else (NaN from an unset environment variable, Infinity, a
   * negative number) is a ConfigurationError, never replay protection silently turned off.
   */
  toleranceSec?: number;
  /** Current time in ms (for tests); defaults to Date.now. Must return a finite number (ConfigurationError otherwise). */
  now?: () => number;
}

/** The largest toleranceSec accepted: one day. */
export const MAX_WEBHOOK_TOLERANCE_SEC = 86_400;

const SIGNATURE_HEADER = "x-pixelbyte-signature";
const TIMESTAMP_HEADER = "x-pixelbyte-timestamp";
const encoder = new TextEncoder();

const reject = (code: WebhookRejection, message: string) => new WebhookVerificationError(code, message);

/**
 * Verifies a PixelByte webhook (decision 5 in docs/decisions.md): `X-PixelByte-Signature: sha256=<hex HMAC-SHA256
 * (secret, timestamp + "." + rawBody)>` with `X-PixelByte-Timestamp` in Unix seconds. Pass the raw
 * body exactly as received (not re-serialised JSON). Several secrets may be given during a rotation.
 * Rejects a timestamp further than `toleranceSec` in the past or future, so a captured delivery
 * cannot be replayed later, and a timestamp swapped for a fresh one breaks the signature. The
 * signature is compared in constant time. De-duplicate accepted events on `jobId`: deliveries repeat.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: WebhookHeaders,
  secret: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const iterable = typeof secret === "object" && secret !== null && !(secret instanceof String) && typeof (secret as Iterable<unknown>)[Symbol.iterator] === "function";
  const secrets: unknown[] = typeof secret === "string" ? [secret] : iterable ? [...(secret as Iterable<unknown>)] : [];
  try {
    if (secret instanceof String) throw invalidOption("secret", "a string or an array of strings (not a String object)", secret);
    return await verify(rawBody, headers, usableSecrets(secrets, typeof secret !== "string"), options);
  } catch (e) {
    // The single exit: no rejection quotes a secret (a payload or header may echo one).
    throw createRedactor(secrets.filter((s): s is string => typeof s === "string")).error(e);
  }
}

/** The shortest webhook secret accepted: a shorter (or blank) one can be guessed, so a signature made with it proves nothing. */
export const MIN_WEBHOOK_SECRET_LENGTH = 8;

/**
 * The secrets to verify with. "" alone or an empty list means none (WEBHOOK_NO_SECRET); every other
 * entry must be a usable secret, or the call is a ConfigurationError that does not quote it: an
 * entry that is not a string (an unset environment variable during a rotation) used to be skipped,
 * and a blank or one-letter one accepted deliveries anyone could sign.
 */
function usableSecrets(secrets: readonly unknown[], listed: boolean): string[] {
  if (secrets.length === 0 || (!listed && secrets[0] === "")) return [];
  return secrets.map((s, i) => {
    const name = listed ? `secret[${i}]` : "secret";
    // Named by kind, never by value: a number or an object here may well be the secret itself.
    if (typeof s !== "string") throw new ConfigurationError(`${name} must be a string (got ${s === null ? "null" : s === undefined ? "undefined: an unset environment variable?" : `a ${typeof s}`})`, { code: "INVALID_OPTION", details: { option: name } });
    if (s.trim().length < MIN_WEBHOOK_SECRET_LENGTH) {
      throw new ConfigurationError(
        `${name} is ${s.trim() === "" ? (s === "" ? "empty" : "blank") : `${s.length} character${s.length === 1 ? "" : "s"} long`}: a webhook secret needs at least ${MIN_WEBHOOK_SECRET_LENGTH} characters besides spaces, or anyone could sign deliveries with it`,
        { code: "INVALID_OPTION", details: { option: name } },
      );
    }
    return s;
  });
}

async function verify(rawBody: string | Uint8Array | ArrayBuffer, headers: WebhookHeaders, secrets: readonly string[], options: VerifyWebhookOptions): Promise<WebhookEvent> {
  // Options first: a misconfiguration is reported as such, whatever the delivery looks like.
  optionsObject("options", options);
  const toleranceSec = optionalInteger("toleranceSec", options.toleranceSec, 0, MAX_WEBHOOK_TOLERANCE_SEC) ?? 300;
  optionalFunction("now", options.now);
  if (secrets.length === 0) throw reject("WEBHOOK_NO_SECRET", "No webhook secret given; refusing to trust an unverifiable delivery");
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array) && !(rawBody instanceof ArrayBuffer)) {
    throw reject("WEBHOOK_MALFORMED_PAYLOAD", "rawBody must be the body exactly as received (string or bytes), not parsed JSON");
  }

  const sent: WebhookHeaders = typeof headers === "object" && headers !== null ? headers : {};
  const signatureHeader = header(sent, SIGNATURE_HEADER);
  const timestampHeader = header(sent, TIMESTAMP_HEADER);
  if (timestampHeader === undefined) throw reject("WEBHOOK_MISSING_TIMESTAMP", "The X-PixelByte-Timestamp header is missing");
  if (signatureHeader === undefined) throw reject("WEBHOOK_MISSING_SIGNATURE", "The X-PixelByte-Signature header is missing");

  const ts = timestampHeader.trim();
  if (!/^\d{1,12}$/.test(ts)) throw reject("WEBHOOK_MALFORMED_TIMESTAMP", "X-PixelByte-Timestamp must be Unix time in whole seconds");
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signatureHeader.trim());
  if (match === null) throw reject("WEBHOOK_MALFORMED_SIGNATURE", 'X-PixelByte-Signature must be "sha256=" followed by 64 hex digits');

  const nowMs = options.now === undefined ? Date.now() : options.now();
  if (typeof nowMs !== "number" || !Number.isFinite(nowMs)) throw invalidOption("now()", "a finite number of milliseconds", nowMs);
  const nowSec = Math.floor(nowMs / 1000);
  const age = nowSec - Number(ts);
  if (age > toleranceSec) throw reject("WEBHOOK_TIMESTAMP_TOO_OLD", `The webhook timestamp is ${age} s old, over the ${toleranceSec} s tolerance`);
  if (-age > toleranceSec) throw reject("WEBHOOK_TIMESTAMP_IN_FUTURE", `The webhook timestamp is ${-age} s in the future, over the ${toleranceSec} s tolerance`);

  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new ConfigurationError("verifyWebhook needs Web Crypto (globalThis.crypto.subtle)", { code: "NO_WEB_CRYPTO" });
  const body = typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody instanceof Uint8Array ? rawBody : new Uint8Array(rawBody);
  const prefix = encoder.encode(`${ts}.`);
  const message = new Uint8Array(prefix.byteLength + body.byteLength);
  message.set(prefix, 0);
  message.set(body, prefix.byteLength);
  const given = hexToBytes(match[1]!);

  let valid = false;
  for (const s of secrets) {
    const key = await subtle.importKey("raw", encoder.encode(s), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = new Uint8Array(await subtle.sign("HMAC", key, message));
    // No early exit across secrets either: each comparison takes the same time.
    valid = constantTimeEqual(expected, given) || valid;
  }
  if (!valid) throw reject("WEBHOOK_SIGNATURE_MISMATCH", "The webhook signature does not match the body and timestamp");

  return parsePayload(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(body));
}

function parsePayload(text: string): WebhookEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw reject("WEBHOOK_MALFORMED_PAYLOAD", "The webhook body is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw reject("WEBHOOK_MALFORMED_PAYLOAD", "The webhook body is not a JSON object");
  const p = value as Record<string, unknown>;
  if (typeof p["jobId"] !== "string") throw reject("WEBHOOK_MALFORMED_PAYLOAD", "The webhook body has no jobId");
  if (p["status"] === "completed") {
    const output = typeof p["output"] === "object" && p["output"] !== null ? p["output"] : {};
    return { ...(p as unknown as Base), status: "completed", output: output as NonNullable<WebhookPayload["output"]> };
  }
  if (p["status"] === "failed") {
    const e = p["error"] as Record<string, unknown> | undefined;
    const error = {
      code: typeof e?.["code"] === "string" ? e["code"] : "UNKNOWN_ERROR",
      message: typeof e?.["message"] === "string" ? e["message"] : "no reason given",
    };
    return { ...(p as unknown as Base), status: "failed", error };
  }
  throw reject("WEBHOOK_MALFORMED_PAYLOAD", `The webhook status ${JSON.stringify(p["status"])} is neither "completed" nor "failed"`);
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function" && typeof (headers as Headers).has === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  let found: string | undefined;
  for (const [k, v] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (k.toLowerCase() !== name || v === undefined) continue;
    const values = typeof v === "string" ? [v] : v;
    if (values.length !== 1 || found !== undefined) {
      // Two values for one signature header is not something a genuine sender produces.
      throw reject(name === SIGNATURE_HEADER ? "WEBHOOK_MALFORMED_SIGNATURE" : "WEBHOOK_MALFORMED_TIMESTAMP", `The ${name} header appears more than once`);
    }
    found = values[0];
  }
  return found;
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Compares every byte whatever the first difference, so timing does not reveal how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
