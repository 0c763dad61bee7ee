import { describeValue } from "@pixelbyte/pricing/runtime";
import type { components } from "../gen/api.gen.js";
import { checkId, optionsObject } from "./check.js";
import { withRequestId, type Ctx } from "./context.js";
import { AbortedError, InputValidationError } from "./errors.js";
import { expectShape } from "./response.js";
import * as shapes from "./shapes.js";
import type { RequestOptions, Upload, UploadContentType, UploadResult } from "./types.js";

const MiB = 1024 * 1024;

/**
 * Largest file per documented content type (the uploads docs page: images 10 MB, video 100 MB, audio 50 MB;
 * the example maxSize 10485760 shows they are MiB). `satisfies` makes a content type added to the
 * spec a compile error here until its limit is known.
 */
export const uploadLimits = {
  "image/jpeg": 10 * MiB,
  "image/png": 10 * MiB,
  "image/webp": 10 * MiB,
  "image/gif": 10 * MiB,
  "video/mp4": 100 * MiB,
  "video/webm": 100 * MiB,
  "audio/mpeg": 50 * MiB,
  "audio/wav": 50 * MiB,
} as const satisfies Record<UploadContentType, number>;

/** A presigned URL must be used within 15 minutes (the uploads docs page). */
const UPLOAD_WINDOW_MS = 15 * 60_000;

export type UploadData = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface UploadOptions extends RequestOptions {
  /** Defaults to a File's name. */
  filename?: string;
  /** Defaults to a Blob's type. One of the documented content types. */
  contentType?: UploadContentType;
}

/**
 * Uploads a temporary input file and returns its URL for a job's input. The content type and the
 * size limit are checked before any request; streams are read (up to the limit) before presigning
 * so the PUT follows the presign immediately, well inside the 15-minute window. The PUT goes to
 * storage, not the API, and never carries the API key.
 */
export async function uploadFile(ctx: Ctx, data: UploadData, opts: UploadOptions = {}): Promise<UploadResult> {
  optionsObject("options", opts);
  const { signal } = opts;
  if (signal?.aborted) throw new AbortedError("uploads.upload: aborted before anything was sent", { code: "ABORTED" });
  const blob = typeof Blob !== "undefined" && data instanceof Blob ? data : undefined;
  const contentType = (opts.contentType ?? (blob?.type || undefined)) as string | undefined;
  const filename = opts.filename ?? (blob !== undefined && typeof (blob as { name?: unknown }).name === "string" ? (blob as File).name : undefined);

  if (typeof filename !== "string" || filename.length === 0) {
    throw invalid("filename", "required", "is required (pass { filename }, or upload a File)");
  }
  // It becomes part of the file's URL: one plain name, as the API's presign accepts.
  if (filename.length > 255 || /[/\\\u0000-\u001f\u007f]/.test(filename)) {
    throw invalid("filename", "pattern", `must be a plain file name of at most 255 characters, without "/", "\\" or control characters (got ${describeValue(filename)})`);
  }
  if (contentType === undefined || !Object.hasOwn(uploadLimits, contentType)) {
    throw invalid("contentType", "enum", `must be one of ${Object.keys(uploadLimits).join(", ")} (got ${contentType === undefined ? "nothing" : describeValue(contentType)})`, Object.keys(uploadLimits));
  }
  const type = contentType as UploadContentType;
  const limit = uploadLimits[type];
  const body = await readLimited(data, limit, type, signal);
  const size = body instanceof Blob ? body.size : body.byteLength;

  const res = await ctx.transport.call<unknown>(
    { op: "uploads.presign", policy: "read", auth: "bearer", signal, timeoutMs: opts.timeoutMs, maxRetries: opts.maxRetries },
    (fetch) => ctx.transport.api.POST("/v1/uploads/presign", { body: { filename, contentType: type }, fetch }),
  );
  const presignedAt = ctx.clock.now();
  const p = expectShape<components["schemas"]["PresignedUpload"]>("uploads.presign", res.data, shapes.presign, res.requestId, res.status);
  if (typeof p.maxSize === "number" && size > p.maxSize) {
    throw invalid("data", "maxSize", `is ${size} bytes, over the ${p.maxSize}-byte limit the server gave for ${type}; nothing was uploaded`);
  }

  await ctx.transport.execute(
    {
      op: "uploads.put",
      policy: "read",
      auth: "none",
      expectJson: false,
      signal,
      timeoutMs: opts.timeoutMs,
      maxRetries: opts.maxRetries,
      // Retries must not run past the presigned URL's window.
      deadlineAt: presignedAt + UPLOAD_WINDOW_MS,
    },
    "PUT",
    p.uploadUrl,
    new Headers({ "content-type": type }),
    body,
  );
  return {
    fileUrl: p.fileUrl,
    fileId: p.fileId,
    expiresAt: p.expiresAt,
    contentType: type,
    size,
    requestId: res.requestId,
  };
}

