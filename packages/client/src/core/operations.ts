// The job lifecycle as functions taking a client (the modular form of AWS SDK v3 or Firebase):
// `submit(client, model, input)`. A bundle holds an operation only when it calls it; the methods of
// createClient's client (`client.submit(model, input)`) are these same functions (withJobMethods).
// Each runs through the client's single exit, so whatever it throws leaves with the key masked.
import { localPrice } from "./budget.js";
import type { BaseClient } from "./base.js";
import type { Ctx } from "./context.js";
import { PriceUnavailableError } from "./errors.js";
import { internalsOf } from "./internals.js";
import { cancelJob as cancel, estimateJob, getJob as get, submit as submitJob, type EstimateOptions, type SubmitOptions } from "./jobs.js";
import { resolveModel, type InputOf, type ModelDescriptor } from "./model.js";
import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import type { CancelResult, CompletedJob, EstimateResult, Job, RequestOptions, RunResult, SubmitResult, WithRequestId } from "./types.js";
import { validateInput } from "./validate.js";
import { runJob, waitForJob, type RunOptions, type WaitOptions } from "./wait.js";

/** Runs `fn` with the client's context through its exit; ConfigurationError when `client` is not one made by createBaseClient or createClient. */
function using<R>(client: unknown, name: string, fn: (ctx: Ctx) => R): R {
  const { ctx, exit } = internalsOf(client, name);
  return exit.run(() => fn(ctx));
}

/**
 * `using` for an operation that returns a promise: a refused client is a rejection too (as every
 * other bad argument of these functions is), so `op(x).catch(...)` sees it and nothing throws
 * synchronously. `usage` and `args` name the right order when the client was passed later.
 */
function usingAsync<R>(client: unknown, name: string, usage: string, args: readonly unknown[], fn: (ctx: Ctx) => Promise<R>): Promise<R> {
  let found: ReturnType<typeof internalsOf>;
  try {
    found = internalsOf(client, name, usage, args);
  } catch (e) {
    return Promise.reject(e);
  }
  return found.exit.run(() => fn(found.ctx));
}

/**
 * Submits one paid job (POST /v1/jobs/submit). Before any request the input becomes the one JSON
 * value that is validated against the model's schema, priced exactly, checked against
 * `maxCostMicroCents` and the client budget, and sent (InputValidationError, BudgetExceededError:
 * nothing sent). Retried only where no job can exist; otherwise JobMayExistError. `model` is a
 * descriptor from `@pixelbyte/client/models/<slug>` (or, with the root entry's client, a slug).
 */
export function submit<M extends ModelDescriptor>(client: BaseClient, model: M, input: InputOf<M>, options?: SubmitOptions): Promise<SubmitResult> {
  return usingAsync(client, "submit", "submit(client, model, input)", [model, input, options], (ctx) => submitJob(ctx, model, input, options));
}

/**
 * submit, then wait for the result. Resolves with the completed job plus the charge
 * (`costMicroCents`) and the quote check (`price`); every error after the submit names the job
 * (`jobId`, `chargedMicroCents`, `price`).
 */
export function run<M extends ModelDescriptor>(client: BaseClient, model: M, input: InputOf<M>, options?: RunOptions): Promise<RunResult> {
  return usingAsync(client, "run", "run(client, model, input)", [model, input, options], (ctx) => runJob(ctx, model, input, options));
}

/** The server's estimate (POST /v1/jobs/estimate, with account discounts) next to the local exact price; the input is checked as for submit. */
export function estimate<M extends ModelDescriptor>(client: BaseClient, model: M, input: InputOf<M>, options?: EstimateOptions): Promise<EstimateResult> {
  return usingAsync(client, "estimate", "estimate(client, model, input)", [model, input, options], (ctx) => estimateJob(ctx, model, input, options));
}

/**
 * The local exact price in micro-cents, no request: of the same checked JSON value submit would
 * send (InputValidationError otherwise); PriceUnavailableError when the model cannot price it.
 */
export function price<M extends ModelDescriptor>(client: BaseClient, model: M, input: InputOf<M>): PriceQuote {
  return using(client, "price", (ctx) => {
    const m = resolveModel(model, ctx.models, ctx.redactor);
    const p = localPrice(m, validateInput(m.slug, m.schema, input, ctx.redactor));
    if (p.quote === undefined) throw new PriceUnavailableError(p.reason, { code: "PRICE_UNAVAILABLE", cause: p.cause, details: { model: m.slug } });
    return p.quote;
  });
}

/** Polls a job until it is final, with a real deadline (see WaitOptions). */
export function wait(client: BaseClient, jobId: string, options?: WaitOptions): Promise<CompletedJob> {
  return usingAsync(client, "wait", "wait(client, jobId)", [jobId, options], (ctx) => waitForJob(ctx, jobId, options));
}

/** GET /v1/jobs/{jobId}; `jobId` must be one plain path segment (InputValidationError, nothing sent). */
export function getJob(client: BaseClient, jobId: string, options?: RequestOptions): Promise<WithRequestId<Job>> {
  return usingAsync(client, "jobs.get", "getJob(client, jobId)", [jobId, options], (ctx) => get(ctx, jobId, options));
}

/** Cancels a pending job (its charge is refunded); retried like a read. */
export function cancelJob(client: BaseClient, jobId: string, options?: RequestOptions): Promise<CancelResult> {
  return usingAsync(client, "jobs.cancel", "cancelJob(client, jobId)", [jobId, options], (ctx) => cancel(ctx, jobId, options));
}
