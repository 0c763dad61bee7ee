import { createHmac } from "node:crypto";
import type { IdSource } from "./ids.js";
import type { JobRecord } from "./jobs.js";

/** `sha256=` + lowercase hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`) (decision 5 in docs/decisions.md). */
export function signWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

export interface DeliveryAttempt {
  at: string;
  /** HTTP status of the receiver's answer; undefined when it did not answer. */
  status: number | undefined;
  error: string | undefined;
  timestamp: number;
}

export interface WebhookDelivery {
  id: string;
  jobId: string;
  url: string;
  /** `pending` while attempts remain, `sent` after a 2xx, `failed` after the last retry failed. */
  state: "pending" | "sent" | "failed";
  body: string;
  attempts: DeliveryAttempt[];
}

interface Config {
  secret: string;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  rewrite: ((url: string) => string) | undefined;
}

/** Delivers each finished job once, retrying a non-2xx or a timeout after each configured delay. */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly ids: IdSource,
    private readonly config: Config,
  ) {}

  enqueue(job: JobRecord): void {
    if (!job.webhookUrl || this.closed) return;
    const payload =
      job.status === "completed"
        ? { jobId: job.jobId, requestId: job.requestId, status: "completed", output: { url: job.outputs?.[0]?.url ?? null, outputs: job.outputs }, completedAt: job.completedAt!.toISOString() }
        : { jobId: job.jobId, requestId: job.requestId, status: "failed", error: job.error, completedAt: job.completedAt!.toISOString() };
    const delivery: WebhookDelivery = { id: this.ids.delivery(), jobId: job.jobId, url: job.webhookUrl, state: "pending", body: JSON.stringify(payload), attempts: [] };
    this.deliveries.push(delivery);
    void this.attempt(delivery);
  }

  /** Resolves once no delivery is pending. */
  settled(): Promise<void> {
    if (this.deliveries.every((d) => d.state !== "pending")) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inFlight) c.abort();
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    if (this.closed) return;
    // Signed per attempt: the timestamp is when this attempt is sent.
    const timestamp = Math.floor(Date.now() / 1000);
    const record: DeliveryAttempt = { at: new Date().toISOString(), status: undefined, error: undefined, timestamp };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.config.timeoutMs);
    this.inFlight.add(abort);
    try {
      const target = this.config.rewrite ? this.config.rewrite(delivery.url) : delivery.url;
      const res = await fetch(target, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "PixelByte-Webhooks (test-server)",
          "x-pixelbyte-timestamp": String(timestamp),
          "x-pixelbyte-signature": signWebhook(this.config.secret, timestamp, delivery.body),
          "x-pixelbyte-delivery": delivery.id,
        },
        body: delivery.body,
        signal: abort.signal,
      });
      record.status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      record.error = abort.signal.aborted ? `no answer within ${this.config.timeoutMs} ms` : (error as Error).message;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
    if (this.closed) return;
    delivery.attempts.push(record);
    if (record.status !== undefined && record.status >= 200 && record.status < 300) return this.finish(delivery, "sent");
    const delay = this.config.retryDelaysMs[delivery.attempts.length - 1];
    if (delay === undefined) return this.finish(delivery, "failed");
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.attempt(delivery);
    }, delay);
    this.timers.add(t);
  }

  private finish(delivery: WebhookDelivery, state: "sent" | "failed"): void {
    delivery.state = state;
    if (this.deliveries.some((d) => d.state === "pending")) return;
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}
