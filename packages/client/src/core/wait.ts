import { checkId, checkRequestOptions, MAX_TIMER_MS, optionalFunction, optionalInteger, optionsObject } from "./check.js";
import type { Ctx } from "./context.js";
import {
  AbortedError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PixelByteError,
  JobCancelledError,
  JobFailedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedJobStatusError,
  WaitTimeoutError,
} from "./errors.js";
import { nameJob } from "./job-errors.js";
import { getJob, submit, type SubmitOptions } from "./jobs.js";
import type { CompletedJob, Job, JobOutput, RunResult, WithRequestId } from "./types.js";

export interface WaitOptions {
  /** Overall deadline for the whole wait, polls included (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with the job whenever its status or progress changes. */
  onProgress?: (job: WithRequestId<Job>) => void;
  /** First delay between polls (default 1 s); grows ×1.5 while nothing changes, up to maxPollIntervalMs. */
  pollIntervalMs?: number;
  /** Longest delay between polls (default 10 s). */
  maxPollIntervalMs?: number;
  /**
   * For this long after the wait starts, a `404 JOB_NOT_FOUND` is polled again instead of ending
   * the wait: a job just submitted may not be visible yet. Milliseconds, an integer from 0 to
   * 600,000; default 0 for wait (the job is expected to exist), DEFAULT_NOT_FOUND_GRACE_MS (5 s)
   * for run.
   */
  notFoundGraceMs?: number;
}

export type RunOptions = SubmitOptions & Omit<WaitOptions, "signal" | "timeoutMs"> & {
  /** Deadline of the wait part (the submit has its own request timeout). */
  waitTimeoutMs?: number;
};

/** run(): how long a job just submitted may answer 404 JOB_NOT_FOUND before that is believed. */
export const DEFAULT_NOT_FOUND_GRACE_MS = 5_000;
const MAX_NOT_FOUND_GRACE_MS = 600_000;

/** Checked before anything is sent (in run, before the paid submit): NaN would silently mean "no grace". */
function checkGrace(value: unknown, fallback: number): number {
  return optionalInteger("notFoundGraceMs", value, 0, MAX_NOT_FOUND_GRACE_MS) ?? fallback;
}

/** A job that is not visible yet: JOB_NOT_FOUND from the API (not a 404 page from somewhere else). */
function notVisibleYet(e: unknown): boolean {
  return e instanceof NotFoundError && e.code === "JOB_NOT_FOUND";
}

const KNOWN_PENDING = new Set(["pending", "processing"]);

/** Errors of a single poll that say nothing about the job: keep polling until the deadline. */
function isTransient(e: unknown): boolean {
  return e instanceof ConnectionError || (e instanceof TimeoutError && !(e instanceof WaitTimeoutError)) || e instanceof ServerError || e instanceof RateLimitError || e instanceof InvalidResponseError;
}

/**
 * Polls a job until it reaches a final status, with a real deadline that also bounds the poll in
 * flight. completed resolves; failed, cancelled and any unknown status reject with typed errors.
 * Every error it throws names the job (`jobId`).
 */
export async function waitForJob(ctx: Ctx, jobId: string, given: WaitOptions = {}): Promise<CompletedJob> {
  checkId("wait", "jobId", jobId);
  optionsObject("options", given);
  // Each option read once, then checked and used: a getter, or the caller changing the object
  // while the wait runs, cannot pass the check with one value and poll with another (a NaN
  // deadline would poll forever, a 0 interval in a hot loop).
  const { timeoutMs, signal, onProgress, pollIntervalMs, maxPollIntervalMs, notFoundGraceMs } = given;
  const opts: WaitOptions = { timeoutMs, signal, onProgress, pollIntervalMs, maxPollIntervalMs, notFoundGraceMs };
  checkWaitOptions(opts, "timeoutMs");
  const graceMs = checkGrace(opts.notFoundGraceMs, 0);
  try {
    return await poll(ctx, jobId, opts, graceMs);
  } catch (e) {
    throw nameJob(e, { jobId });
  }
}

