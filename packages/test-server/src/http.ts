import type { IncomingMessage, ServerResponse } from "node:http";
import { errorStatus } from "./spec-data.js";

/** An API error answered with the documented envelope `{success: false, error, requestId}`. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, opts: { details?: Record<string, unknown>; status?: number; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.status = opts.status ?? statusOf(code);
    this.details = opts.details;
    this.headers = opts.headers ?? {};
  }
}

/** The status the spec gives a code; unlisted codes (only the test server's own) say theirs explicitly. */
export function statusOf(code: string): number {
  return Object.hasOwn(errorStatus, code) ? errorStatus[code as keyof typeof errorStatus] : 500;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export function errorBody(failure: ApiFailure, requestId: string) {
  return {
    success: false as const,
    error: { code: failure.code, message: failure.message, ...(failure.details ? { details: failure.details } : {}) },
    requestId,
  };
}

const MAX_BODY_BYTES = 1 << 20;

/** The raw request body, capped so a runaway client cannot exhaust memory. */
export async function readRaw(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiFailure("VALIDATION_ERROR", `request body exceeds ${limit} bytes`, { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; `code` is the error the operation documents for a bad body. */
export function parseJsonObject(raw: Buffer, code: string): Record<string, unknown> {
  if (raw.length === 0) throw new ApiFailure(code, "request body is empty; send a JSON object");
  let value: unknown;
  try {
    value = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiFailure(code, "request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ApiFailure(code, "request body must be a JSON object");
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Retry-After carries whole seconds only; a fractional wait (fast tests) is left to error.details.retryAfter. */
export function retryAfterHeader(seconds: number): Record<string, string> {
  return Number.isInteger(seconds) ? { "retry-after": String(seconds) } : {};
}
