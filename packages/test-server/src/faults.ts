import type { IncomingHttpHeaders } from "node:http";

/**
 * Injected faults. A rule applies to the operations it names (every API operation by default),
 * fires with `probability` (seeded, so a run is reproducible) and/or for the next `count` matches.
 *
 * - `rate-limit`: 429. On submit it is CONCURRENT_JOBS_EXCEEDED (nothing created), elsewhere
 *   RATE_LIMITED; `error.details.retryAfter` and `Retry-After` carry `retryAfterSeconds`.
 * - `server-error`: 500 INTERNAL_ERROR. With `after`, the operation runs first (a submit creates
 *   and charges the job) and only the answer is lost: the ambiguous case.
 * - `unavailable`: 503. On submit PUBSUB_PUBLISH_FAILED (nothing created), elsewhere SERVICE_UNAVAILABLE.
 * - `delay`: waits `delayMs` before handling; combines with the other kinds.
 * - `drop`: destroys the connection without an answer (`after`: once the operation has run).
 * - `malformed`: a 200 whose body is cut-off JSON (`after` is implied: the operation has run).
 * - `job-failure`: (submit only) the job is accepted and later ends `failed` with GENERATION_FAILED, refunded.
 * - `not-found`: (job reads only: getJob, cancelJob) 404 JOB_NOT_FOUND, as when a job just
 *   submitted is not visible yet; the job itself is untouched.
 *
 * Rules name the storage and CDN stand-ins ("storagePut", "cdnFile", "cdnOutput") explicitly to hit them.
 * Per request, send `X-Test-Fault: <kind>[; after][; delayMs=N][; retryAfter=S]`.
 */
export type FaultKind = "rate-limit" | "server-error" | "unavailable" | "delay" | "drop" | "malformed" | "job-failure" | "not-found";

export interface FaultRule {
  kind: FaultKind;
  /** Operation ids (as in the spec, e.g. "submitJob", "getJob"); all API operations when omitted. */
  operations?: readonly string[];
  /** Chance (0..1) that a matching request is hit; 1 when omitted. */
  probability?: number;
  /** Hit only the next `count` matching requests, then the rule is spent. */
  count?: number;
  after?: boolean;
  delayMs?: number;
  retryAfterSeconds?: number;
}

export interface FaultHit {
  kind: FaultKind;
  after: boolean;
  delayMs: number;
  retryAfterSeconds: number;
}

export const FAULT_KINDS: readonly FaultKind[] = ["rate-limit", "server-error", "unavailable", "delay", "drop", "malformed", "job-failure", "not-found"];

/** Operations a `not-found` fault can hit: the ones that address one job. */
const JOB_READS: readonly string[] = ["getJob", "cancelJob"];

/** Seeded PRNG (mulberry32): the same seed gives the same faults on the same request order. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private rules: { rule: FaultRule; left: number }[] = [];
  private readonly random: () => number;

  constructor(rules: readonly FaultRule[], seed: number) {
    this.random = rng(seed);
    this.set(rules);
  }

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, left: rule.count ?? Infinity }));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.count ?? Infinity });
  }

  /** The faults that hit this request: any delays, then at most one other fault. */
  draw(operationId: string, api: boolean, headers: IncomingHttpHeaders): FaultHit[] {
    const hits: FaultHit[] = [];
    const header = headers["x-test-fault"];
    const fromHeader = typeof header === "string" ? parseFaultHeader(header) : undefined;
    if (fromHeader) hits.push(fromHeader);
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.left <= 0) continue;
      // A rule without `operations` covers the API only, not the storage/CDN stand-ins.
      if (rule.operations ? !rule.operations.includes(operationId) : !api) continue;
      if (rule.kind === "job-failure" && operationId !== "submitJob") continue;
      if (rule.kind === "not-found" && !JOB_READS.includes(operationId)) continue;
      const terminal = rule.kind !== "delay";
      if (terminal && hits.some((h) => h.kind !== "delay")) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      entry.left -= 1;
      hits.push(hitOf(rule));
    }
    return hits;
  }
}

function hitOf(rule: FaultRule): FaultHit {
  return {
    kind: rule.kind,
    after: rule.kind === "malformed" || rule.after === true,
    delayMs: rule.delayMs ?? (rule.kind === "delay" ? 1000 : 0),
    retryAfterSeconds: rule.retryAfterSeconds ?? 30,
  };
}

/** "server-error; after" / "delay; delayMs=200" / "rate-limit; retryAfter=0.05". */
export function parseFaultHeader(value: string): FaultHit | undefined {
  const [kind = "", ...params] = value.split(";").map((s) => s.trim());
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) return undefined;
  const rule: FaultRule = { kind: kind as FaultKind };
  for (const p of params) {
    const [k, v] = p.split("=").map((s) => s.trim());
    if (k === "after") rule.after = true;
    else if (k === "delayMs") rule.delayMs = Number(v);
    else if (k === "retryAfter") rule.retryAfterSeconds = Number(v);
  }
  return hitOf(rule);
}
