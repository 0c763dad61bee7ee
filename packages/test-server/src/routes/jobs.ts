import { closestMatch, describeValue, isOwnKey } from "@pixelbyte/pricing/runtime";
import { VERSION_ID, type ModelInfo } from "../catalog.js";
import { ApiFailure, ok, parseJsonObject, retryAfterHeader } from "../http.js";
import { JOB_STATUSES, type JobRecord, type JobStatus } from "../jobs.js";
import { additiveBreakdown, quoteFor } from "../quote.js";
import type { Ctx, Route } from "../router.js";
import { assertValidInput } from "../validate.js";

const SLUG = /^[^/\s]+\/[^/\s]+(\/[^/\s]+)?$/;

function modelOf(ctx: Ctx, body: Record<string, unknown>): ModelInfo {
  const slug = body.model;
  if (typeof slug !== "string" || !SLUG.test(slug)) {
    throw new ApiFailure("INVALID_MODEL_SLUG", slug === undefined ? "model is required: a slug provider/model or provider/model/capability." : "Expected model as provider/model or provider/model/capability.", {
      details: { field: "model" },
    });
  }
  const catalog = ctx.state.catalog;
  const model = catalog.resolveSlug(slug);
  if (!model || !isOwnKey(catalog.pricing, model.slug)) {
    const near = closestMatch(slug, catalog.models.map((m) => m.slug));
    throw new ApiFailure("MODEL_NOT_FOUND", `No model ${describeValue(slug)}${near ? `; did you mean "${near}"?` : ""}`, { details: { model: slug, ...(near ? { suggestion: near } : {}) } });
  }
  if (body.version !== undefined && body.version !== VERSION_ID) {
    throw new ApiFailure("MODEL_VERSION_NOT_FOUND", `${model.slug} has no version ${JSON.stringify(body.version)}; the current one is ${VERSION_ID}.`, {
      details: { model: model.slug, version: body.version, allowed: [VERSION_ID] },
    });
  }
  return model;
}

function inputOf(body: Record<string, unknown>, required: boolean): Record<string, unknown> {
  const input = body.input;
  if (input === undefined && !required) return {};
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ApiFailure("INVALID_INPUT", "input must be a JSON object of the model's parameters.", { details: { field: "input" } });
  }
  return input as Record<string, unknown>;
}

function webhookOf(ctx: Ctx, body: Record<string, unknown>): string | undefined {
  const value = body.webhookUrl;
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const loopback = url !== undefined && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  const allowed = url !== undefined && (url.protocol === "https:" || (url.protocol === "http:" && loopback && ctx.state.allowLoopbackHttpWebhooks));
  if (!allowed) throw new ApiFailure("INVALID_WEBHOOK_URL", "webhookUrl must be an https:// URL.", { details: { field: "webhookUrl" } });
  return value as string;
}

function ownJob(ctx: Ctx): JobRecord {
  const job = ctx.state.jobs.get(ctx.params.jobId!);
  if (!job) throw new ApiFailure("JOB_NOT_FOUND", `Job ${ctx.params.jobId} not found.`, { details: { jobId: ctx.params.jobId } });
  if (job.account !== ctx.key!.account) throw new ApiFailure("UNAUTHORIZED_ACCESS", "This API key cannot access the job.", { details: { jobId: job.jobId } });
  return job;
}

async function submit(ctx: Ctx) {
  const body = parseJsonObject(await ctx.body(), "INVALID_INPUT");
  const model = modelOf(ctx, body);
  const input = inputOf(body, true);
  assertValidInput(model.slug, model.inputSchema, input);
  const webhookUrl = webhookOf(ctx, body);
  const quote = quoteFor(ctx.state.catalog.pricing, model.slug, input);
  const { jobs, ledger, limits } = ctx.state;
  const account = ctx.key!.account;
  if (limits.maxConcurrentJobs !== undefined && jobs.activeCount(account) >= limits.maxConcurrentJobs) {
    const retryAfter = limits.concurrencyRetryAfterSeconds;
    throw new ApiFailure("CONCURRENT_JOBS_EXCEEDED", `Too many concurrent jobs for your plan (limit ${limits.maxConcurrentJobs}).`, {
      details: { retryAfter, limit: limits.maxConcurrentJobs },
      headers: retryAfterHeader(retryAfter),
    });
  }
  ledger.charge(account, quote.microCents);
  const job = jobs.create({
    account,
    model,
    version: VERSION_ID,
    input,
    costMicroCents: quote.microCents,
    requestId: ctx.requestId,
    webhookUrl,
    willFail: ctx.faults.some((f) => f.kind === "job-failure"),
  });
  return ok({
    jobId: job.jobId,
    requestId: ctx.requestId,
    status: "pending",
    estimatedCompletionTime: jobs.estimatedCompletion(job).toISOString(),
    costMicroCents: job.costMicroCents,
  });
}

