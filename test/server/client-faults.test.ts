import {
  createClient,
  InsufficientBalanceError,
  JobFailedError,
  JobMayExistError,
  NotFoundError,
  RateLimitError,
  type PixelByteClient,
} from "@pixelbyte/client";
import { startServer, type FaultRule, type TestServer } from "@pixelbyte/test-server";
import { afterEach, expect, test } from "vitest";
import { KLING } from "../helpers/http.js";

// Each injected fault as the generated client sees it: retried where that is safe, a typed error
// where it is not, and never a second job for one submit.

const input = { prompt: "a fox", duration: "10", has_sound: "true" } as const;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(faults: FaultRule[], opts: Parameters<typeof startServer>[0] = {}): Promise<{ s: TestServer; client: PixelByteClient }> {
  server = await startServer({ timing: { pendingMs: 10, processingMs: 20 }, faults, ...opts });
  const client = createClient({ apiKey: server.apiKey, baseUrl: server.url, timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  return { s: server, client };
}

const submits = (s: TestServer) => s.requests.filter((r) => r.operationId === "submitJob");

test("429 CONCURRENT_JOBS_EXCEEDED with retryAfter: the submit is retried after it and creates one job", async () => {
  const { s, client } = await setup([{ kind: "rate-limit", operations: ["submitJob"], count: 1, retryAfterSeconds: 0.15 }]);
  const t0 = Date.now();
  const job = await client.submit(KLING, input);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  expect(submits(s).map((r) => r.status)).toEqual([429, 200]);
  expect(s.jobs.map((j) => j.jobId)).toEqual([job.jobId]);
  expect(job.price?.matches).toBe(true);
});

test("503 PUBSUB_PUBLISH_FAILED: retried, one job", async () => {
  const { s, client } = await setup([{ kind: "unavailable", operations: ["submitJob"], count: 2 }]);
  await client.submit(KLING, input);
  expect(submits(s).map((r) => r.status)).toEqual([503, 503, 200]);
  expect(s.jobs).toHaveLength(1);
});

test("500 after the job was created: JobMayExistError, not retried, and the job is there to find", async () => {
  const { s, client } = await setup([{ kind: "server-error", operations: ["submitJob"], count: 1, after: true }]);
  const error = await client.submit(KLING, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JobMayExistError);
  expect((error as JobMayExistError).requestId).toMatch(/^req_/);
  expect(submits(s)).toHaveLength(1);
  const listed = [];
  for await (const j of client.jobs.list()) listed.push(j.jobId);
  expect(listed).toEqual(s.jobs.map((j) => j.jobId));
});

test("a dropped connection or a malformed body after submit: JobMayExistError, exactly one job each", async () => {
  for (const kind of ["drop", "malformed"] as const) {
    const { s, client } = await setup([{ kind, operations: ["submitJob"], count: 1, after: true }]);
    await expect(client.submit(KLING, input)).rejects.toBeInstanceOf(JobMayExistError);
    expect([submits(s).length, s.jobs.length]).toEqual([1, 1]);
    await s.close();
  }
});

test("reads survive 500, 503, 429, drops, malformed bodies and delays: wait still completes", async () => {
  const faults: FaultRule[] = [
    { kind: "server-error", operations: ["getJob"], count: 1 },
    { kind: "unavailable", operations: ["getJob"], count: 1 },
    { kind: "rate-limit", operations: ["getJob"], count: 1, retryAfterSeconds: 0.01 },
    { kind: "drop", operations: ["getJob"], count: 1 },
    { kind: "malformed", operations: ["getJob"], count: 1 },
    { kind: "delay", operations: ["getJob"], count: 1, delayMs: 400 },
  ];
  const { s } = await setup(faults);
  // A short per-attempt timeout so the delayed answer counts as a timeout and is retried.
  const slow = createClient({ apiKey: s.apiKey, baseUrl: s.url, timeoutMs: 150, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  const { jobId } = await slow.submit(KLING, input);
  const done = await slow.wait(jobId, { pollIntervalMs: 10, maxPollIntervalMs: 20, timeoutMs: 10_000 });
  expect(done.output).toMatch(/output_0\.mp4$/);
  const seen = s.requests.filter((r) => r.operationId === "getJob").flatMap((r) => r.faults);
  expect(new Set(seen)).toEqual(new Set(["server-error", "unavailable", "rate-limit", "drop", "malformed(after)", "delay"]));
});

test("estimate and list are retried through faults too", async () => {
  const { client } = await setup([
    { kind: "unavailable", operations: ["estimateJob"], count: 1 },
    { kind: "server-error", operations: ["listJobs"], count: 1 },
  ]);
  expect((await client.estimate(KLING, input)).estimatedCostMicroCents).toBe(1_260_000);
  const pages = [];
  for await (const page of client.jobs.list().pages()) pages.push(page);
  expect(pages).toHaveLength(1);
});

test("the balance running out: InsufficientBalanceError, nothing retried, nothing created", async () => {
  const { s, client } = await setup([], { balanceMicroCents: 2_000_000 });
  await client.submit(KLING, input);
  const error = await client.submit(KLING, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InsufficientBalanceError);
  expect((error as InsufficientBalanceError).code).toBe("INSUFFICIENT_BALANCE");
  expect([submits(s).length, s.jobs.length, s.balance()]).toEqual([2, 1, 740_000]);
});

test("the concurrency limit: the client waits retryAfter and gets in once a job finishes", async () => {
  // The first job runs 300 ms; the second submit is refused until then and retried every 0.1 s.
  const { s } = await setup([], { maxConcurrentJobs: 1, concurrencyRetryAfterSeconds: 0.1, timing: { pendingMs: 150, processingMs: 150 } });
  const client = createClient({ apiKey: s.apiKey, baseUrl: s.url, maxRetries: 10 });
  const first = await client.submit(KLING, input);
  const second = await client.submit(KLING, input);
  expect(second.jobId).not.toBe(first.jobId);
  expect(submits(s).some((r) => r.code === "CONCURRENT_JOBS_EXCEEDED")).toBe(true);
  expect(s.jobs).toHaveLength(2);
  // With no room and a long retryAfter the client gives up with a typed error instead of hanging.
  s.setMaxConcurrentJobs(0, 120);
  await expect(client.submit(KLING, input)).rejects.toBeInstanceOf(RateLimitError);
});

test("a failed generation: run rejects with JobFailedError, and the charge is refunded", async () => {
  const { s, client } = await setup([{ kind: "job-failure", count: 1 }], { balanceMicroCents: 5_000_000 });
  const error = await client.run(KLING, input, { pollIntervalMs: 10 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JobFailedError);
  expect((error as JobFailedError).job.error?.code).toBe("GENERATION_FAILED");
  expect(s.balance()).toBe(5_000_000);
});

test("what only the server can know (a version it lacks) comes back as a typed 404 with its code and requestId", async () => {
  const { s, client } = await setup([]);
  const error = await client.submit(KLING, input, { version: "v0.1" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error).toMatchObject({ code: "MODEL_VERSION_NOT_FOUND", status: 404, requestId: submits(s)[0]!.requestId });
  expect(s.jobs).toHaveLength(0);
});
