import type { components } from "../gen/api.gen.js";
import { checkMicroCents, guardBudget, localPrice } from "./budget.js";
import { checkId, checkRequestOptions, enumArgument, integerArgument, isSafeId, optionsObject, slugArgument } from "./check.js";
import { expectKind, withRequestId, type Ctx } from "./context.js";
import {
  AbortedError,
  InputValidationError,
  InvalidRequestError,
  InvalidResponseError,
  JobMayExistError,
  PriceMismatchError,
} from "./errors.js";
import { nameJob } from "./job-errors.js";
import { jsonText, type JsonValue } from "./json-value.js";
import { expectShape } from "./response.js";
import * as shapes from "./shapes.js";
import { mayHaveActed, type Failure } from "./retry.js";
import type {
  CancelResult,
  EstimateResult,
  Job,
  JobListPage,
  JobStatus,
  JobSummary,
  PriceCheck,
  RemoteEstimate,
  RequestOptions,
  SubmitResult,
  WithRequestId,
} from "./types.js";
import { resolveModel } from "./model.js";
import { validateInput, validateWebhookUrl } from "./validate.js";

type Schemas = components["schemas"];

export interface SubmitOptions extends RequestOptions {
  /** https URL that receives one signed POST when the job completes or fails. */
  webhookUrl?: string;
  /** Model version; the latest stable one when omitted. */
  version?: string;
  /** Refuse (sending nothing) when the local exact price is above this many micro-cents. */
  maxCostMicroCents?: number;
}

export interface EstimateOptions extends RequestOptions {
  version?: string;
}

export interface ListJobsParams extends RequestOptions {
  status?: JobStatus;
  /** Only jobs of this model slug (the API's `modelId` filter takes a slug). */
  model?: string;
  /** Page size, 1 to 100 (server default 20). */
  limit?: number;
}

/** Iterate it for every job across every page; `pages()` yields the pages with their requestId. */
export interface JobPager extends AsyncIterable<JobSummary> {
  pages(): AsyncGenerator<JobListPage, void, undefined>;
}

function throwIfAborted(op: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(`${op}: aborted by the caller's signal before anything was sent`, { code: "ABORTED" });
}

function transportOptions(o: RequestOptions) {
  return { signal: o.signal, timeoutMs: o.timeoutMs, maxRetries: o.maxRetries };
}

/**
 * Submits one paid job. Before any request: the input becomes the one JSON value that is
 * validated, priced and sent (see toJsonValue), the webhook URL must be https, and the local exact
 * price of that value is checked against the budgets. The request itself is retried only where no
 * job can exist (decision 6 in docs/decisions.md); any other failure after sending throws
 * JobMayExistError. After success the charge is compared with the local price; an error raised
 * from then on names the job (jobId, chargedMicroCents, price).
 */