async function estimate(ctx: Ctx) {
  const body = parseJsonObject(await ctx.body(), "INVALID_INPUT");
  const model = modelOf(ctx, body);
  const input = inputOf(body, false);
  // An estimate needs only the priced fields, so required fields may be missing.
  assertValidInput(model.slug, model.inputSchema, input, true);
  const quote = quoteFor(ctx.state.catalog.pricing, model.slug, input);
  const percent = ctx.state.estimateDiscountPercent;
  // An account discount (drift.discountPercent) lowers the estimate; the base cost stays the list price.
  const saved = percent === undefined ? 0 : Number((BigInt(quote.microCents) * BigInt(percent)) / 100n);
  return ok({
    baseCostMicroCents: quote.microCents,
    estimatedCostMicroCents: quote.microCents - saved,
    breakdown: additiveBreakdown(ctx.state.catalog.pricing[model.slug]!, input, quote),
    hasDiscount: percent !== undefined,
    discounted: percent === undefined ? null : { type: "percentage_discount", percentage: percent, savedMicroCents: saved },
    model: model.slug,
    unit: quote.unit,
    exactCostMicroCents: quote.exactMicroCents,
  });
}

function list(ctx: Ctx) {
  const q = ctx.url.searchParams;
  const limitText = q.get("limit");
  // Digits only: " 10", "1e1", "0x10" and "10.0" are not integers as the spec writes them.
  const limit = limitText === null ? 20 : /^[1-9][0-9]{0,2}$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ApiFailure("VALIDATION_ERROR", "limit must be an integer from 1 to 100.", { details: { field: "limit" } });
  }
  const status = q.get("status") ?? undefined;
  if (status !== undefined && !(JOB_STATUSES as readonly string[]).includes(status)) {
    throw new ApiFailure("VALIDATION_ERROR", `status must be one of ${JOB_STATUSES.join(", ")}.`, { details: { field: "status", allowed: JOB_STATUSES } });
  }
  const modelId = q.get("modelId") ?? undefined;
  const model = modelId === undefined ? undefined : (ctx.state.catalog.modelBySlug(modelId)?.slug ?? ctx.state.catalog.resolveSlug(modelId)?.slug ?? modelId);
  return ok(ctx.state.jobs.list(ctx.key!.account, { limit, cursor: q.get("cursor") ?? undefined, status: status as JobStatus | undefined, model }));
}

function get(ctx: Ctx) {
  return ok(ctx.state.jobs.view(ownJob(ctx)));
}

function cancel(ctx: Ctx) {
  const job = ownJob(ctx);
  ctx.state.jobs.cancel(job);
  return ok({ jobId: job.jobId, status: "cancelled", refundedMicroCents: job.refundedMicroCents });
}

export const jobRoutes: Route[] = [
  { method: "POST", path: "/v1/jobs/submit", operationId: "submitJob", auth: "bearer", scope: "submit_job", api: true, handle: submit },
  { method: "POST", path: "/v1/jobs/estimate", operationId: "estimateJob", auth: "bearer", scope: "check_status", api: true, handle: estimate },
  { method: "GET", path: "/v1/jobs", operationId: "listJobs", auth: "bearer", scope: "check_status", api: true, handle: list },
  { method: "GET", path: "/v1/jobs/{jobId}", operationId: "getJob", auth: "bearer", scope: "check_status", api: true, handle: get },
  { method: "POST", path: "/v1/jobs/{jobId}/cancel", operationId: "cancelJob", auth: "bearer", scope: "submit_job", api: true, handle: cancel },
];