async function poll(ctx: Ctx, jobId: string, opts: WaitOptions, graceMs: number): Promise<CompletedJob> {
  const { signal, onProgress } = opts;
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const maxInterval = opts.maxPollIntervalMs ?? 10_000;
  let interval = opts.pollIntervalMs ?? 1_000;
  const startedAt = ctx.clock.now();
  const deadlineAt = startedAt + timeoutMs;
  let last: WithRequestId<Job> | undefined;
  let lastError: unknown;
  // `poll` is the poll request the abort cut short, if one was in flight.
  const aborted = (poll?: AbortedError) =>
    new AbortedError(ctx.redactor.text(`wait: aborted by the caller's signal while waiting for job ${jobId}; the job keeps running (jobs.cancel stops it)`), {
      code: "ABORTED",
      cause: poll ?? signal?.reason,
      requestId: poll?.requestId ?? last?.requestId,
    });

  for (;;) {
    if (signal?.aborted) throw aborted();
    const remaining = deadlineAt - ctx.clock.now();
    if (remaining <= 0) {
      const requestId = lastError instanceof PixelByteError ? lastError.requestId : last?.requestId;
      throw new WaitTimeoutError(jobId, timeoutMs, last, lastError, requestId);
    }

    let job: WithRequestId<Job> | undefined;
    try {
      // The poll's own timeout never runs past the wait's deadline.
      job = await getJob(ctx, jobId, { signal, timeoutMs: Math.min(ctx.timeoutMs, Math.ceil(remaining)), deadlineAt });
    } catch (e) {
      if (e instanceof AbortedError) throw aborted(e);
      const graceLeft = last === undefined && notVisibleYet(e) && ctx.clock.now() - startedAt < graceMs;
      if (!isTransient(e) && !graceLeft) throw e;
      lastError = e;
      ctx.log("info", `wait: poll of ${jobId} failed, polling again${graceLeft ? " (a new job may not be visible yet)" : ""}: ${(e as Error).message}`, { jobId });
    }

    if (job !== undefined) {
      const changed = last === undefined || last.status !== job.status || last.progress !== job.progress;
      last = job;
      if (changed) {
        interval = opts.pollIntervalMs ?? 1_000;
        onProgress?.(job);
      }
      switch (job.status) {
        case "completed":
          return completed(job);
        case "failed":
          throw new JobFailedError(job, job.requestId);
        case "cancelled":
          throw new JobCancelledError(job, job.requestId);
        default:
          if (!KNOWN_PENDING.has(job.status)) throw new UnexpectedJobStatusError(job, job.requestId);
      }
    }

    const sleepMs = Math.min(interval, deadlineAt - ctx.clock.now());
    if (sleepMs > 0) {
      try {
        await ctx.clock.sleep(sleepMs, signal);
      } catch {
        throw aborted();
      }
    }
    interval = Math.min(Math.ceil(interval * 1.5), maxInterval);
  }
}

function completed(job: WithRequestId<Job>): CompletedJob {
  const outputs: JobOutput[] = Array.isArray(job.outputs) ? job.outputs : [];
  return { ...job, status: "completed", outputs, output: job.output ?? outputs[0]?.url ?? null };
}

/**
 * submit + wait. The submit keeps all its guarantees; every error after it names the job and its
 * charge (`jobId`, `chargedMicroCents`, `price`), and a 404 JOB_NOT_FOUND in the first
 * `notFoundGraceMs` (default 5 s) is polled again. Resolves with the completed job plus what
 * submit returned about money: `costMicroCents` (the charge) and `price` (the quote check).
 */
export async function runJob(ctx: Ctx, model: unknown, input: unknown, opts: RunOptions = {}): Promise<RunResult> {
  // Every option of the wait is checked before the paid submit: a bad one found after it would strand the job.
  // Read once, then checked: what is checked before the submit is what the wait uses after it.
  optionsObject("options", opts);
  const { waitTimeoutMs, onProgress, pollIntervalMs, maxPollIntervalMs, notFoundGraceMs, ...submitOptions } = opts;
  checkWaitOptions({ waitTimeoutMs, onProgress, pollIntervalMs, maxPollIntervalMs, signal: submitOptions.signal }, "waitTimeoutMs");
  checkRequestOptions(submitOptions);
  // An undefined member is the default, as an absent one is (waitForJob reads each once).
  const waitOptions: WaitOptions = {
    signal: submitOptions.signal,
    notFoundGraceMs: checkGrace(notFoundGraceMs, DEFAULT_NOT_FOUND_GRACE_MS),
    timeoutMs: waitTimeoutMs,
    onProgress,
    pollIntervalMs,
    maxPollIntervalMs,
  };
  const submitted = await submit(ctx, model, input, submitOptions);
  const money = { costMicroCents: submitted.costMicroCents, price: submitted.price, submitRequestId: submitted.requestId };
  try {
    const done = await waitForJob(ctx, submitted.jobId, waitOptions);
    return Object.assign(done, money);
  } catch (e) {
    throw nameJob(e, { jobId: submitted.jobId, chargedMicroCents: submitted.costMicroCents, price: submitted.price });
  }
}

/**
 * The wait's own options, already read once into a fresh object (both callers checked the caller's
 * bag with optionsObject); `deadline` names its overall timeout (`timeoutMs` for wait, `waitTimeoutMs` for run).
 */
function checkWaitOptions(opts: WaitOptions & { waitTimeoutMs?: number }, deadline: "timeoutMs" | "waitTimeoutMs"): void {
  optionalInteger(deadline, opts[deadline], 1, MAX_TIMER_MS);
  optionalInteger("pollIntervalMs", opts.pollIntervalMs, 1, MAX_TIMER_MS);
  optionalInteger("maxPollIntervalMs", opts.maxPollIntervalMs, 1, MAX_TIMER_MS);
  optionalFunction("onProgress", opts.onProgress);
  checkRequestOptions({ signal: opts.signal });
}