export async function submit(ctx: Ctx, ref: unknown, input: unknown, opts: SubmitOptions = {}): Promise<SubmitResult> {
  optionsObject("options", opts);
  checkRequestOptions(opts);
  throwIfAborted("submit", opts.signal);
  const descriptor = resolveModel(ref, ctx.models, ctx.redactor);
  const model = descriptor.slug;
  // Each option is read once: a getter cannot pass the check with one value and send another.
  const { webhookUrl, version, maxCostMicroCents } = opts;
  if (maxCostMicroCents !== undefined) checkMicroCents("maxCostMicroCents", maxCostMicroCents);
  const json = validateInput(model, descriptor.schema, input, ctx.redactor);
  if (webhookUrl !== undefined) validateWebhookUrl(model, webhookUrl, ctx.redactor);
  checkVersion(model, version);
  const request = { model, input: json, webhookUrl, version };
  const bytes = bodyText(model, request);
  const { quote, noQuoteReason, reservation } = guardBudget(descriptor, json, maxCostMicroCents, ctx.ledger);

  let res;
  try {
    res = await ctx.transport.call<unknown>({ op: "submit", policy: "submit", auth: "bearer", ...transportOptions(opts) }, (fetch) =>
      ctx.transport.api.POST("/v1/jobs/submit", { body: request, bodySerializer: () => bytes, fetch }),
    );
  } catch (e) {
    // Money may have been spent when the outcome is unknown: keep it counted.
    if (e instanceof JobMayExistError && quote !== undefined) reservation?.commit(quote.microCents);
    else reservation?.release();
    throw e;
  }

  const body = res.data as Partial<Schemas["SubmitJobResponse"]> | null;
  const jobId = typeof body === "object" && body !== null && isSafeId(body.jobId) ? body.jobId : undefined;
  if (jobId === undefined) {
    // A 2xx means the job was created, but without a usable id nobody can follow it (a ".." would
    // send the next poll to another path). The server's text is not echoed, only its kind.
    if (quote !== undefined) reservation?.commit(quote.microCents);
    const given = typeof body === "object" && body !== null ? body.jobId : undefined;
    const what = given === undefined ? "no jobId" : `a jobId that is not a usable id (${typeof given === "string" ? `${given.length} characters` : typeof given})`;
    throw new JobMayExistError(
      new InvalidResponseError(`submit: the ${res.status} response has ${what}`, { code: "INVALID_RESPONSE", status: res.status, requestId: res.requestId }),
    );
  }
  let checked: Schemas["SubmitJobResponse"];
  try {
    checked = expectShape<Schemas["SubmitJobResponse"]>("submit", body, shapes.submit, res.requestId, res.status);
  } catch (e) {
    // The job exists (it has an id) but its answer is not one to trust: count the local price.
    if (quote !== undefined) reservation?.commit(quote.microCents);
    throw nameJob(e, { jobId });
  }
  const charged = checked.costMicroCents;
  if (quote !== undefined) reservation?.commit(charged);

  let price: PriceCheck | undefined;
  if (quote === undefined) {
    ctx.log("warn", `submit: no local price to compare with the charge (${noQuoteReason})`, { model, jobId });
  } else {
    price = { quote, quotedMicroCents: quote.microCents, chargedMicroCents: charged, matches: charged === quote.microCents };
    if (!price.matches) {
      try {
        reportMismatch(ctx, { model, jobId, quotedMicroCents: quote.microCents, exactMicroCents: quote.exactMicroCents, chargedMicroCents: charged, requestId: res.requestId });
      } catch (e) {
        throw nameJob(e, { jobId, chargedMicroCents: charged, price });
      }
    }
  }
  return Object.assign(withRequestId(checked, res.requestId), { price });
}

/** The exact bytes sent: the JSON text of the checked values, made once, before anything is priced or sent. */
function bodyText(model: string, body: Readonly<Record<string, JsonValue | undefined>>): string {
  const text = jsonText(body);
  if (typeof text !== "string") throw new InputValidationError(model, [text]);
  return text;
}

/** `version` goes into the request body as is: a string, or nothing. */
function checkVersion(model: string, version: unknown): void {
  if (version !== undefined && (typeof version !== "string" || version.trim() === "")) {
    const got = typeof version === "string" ? JSON.stringify(version) : typeof version;
    throw new InputValidationError(model, [{ path: "version", rule: "type", message: `must be a non-empty string (got ${got})` }]);
  }
}

function reportMismatch(ctx: Ctx, m: Parameters<Exclude<Ctx["onPriceMismatch"], string>>[0]): void {
  const mode = ctx.onPriceMismatch;
  if (mode === "ignore") return;
  if (mode === "throw") throw new PriceMismatchError(m);
  if (typeof mode === "function") {
    mode(m);
    return;
  }
  ctx.warnMismatch(`submit: job ${m.jobId} (${m.model}) was charged ${m.chargedMicroCents} µ¢, the local price is ${m.quotedMicroCents} µ¢`, { ...m });
}

