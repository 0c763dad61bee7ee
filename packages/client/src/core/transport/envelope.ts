import { errorClassFor, InvalidResponseError, RateLimitError } from "../errors.js";
import type { Redactor } from "../redact.js";
import type { Failure } from "../retry.js";
import { parseRetryAfter } from "../retry.js";

export interface Success {
  readonly ok: true;
  readonly data: unknown;
  readonly requestId: string | undefined;
  readonly status: number;
}

export type Outcome = Success | (Failure & { readonly ok: false });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Turns one fully read response into a success value or a typed failure. Success bodies may be flat
 * or wrapped as `{success: true, data, requestId}` (decision 3 in docs/decisions.md); errors use
 * `{success: false, error: {code, message, details}, requestId}`; anything else (HTML pages,
 * truncated or malformed JSON) becomes a typed error that keeps a short excerpt, masked before it
 * is cut. Everything else the response says (message, details, headers) is masked at the client's
 * exit, with the rest of the error.
 */
export function interpret(
  res: Response,
  text: string,
  expectJson: boolean,
  op: string,
  now: number,
  redactor: Redactor,
  headerRequestId: string | undefined = res.headers.get("x-request-id") ?? undefined,
): Outcome {
  const status = res.status;
  let parsed: unknown;
  let parseProblem: string | undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parseProblem = e instanceof Error ? e.message : "invalid JSON";
    }
  } else {
    parseProblem = "empty body";
  }

  const envelopeError = isObj(parsed) && parsed["success"] === false && isObj(parsed["error"]) ? (parsed["error"] as Obj) : undefined;
  const bodyRequestId = isObj(parsed) && typeof parsed["requestId"] === "string" ? parsed["requestId"] : undefined;
  const requestId = bodyRequestId ?? headerRequestId;

  if (res.ok && envelopeError === undefined) {
    if (!expectJson) return { ok: true, data: undefined, requestId, status };
    if (parseProblem !== undefined) {
      return {
        ok: false,
        kind: "invalid-body",
        status,
        error: new InvalidResponseError(
          `${op}: the ${status} response is not valid JSON (${parseProblem})${excerpt(text, redactor)}`,
          { code: "INVALID_RESPONSE", status, requestId: headerRequestId },
        ),
      };
    }
    const data = isObj(parsed) && parsed["success"] === true && "data" in parsed ? parsed["data"] : parsed;
    return { ok: true, data, requestId, status };
  }

  if (envelopeError !== undefined) {
    const code = typeof envelopeError["code"] === "string" ? envelopeError["code"] : undefined;
    const serverMessage = typeof envelopeError["message"] === "string" ? envelopeError["message"] : "no message";
    const details = isObj(envelopeError["details"]) ? envelopeError["details"] : undefined;
    // A 2xx carrying success:false is still an error; take the documented status of its code.
    const effective = res.ok ? 500 : status;
    const retryAfterMs = parseRetryAfter(res.headers, details, now);
    const Cls = errorClassFor(code, effective);
    const message = `${serverMessage} (${status}${code ? ` ${code}` : ""}${requestId ? `, request ${requestId}` : ""})`;
    const init = { code: code ?? `HTTP_${status}`, status, requestId, details };
    const error = Cls === RateLimitError ? new RateLimitError(message, { ...init, retryAfterMs }) : new Cls(message, init);
    return { ok: false, kind: "http", status, code, retryAfterMs, error };
  }

  // An error status without the error envelope: a proxy page, a bare text, a truncated body.
  const retryAfterMs = parseRetryAfter(res.headers, undefined, now);
  const Cls = errorClassFor(undefined, status);
  const location = res.headers.get("location");
  const why =
    (status >= 300 && status < 400) || res.type === "opaqueredirect"
      ? ` redirecting to ${location ?? "an undisclosed location"}, not followed: a request that carries the API key or a body is never redirected`
      : ` without an error body${excerpt(text, redactor)}`;
  const message = `${op}: HTTP ${status}${res.statusText ? ` ${res.statusText}` : ""}${why}`;
  const init = { code: `HTTP_${status}`, status, requestId };
  const error = Cls === RateLimitError ? new RateLimitError(message, { ...init, retryAfterMs }) : new Cls(message, init);
  return { ok: false, kind: "http", status, retryAfterMs, error };
}

/** The start of a body that is not the expected JSON, whitespace collapsed; masked before each cut. */
function excerpt(text: string, redactor: Redactor): string {
  if (text.length === 0) return "";
  const flat = redactor.clip(text, 2_000).replace(/\s+/g, " ").trim();
  return `; body starts: ${JSON.stringify(redactor.clip(flat, 160))}`;
}
