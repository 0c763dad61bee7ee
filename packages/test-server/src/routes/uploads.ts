import { ApiFailure, ok, parseJsonObject, readRaw, type Reply } from "../http.js";
import { fakeFile } from "../outputs.js";
import type { Ctx, Route } from "../router.js";
import { UPLOAD_TYPES, type UploadRecord } from "../uploads.js";

// Uploads are wrapped in {success, data, requestId}, as their reference pages show.

function view(ctx: Ctx, u: UploadRecord) {
  const { uploads } = ctx.state;
  return {
    id: u.id,
    filename: u.filename,
    contentType: u.contentType,
    fileUrl: uploads.fileUrl(ctx.state.publicUrl(), u),
    status: uploads.status(u),
    createdAt: u.createdAt.toISOString(),
    expiresAt: u.expiresAt.toISOString(),
  };
}

async function presign(ctx: Ctx) {
  const body = parseJsonObject(await ctx.body(), "VALIDATION_ERROR");
  const u = ctx.state.uploads.presign(ctx.key!.account, body);
  const base = ctx.state.publicUrl();
  return ok({
    success: true,
    data: {
      uploadUrl: ctx.state.uploads.uploadUrl(base, u),
      fileUrl: ctx.state.uploads.fileUrl(base, u),
      fileId: u.id,
      expiresAt: u.expiresAt.toISOString(),
      maxSize: u.maxSize,
    },
    requestId: ctx.requestId,
  });
}

function status(ctx: Ctx) {
  const u = ctx.state.uploads.get(ctx.params.id!);
  if (!u || u.account !== ctx.key!.account) throw new ApiFailure("NOT_FOUND", "Upload not found.", { details: { id: ctx.params.id } });
  return ok({ success: true, data: view(ctx, u), requestId: ctx.requestId });
}

/** The storage host's side of a presigned PUT: no API key, the URL's signature authorises it. */
async function put(ctx: Ctx): Promise<Reply> {
  const limit = Math.max(...Object.values(UPLOAD_TYPES)) + 1;
  const body = await readRaw(ctx.req, limit).catch(() => undefined);
  if (!body) return { status: 413, body: Buffer.from("EntityTooLarge"), headers: { "content-type": "text/plain" } };
  const result = ctx.state.uploads.put(ctx.params.id!, ctx.url.searchParams, ctx.req.headers["content-type"], body);
  return { status: result.status, body: Buffer.from(result.message), headers: { "content-type": "text/plain" } };
}

/** The CDN's side: uploaded files until they expire, and the fake outputs of completed jobs. */
function uploadedFile(ctx: Ctx): Reply {
  const name = ctx.params.name!;
  const id = name.slice(0, 36);
  const u = ctx.state.uploads.get(id);
  if (!u || !u.data || u.account !== ctx.params.account || ctx.state.uploads.status(u) === "expired") {
    return { status: 404, body: Buffer.from("NoSuchKey"), headers: { "content-type": "text/plain" } };
  }
  return { status: 200, body: u.data, headers: { "content-type": u.contentType } };
}

function outputFile(ctx: Ctx): Reply {
  const job = ctx.state.jobs.get(ctx.params.jobId!);
  const file = ctx.params.file!;
  const known = job?.outputs?.some((o) => [o.url, o.thumbnail, o.posterImage].some((u) => u?.endsWith(`/${job.jobId}/${file}`)));
  if (!job || job.status !== "completed" || !known) return { status: 404, body: Buffer.from("NoSuchKey"), headers: { "content-type": "text/plain" } };
  const { body, contentType } = fakeFile(job.jobId, file);
  return { status: 200, body, headers: { "content-type": contentType } };
}

export const uploadRoutes: Route[] = [
  { method: "POST", path: "/v1/uploads/presign", operationId: "presignUpload", auth: "bearer", api: true, handle: presign },
  { method: "GET", path: "/v1/uploads/{id}", operationId: "getUpload", auth: "bearer", api: true, handle: status },
  { method: "PUT", path: "/storage/temp/{id}/{filename}", operationId: "storagePut", auth: "public", api: false, handle: put },
  { method: "GET", path: "/cdn/temp/{account}/{name}", operationId: "cdnFile", auth: "public", api: false, handle: uploadedFile },
  { method: "GET", path: "/cdn/outputs/{jobId}/{file}", operationId: "cdnOutput", auth: "public", api: false, handle: outputFile },
];