export async function getJob(ctx: Ctx, jobId: string, opts: RequestOptions & { deadlineAt?: number } = {}): Promise<WithRequestId<Job>> {
  checkId("jobs.get", "jobId", jobId);
  const res = await ctx.transport.call<unknown>(
    { op: "jobs.get", policy: "read", auth: "bearer", ...transportOptions(opts), deadlineAt: opts.deadlineAt },
    (fetch) => ctx.transport.api.GET("/v1/jobs/{jobId}", { params: { path: { jobId } }, fetch }),
  );
  const job = expectShape<Job>("jobs.get", res.data, shapes.job, res.requestId, res.status);
  sameJob(ctx, "jobs.get", jobId, job.jobId, res);
  return withRequestId(job, res.requestId);
}

/** A body about another job than the one asked for is not an answer to this request. */
function sameJob(ctx: Ctx, op: string, asked: string, got: string, res: { status: number; requestId: string | undefined }): void {
  if (got !== asked) {
    throw new InvalidResponseError(ctx.redactor.text(`${op}: asked about job ${JSON.stringify(asked)}, the ${res.status} response is about another job (${got.length} characters); not accepted`), {
      code: "INVALID_RESPONSE",
      status: res.status,
      requestId: res.requestId,
    });
  }
}

/**
 * Cancels a pending job (its charge is refunded). Retried like a read: a repeated cancel cannot
 * cost anything, while giving up lets a paid job run. When a retry hears JOB_CANNOT_BE_CANCELLED
 * after an earlier attempt may have reached the server, the job is fetched: if it is cancelled, that
 * earlier attempt worked and the cancel resolves (refundedMicroCents null: the amount was lost).
 */
export async function cancelJob(ctx: Ctx, jobId: string, opts: RequestOptions = {}): Promise<CancelResult> {
  checkId("jobs.cancel", "jobId", jobId);
  let earlierMayHaveActed = false;
  try {
    const res = await ctx.transport.call<unknown>(
      {
        op: "jobs.cancel",
        policy: "cancel",
        auth: "bearer",
        ...transportOptions(opts),
        onRetry: (f: Failure) => {
          if (mayHaveActed(f)) earlierMayHaveActed = true;
        },
      },
      (fetch) => ctx.transport.api.POST("/v1/jobs/{jobId}/cancel", { params: { path: { jobId } }, fetch }),
    );
    const cancelled = expectShape<Schemas["CancelJobResponse"]>("jobs.cancel", res.data, shapes.cancel, res.requestId, res.status);
    sameJob(ctx, "jobs.cancel", jobId, cancelled.jobId, res);
    return withRequestId(cancelled, res.requestId);
  } catch (e) {
    if (earlierMayHaveActed && e instanceof InvalidRequestError && e.code === "JOB_CANNOT_BE_CANCELLED") {
      const job = await getJob(ctx, jobId, opts);
      if (job.status === "cancelled") {
        ctx.log("info", `jobs.cancel: ${jobId} was cancelled by an earlier attempt whose answer was lost`, { jobId });
        return { jobId, status: "cancelled", refundedMicroCents: null, requestId: job.requestId };
      }
    }
    throw e;
  }
}

/** The API's job statuses (the spec's JobStatus enum); the compiler checks both ways that none is missing. */
const JOB_STATUSES = ["pending", "processing", "completed", "failed", "cancelled"] as const satisfies readonly JobStatus[];
type UnlistedStatus = Exclude<JobStatus, (typeof JOB_STATUSES)[number]>;
const everyStatusListed: [UnlistedStatus] extends [never] ? true : never = true;
void everyStatusListed;

