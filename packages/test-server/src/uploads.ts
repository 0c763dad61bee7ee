import { createHmac, timingSafeEqual } from "node:crypto";
import { describeValue, ownValue } from "@pixelbyte/pricing/runtime";
import { ApiFailure } from "./http.js";
import type { IdSource } from "./ids.js";

export const UPLOAD_TYPES: Readonly<Record<string, number>> = {
  "image/jpeg": 10 * 1024 * 1024,
  "image/png": 10 * 1024 * 1024,
  "image/webp": 10 * 1024 * 1024,
  "image/gif": 10 * 1024 * 1024,
  "video/mp4": 100 * 1024 * 1024,
  "video/webm": 100 * 1024 * 1024,
  "audio/mpeg": 50 * 1024 * 1024,
  "audio/wav": 50 * 1024 * 1024,
};

export interface UploadRecord {
  id: string;
  account: string;
  filename: string;
  contentType: string;
  maxSize: number;
  createdAt: Date;
  /** The PUT must arrive before this (15 minutes after presigning). */
  putDeadline: Date;
  /** The file is deleted then (60 minutes after presigning). */
  expiresAt: Date;
  data: Buffer | undefined;
}

/** Presigned temporary files: the PUT target plays the storage host, GET of fileUrl plays the CDN. */
export class UploadStore {
  private readonly uploads = new Map<string, UploadRecord>();
  private readonly signingKey: string;

  constructor(
    private readonly ids: IdSource,
    private readonly windowMs: number,
    private readonly ttlMs: number,
    seed: number,
  ) {
    this.signingKey = `storage-${seed}`;
  }

  presign(account: string, body: Record<string, unknown>): UploadRecord {
    const { filename, contentType } = body;
    if (typeof filename !== "string" || filename.trim() === "") throw new ApiFailure("VALIDATION_ERROR", "filename is required", { details: { field: "filename" } });
    if (/[/\\]/.test(filename) || filename.length > 255) throw new ApiFailure("VALIDATION_ERROR", "filename must be a plain file name", { details: { field: "filename" } });
    if (typeof contentType !== "string" || contentType === "") throw new ApiFailure("VALIDATION_ERROR", "contentType is required", { details: { field: "contentType" } });
    const maxSize = ownValue(UPLOAD_TYPES, contentType);
    if (maxSize === undefined) {
      throw new ApiFailure("INVALID_CONTENT_TYPE", `${describeValue(contentType)} is not an accepted content type`, {
        details: { field: "contentType", allowed: Object.keys(UPLOAD_TYPES) },
      });
    }
    const now = Date.now();
    const record: UploadRecord = {
      id: this.ids.uuid(),
      account,
      filename,
      contentType,
      maxSize,
      createdAt: new Date(now),
      putDeadline: new Date(now + this.windowMs),
      expiresAt: new Date(now + this.ttlMs),
      data: undefined,
    };
    this.uploads.set(record.id, record);
    return record;
  }

  get(id: string): UploadRecord | undefined {
    return this.uploads.get(id);
  }

  all(): UploadRecord[] {
    return [...this.uploads.values()];
  }

  status(u: UploadRecord): "pending" | "expired" {
    return Date.now() >= u.expiresAt.getTime() ? "expired" : "pending";
  }

  uploadUrl(publicUrl: string, u: UploadRecord): string {
    const expires = u.putDeadline.getTime();
    return `${publicUrl}/storage/temp/${u.id}/${encodeURIComponent(u.filename)}?expires=${expires}&signature=${this.sign(u.id, expires)}`;
  }

  fileUrl(publicUrl: string, u: UploadRecord): string {
    return `${publicUrl}/cdn/temp/${u.account}/${u.id}_${encodeURIComponent(u.filename)}`;
  }

  /** Checks a PUT against its presigned URL; answers like a storage host (status + short text). */
  put(id: string, query: URLSearchParams, contentType: string | undefined, body: Buffer): { status: number; message: string } {
    const u = this.uploads.get(id);
    const expires = Number(query.get("expires"));
    const signature = query.get("signature") ?? "";
    if (!u || !safeEqual(signature, this.sign(id, expires))) return { status: 403, message: "SignatureDoesNotMatch" };
    if (Date.now() > u.putDeadline.getTime() || expires !== u.putDeadline.getTime()) return { status: 403, message: "Request has expired" };
    if ((contentType ?? "").split(";")[0]!.trim() !== u.contentType) return { status: 400, message: `Content-Type must be ${u.contentType}` };
    if (body.length > u.maxSize) return { status: 413, message: `EntityTooLarge: max ${u.maxSize} bytes` };
    u.data = body;
    return { status: 200, message: "" };
  }

  private sign(id: string, expires: number): string {
    return createHmac("sha256", this.signingKey).update(`${id}:${expires}`).digest("hex");
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