export async function getUpload(ctx: Ctx, id: string, opts: RequestOptions = {}): Promise<Upload> {
  checkId("uploads.get", "id", id);
  const res = await ctx.transport.call<unknown>(
    { op: "uploads.get", policy: "read", auth: "bearer", signal: opts.signal, timeoutMs: opts.timeoutMs, maxRetries: opts.maxRetries },
    (fetch) => ctx.transport.api.GET("/v1/uploads/{id}", { params: { path: { id } }, fetch }),
  );
  return withRequestId(expectShape<components["schemas"]["Upload"]>("uploads.get", res.data, shapes.upload, res.requestId, res.status), res.requestId);
}

function invalid(path: string, rule: string, message: string, allowed?: readonly unknown[], op = "uploads.upload"): InputValidationError {
  return new InputValidationError(op, [allowed === undefined ? { path, rule, message } : { path, rule, message, allowed }]);
}

function tooBig(size: number | string, limit: number, type: string): InputValidationError {
  return invalid("data", "maxSize", `is ${size} bytes, over the ${limit}-byte limit for ${type}; nothing was sent`);
}

/** The bytes to PUT, refusing (before any request) anything over `limit`. Blobs stay Blobs (no copy). */
async function readLimited(data: UploadData, limit: number, type: string, signal: AbortSignal | undefined): Promise<Blob | Uint8Array<ArrayBuffer>> {
  if (typeof Blob !== "undefined" && data instanceof Blob) {
    if (data.size > limit) throw tooBig(data.size, limit, type);
    return data;
  }
  if (data instanceof ArrayBuffer) {
    if (data.byteLength > limit) throw tooBig(data.byteLength, limit, type);
    return new Uint8Array(data);
  }
  if (ArrayBuffer.isView(data)) {
    if (data.byteLength > limit) throw tooBig(data.byteLength, limit, type);
    return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const take = (chunk: unknown): void => {
    if (!(chunk instanceof Uint8Array)) throw invalid("data", "type", "stream chunks must be Uint8Array (bytes)");
    total += chunk.byteLength;
    if (total > limit) throw tooBig(`more than ${limit}`, limit, type);
    chunks.push(chunk);
  };
  if (typeof ReadableStream !== "undefined" && data instanceof ReadableStream) {
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        if (signal?.aborted) throw new AbortedError("uploads.upload: aborted while reading the data", { code: "ABORTED" });
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
      }
    } catch (e) {
      await reader.cancel().catch(() => {});
      throw e;
    } finally {
      reader.releaseLock();
    }
  } else if (typeof (data as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function") {
    for await (const chunk of data as AsyncIterable<Uint8Array>) {
      if (signal?.aborted) throw new AbortedError("uploads.upload: aborted while reading the data", { code: "ABORTED" });
      take(chunk);
    }
  } else {
    throw invalid("data", "type", "must be a Blob, File, ArrayBuffer, Uint8Array, ReadableStream or async iterable of bytes");
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
