import { ApiFailure } from "./http.js";
import type { IdSource } from "./ids.js";
import type { Timing } from "./options.js";
import { fakeOutputs, type JobOutput } from "./outputs.js";
import type { ModelInfo } from "./catalog.js";

export type JobStatus = "pending" | "processing" | "completed" | "failed" | "cancelled";
export const JOB_STATUSES: readonly JobStatus[] = ["pending", "processing", "completed", "failed", "cancelled"];

export interface NewJob {
  account: string;
  model: ModelInfo;
  version: string;
  input: Record<string, unknown>;
  costMicroCents: number;
  /** The submit request's id; the webhook repeats it. */
  requestId: string;
  webhookUrl: string | undefined;
  /** Decided at submit (job-failure fault): the job ends `failed`. */
  willFail: boolean;
}

/** A job as the server keeps it: what submit decided, plus its lifecycle. */
export interface JobRecord extends NewJob {
  jobId: string;
  /** Creation order; breaks createdAt ties in pagination. */
  seq: number;
  status: JobStatus;
  createdAt: Date;
  startedAt: Date | undefined;
  completedAt: Date | undefined;
  outputs: JobOutput[] | null;
  error: { code: string; message: string } | null;
  refundedMicroCents: number;
}

interface Hooks {
  publicUrl(): string;
  /** Called once when a job completes or fails (not on cancel: the docs announce only those two). */
  onFinished(job: JobRecord): void;
  refund(account: string, microCents: number): void;
}

const FINAL: ReadonlySet<JobStatus> = new Set(["completed", "failed", "cancelled"]);

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private seq = 0;

  constructor(
    private readonly ids: IdSource,
    private timing: Timing,
    private readonly hooks: Hooks,
  ) {}

  setTiming(timing: Timing): void {
    this.timing = timing;
  }

  create(spec: NewJob): JobRecord {
    const job: JobRecord = {
      ...spec,
      jobId: this.ids.job(),
      seq: ++this.seq,
      status: "pending",
      createdAt: new Date(),
      startedAt: undefined,
      completedAt: undefined,
      outputs: null,
      error: null,
      refundedMicroCents: 0,
    };
    this.jobs.set(job.jobId, job);
    this.later(this.timing.pendingMs, () => this.start(job));
    return job;
  }

  estimatedCompletion(job: JobRecord): Date {
    return new Date(job.createdAt.getTime() + this.timing.pendingMs + this.timing.processingMs);
  }

  get(jobId: string): JobRecord | undefined {
    return this.jobs.get(jobId);
  }

  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  /** Jobs of the account that count against the concurrency limit. */
  activeCount(account: string): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.account === account && !FINAL.has(job.status)) n++;
    return n;
  }

  cancel(job: JobRecord): void {
    if (job.status !== "pending") {
      throw new ApiFailure("JOB_CANNOT_BE_CANCELLED", `job ${job.jobId} is ${job.status}; only pending jobs can be cancelled`, {
        details: { jobId: job.jobId, status: job.status },
      });
    }
    job.status = "cancelled";
    job.completedAt = new Date();
    this.refund(job);
    this.notify();
  }

  /** Newest first; the cursor is base64url JSON of the last item's createdAt and sequence. */
  list(account: string, q: { limit: number; cursor: string | undefined; status: JobStatus | undefined; model: string | undefined }) {
    let after = Infinity;
    if (q.cursor !== undefined) after = decodeCursor(q.cursor);
    const matching = [...this.jobs.values()]
      .filter((j) => j.account === account && j.seq < after && (!q.status || j.status === q.status) && (!q.model || j.model.slug === q.model))
      .sort((a, b) => b.seq - a.seq);
    const page = matching.slice(0, q.limit);
    const hasMore = matching.length > page.length;
    const last = page[page.length - 1];
    return {
      jobs: page.map((j) => this.summary(j)),
      nextCursor: hasMore && last ? encodeCursor(last) : null,
      hasMore,
    };
  }

  view(job: JobRecord) {
    return {
      jobId: job.jobId,
      status: job.status,
      progress: this.progress(job),
      output: job.outputs?.[0]?.url ?? null,
      outputs: job.outputs,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      completedAt: job.completedAt?.toISOString() ?? null,
    };
  }

  summary(job: JobRecord) {
    return {
      jobId: job.jobId,
      status: job.status,
      progress: this.progress(job),
      model: job.model.slug,
      createdAt: job.createdAt.toISOString(),
      completedAt: job.completedAt?.toISOString() ?? null,
    };
  }

  /** Resolves once no job is pending or processing. */
  settled(): Promise<void> {
    if ([...this.jobs.values()].every((j) => FINAL.has(j.status))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private progress(job: JobRecord): number {
    switch (job.status) {
      case "completed":
        return 100;
      case "processing": {
        if (this.timing.progress === "documented" || !job.startedAt) return 50;
        const share = (Date.now() - job.startedAt.getTime()) / Math.max(1, this.timing.processingMs);
        return Math.min(99, Math.max(1, Math.floor(share * 100)));
      }
      default:
        return 0;
    }
  }

  private start(job: JobRecord): void {
    if (job.status !== "pending") return;
    job.status = "processing";
    job.startedAt = new Date();
    this.later(this.timing.processingMs, () => this.finish(job));
  }

  private finish(job: JobRecord): void {
    if (job.status !== "processing") return;
    job.completedAt = new Date();
    if (job.willFail) {
      job.status = "failed";
      job.error = { code: "GENERATION_FAILED", message: "The model failed to generate the requested output. Credits have been refunded." };
      this.refund(job);
    } else {
      job.status = "completed";
      job.outputs = fakeOutputs(this.hooks.publicUrl(), job.jobId, job.model, job.input);
    }
    this.hooks.onFinished(job);
    this.notify();
  }

  private refund(job: JobRecord): void {
    job.refundedMicroCents = job.costMicroCents;
    this.hooks.refund(job.account, job.costMicroCents);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private notify(): void {
    if (![...this.jobs.values()].every((j) => FINAL.has(j.status))) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}

function encodeCursor(job: JobRecord): string {
  return Buffer.from(JSON.stringify({ createdAt: job.createdAt.toISOString(), seq: job.seq })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { seq?: unknown };
    if (typeof value.seq === "number" && Number.isInteger(value.seq)) return value.seq;
  } catch {
    // fall through
  }
  throw new ApiFailure("VALIDATION_ERROR", "cursor is not a nextCursor this server returned", { details: { field: "cursor" } });
}
