import type { ModelInputs, ModelSlug } from "../gen/model-inputs.gen.js";
import type { Ctx } from "./context.js";
import {
  AbortedError,
  ConnectionError,
  InvalidResponseError,
  JobCancelledError,
  JobFailedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedJobStatusError,
  WaitTimeoutError,
} from "./errors.js";
import { getJob, submit, type SubmitOptions } from "./jobs.js";
import type { CompletedJob, Job, JobOutput, WithRequestId } from "./types.js";

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
}

export type RunOptions = SubmitOptions & Omit<WaitOptions, "signal" | "timeoutMs"> & {
  /** Deadline of the wait part (the submit has its own request timeout). */
  waitTimeoutMs?: number;
};

const KNOWN_PENDING = new Set(["pending", "processing"]);

/** Errors of a single poll that say nothing about the job: keep polling until the deadline. */
function isTransient(e: unknown): boolean {
  return e instanceof ConnectionError || (e instanceof TimeoutError && !(e instanceof WaitTimeoutError)) || e instanceof ServerError || e instanceof RateLimitError || e instanceof InvalidResponseError;
}

/**
 * Polls a job until it reaches a final status, with a real deadline that also bounds the poll in
 * flight. completed resolves; failed, cancelled and any unknown status reject with typed errors.
 */
export async function waitForJob(ctx: Ctx, jobId: string, opts: WaitOptions = {}): Promise<CompletedJob> {
  const { signal, onProgress } = opts;
  const timeoutMs = opts.timeoutMs ?? 600_000;
  const maxInterval = opts.maxPollIntervalMs ?? 10_000;
  let interval = opts.pollIntervalMs ?? 1_000;
  const deadlineAt = ctx.clock.now() + timeoutMs;
  let last: WithRequestId<Job> | undefined;
  let lastError: unknown;

  for (;;) {
    if (signal?.aborted) throw new AbortedError(`wait: aborted by the caller's signal`, { code: "ABORTED", cause: signal.reason });
    const remaining = deadlineAt - ctx.clock.now();
    if (remaining <= 0) throw new WaitTimeoutError(jobId, timeoutMs, last, lastError);

    let job: WithRequestId<Job> | undefined;
    try {
      // The poll's own timeout never runs past the wait's deadline.
      job = await getJob(ctx, jobId, { signal, timeoutMs: Math.min(ctx.timeoutMs, remaining), deadlineAt });
    } catch (e) {
      if (!isTransient(e)) throw e;
      lastError = e;
      ctx.log("info", `wait: poll of ${jobId} failed, polling again: ${(e as Error).message}`, { jobId });
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
        throw new AbortedError(`wait: aborted by the caller's signal`, { code: "ABORTED", cause: signal?.reason });
      }
    }
    interval = Math.min(Math.ceil(interval * 1.5), maxInterval);
  }
}

function completed(job: WithRequestId<Job>): CompletedJob {
  const outputs: JobOutput[] = Array.isArray(job.outputs) ? job.outputs : [];
  return { ...job, status: "completed", outputs, output: job.output ?? outputs[0]?.url ?? null };
}

/** submit + wait. The submit keeps all its guarantees; a failed or timed-out wait says which job. */
export async function runJob<S extends ModelSlug>(ctx: Ctx, model: S, input: ModelInputs[S], opts: RunOptions = {}): Promise<CompletedJob> {
  const { waitTimeoutMs, onProgress, pollIntervalMs, maxPollIntervalMs, ...submitOptions } = opts;
  const job = await submit(ctx, model, input, submitOptions);
  const waitOptions: WaitOptions = { signal: opts.signal };
  if (waitTimeoutMs !== undefined) waitOptions.timeoutMs = waitTimeoutMs;
  if (onProgress !== undefined) waitOptions.onProgress = onProgress;
  if (pollIntervalMs !== undefined) waitOptions.pollIntervalMs = pollIntervalMs;
  if (maxPollIntervalMs !== undefined) waitOptions.maxPollIntervalMs = maxPollIntervalMs;
  return waitForJob(ctx, job.jobId, waitOptions);
}