/** Every job, page after page (cursor), as one async iterator. Stops with an error if the server repeats a cursor. */
export function listJobs(ctx: Ctx, params: ListJobsParams = {}): JobPager {
  optionsObject("params", params);
  const { status, model, limit } = params;
  if (limit !== undefined) integerArgument("jobs.list", "limit", limit, 1, 100);
  if (status !== undefined) enumArgument("jobs.list", "status", status, JOB_STATUSES);
  if (model !== undefined) slugArgument("jobs.list", "model", model);
  async function* pages(): AsyncGenerator<JobListPage, void, undefined> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const res = await ctx.transport.call<unknown>({ op: "jobs.list", policy: "read", auth: "bearer", ...transportOptions(params) }, (fetch) =>
        ctx.transport.api.GET("/v1/jobs", { params: { query: { limit, cursor, status, modelId: model } }, fetch }),
      );
      const page = expectShape<Schemas["JobList"]>("jobs.list", res.data, shapes.jobList, res.requestId, res.status, { field: "jobs", shape: shapes.jobSummary });
      yield withRequestId(page, res.requestId);
      if (page.hasMore !== true) return;
      const next = page.nextCursor;
      if (typeof next !== "string" || next === "" || seen.has(next)) {
        throw new InvalidResponseError(
          `jobs.list: hasMore is true but the next cursor is ${typeof next === "string" && next !== "" ? "one already used" : "missing"}; stopping instead of looping`,
          { code: "INVALID_RESPONSE", status: res.status, requestId: res.requestId },
        );
      }
      seen.add(next);
      cursor = next;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.jobs;
    },
  };
}

/**
 * The server's estimate (POST /v1/jobs/estimate, which includes account discounts) next to the
 * local exact price. The input is validated, priced and sent as one JSON value, as for submit;
 * reads the older field names too (decision 4 in docs/decisions.md).
 */
export async function estimateJob(ctx: Ctx, ref: unknown, input: unknown, opts: EstimateOptions = {}): Promise<EstimateResult> {
  throwIfAborted("estimate", opts.signal);
  const descriptor = resolveModel(ref, ctx.models, ctx.redactor);
  const model = descriptor.slug;
  const { version } = opts;
  const json = validateInput(model, descriptor.schema, input, ctx.redactor);
  checkVersion(model, version);
  const body = { model, input: json, version };
  const bytes = bodyText(model, body);
  const local = localPrice(descriptor, json).quote;
  const res = await ctx.transport.call<unknown>({ op: "estimate", policy: "read", auth: "bearer", ...transportOptions(opts) }, (fetch) =>
    ctx.transport.api.POST("/v1/jobs/estimate", { body, bodySerializer: () => bytes, fetch }),
  );
  const remote = normalizeEstimate(expectKind<Record<string, unknown>>("estimate", "object", res.data, res.requestId, res.status), res.status, res.requestId);
  return {
    ...remote,
    requestId: res.requestId,
    local,
    differenceMicroCents: local === undefined ? undefined : remote.estimatedCostMicroCents - local.microCents,
  };
}

function normalizeEstimate(d: Record<string, unknown>, status: number, requestId: string | undefined): RemoteEstimate {
  const num = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
  const estimated = num(d["estimatedCostMicroCents"]) ?? num(d["estimatedCost"]);
  if (estimated === undefined) {
    throw new InvalidResponseError("estimate: the response has no estimatedCostMicroCents (a non-negative integer); not accepted", { code: "INVALID_RESPONSE", status, requestId });
  }
  const factors = d["factors"];
  return {
    baseCostMicroCents: num(d["baseCostMicroCents"]) ?? num(d["baseCost"]) ?? estimated,
    estimatedCostMicroCents: estimated,
    breakdown: Array.isArray(d["breakdown"]) ? (d["breakdown"] as Schemas["CostBreakdownItem"][]) : [],
    hasDiscount: d["hasDiscount"] === true,
    discounted: (d["discounted"] as Schemas["Discount"] | null | undefined) ?? null,
    ...(typeof factors === "object" && factors !== null ? { factors: factors as Record<string, unknown> } : {}),
  };
}
