import { createClient, JobFailedError, JobMayExistError } from "@pixelbyte/client";
import { estimate } from "@pixelbyte/pricing";
import { startServer, type FaultRule } from "@pixelbyte/test-server";
import { expect, test } from "vitest";
import { KLING } from "../helpers/http.js";

// 200 jobs submitted and waited in parallel through the generated client against one server that
// injects faults into about 10 % of requests. Every job must end correctly and none may be lost:
// every job the server created is known to the caller (by id, or through a JobMayExistError that
// a list then resolves), none was created twice, and the money adds up.

const JOBS = 200;

// About 10 % of each operation's requests, spread over every kind of fault.
const faults: FaultRule[] = [
  { kind: "rate-limit", operations: ["submitJob"], probability: 0.03, retryAfterSeconds: 0.01 },
  { kind: "unavailable", operations: ["submitJob"], probability: 0.03 },
  { kind: "server-error", operations: ["submitJob"], probability: 0.02, after: true },
  { kind: "drop", operations: ["submitJob"], probability: 0.01, after: true },
  { kind: "malformed", operations: ["submitJob"], probability: 0.01 },
  { kind: "job-failure", probability: 0.05 },
  { kind: "server-error", operations: ["getJob", "listJobs"], probability: 0.03 },
  { kind: "unavailable", operations: ["getJob", "listJobs"], probability: 0.02 },
  { kind: "rate-limit", operations: ["getJob", "listJobs"], probability: 0.02, retryAfterSeconds: 0.01 },
  { kind: "drop", operations: ["getJob", "listJobs"], probability: 0.01 },
  { kind: "malformed", operations: ["getJob", "listJobs"], probability: 0.01 },
  { kind: "delay", operations: ["getJob"], probability: 0.01, delayMs: 30 },
];

test(`${JOBS} parallel jobs with ~10% injected faults all end correctly, none lost`, { timeout: 60_000 }, async () => {
  const server = await startServer({ seed: 2024, faults, timing: { pendingMs: 30, processingMs: 60 } });
  const client = createClient({ apiKey: server.apiKey, baseUrl: server.url, maxRetries: 6, timeoutMs: 30_000, retry: { baseDelayMs: 5, maxDelayMs: 40 } });
  const durations = ["3", "5", "10", "15"] as const;

  type Outcome = { kind: "completed"; jobId: string; cost: number; quote: number; output: string } | { kind: "failed"; jobId: string } | { kind: "may-exist"; cause: string };
  const started = Date.now();
  const outcomes: Outcome[] = await Promise.all(
    Array.from({ length: JOBS }, async (_, i): Promise<Outcome> => {
      const input = { prompt: `clip ${i}`, duration: durations[i % durations.length]!, has_sound: i % 2 ? "true" : "false" } as const;
      let submitted;
      try {
        submitted = await client.submit(KLING, input);
      } catch (e) {
        if (e instanceof JobMayExistError) return { kind: "may-exist", cause: `${e.cause.name}: ${e.cause.message}` };
        throw e;
      }
      try {
        const done = await client.wait(submitted.jobId, { pollIntervalMs: 20, maxPollIntervalMs: 60, timeoutMs: 30_000 });
        return { kind: "completed", jobId: done.jobId, cost: submitted.costMicroCents, quote: estimate(KLING, input).microCents, output: done.output! };
      } catch (e) {
        if (e instanceof JobFailedError) return { kind: "failed", jobId: e.jobId };
        throw e;
      }
    }),
  );
  const elapsed = Date.now() - started;
  await server.settled();

  const completed = outcomes.filter((o): o is Extract<Outcome, { kind: "completed" }> => o.kind === "completed");
  const failed = outcomes.filter((o) => o.kind === "failed");
  const mayExist = outcomes.filter((o) => o.kind === "may-exist").length;
  const known = new Set([...completed, ...failed].map((o) => (o as { jobId: string }).jobId));

  // Faults really happened, of every kind.
  const hits = server.requests.flatMap((r) => r.faults.map((f) => f.replace("(after)", "")));
  expect(new Set(hits)).toEqual(new Set(["rate-limit", "unavailable", "server-error", "drop", "malformed", "job-failure", "delay"]));
  const apiRequests = server.requests.filter((r) => r.operationId === "submitJob" || r.operationId === "getJob");
  const faulted = apiRequests.filter((r) => r.faults.some((f) => f !== "job-failure")).length / apiRequests.length;
  expect(faulted).toBeGreaterThan(0.06);
  expect(faulted).toBeLessThan(0.14);

  // Every task ended in a defined way; every known job is one the server has, each exactly once.
  expect(completed.length + failed.length + mayExist).toBe(JOBS);
  expect(known.size).toBe(completed.length + failed.length);
  const serverIds = new Set(server.jobs.map((j) => j.jobId));
  for (const id of known) expect(serverIds.has(id)).toBe(true);
  // No job without an owner: a job the caller has no id for comes from a submit that reported
  // JobMayExistError (never from a clean answer, never a second job for one task). Every submit
  // whose answer a fault spoiled after the job was created is such a job.
  const orphans = server.jobs.filter((j) => !known.has(j.jobId));
  const submitLog = server.requests.filter((r) => r.operationId === "submitJob");
  const spoiled = submitLog.filter((r) => r.faults.some((f) => f.endsWith("(after)")));
  const diag = JSON.stringify({ jobs: server.jobs.length, completed: completed.length, failed: failed.length, mayExist, causes: outcomes.flatMap((o) => (o.kind === "may-exist" ? [o.cause] : [])) });
  expect(orphans.length, diag).toBeLessThanOrEqual(mayExist);
  expect(spoiled.every((r) => r.jobId !== undefined && !known.has(r.jobId)), diag).toBe(true);
  expect(orphans.length, diag).toBeGreaterThanOrEqual(spoiled.length);
  expect(server.jobs.length).toBe(known.size + orphans.length);
  expect(server.jobs.length).toBeLessThanOrEqual(JOBS);

  // Nothing lost: listing through the client (itself under faults) finds every job the server has.
  const listed = new Set<string>();
  for await (const j of client.jobs.list({ limit: 37 })) listed.add(j.jobId);
  expect(listed).toEqual(serverIds);
  expect(server.jobs.every((j) => j.status === "completed" || j.status === "failed")).toBe(true);

  // Outcomes match the server's truth, and the money adds up.
  for (const o of completed) {
    expect(server.job(o.jobId)?.status).toBe("completed");
    expect(o.cost).toBe(o.quote);
    expect(o.output).toBe(`${server.url}/cdn/outputs/${o.jobId}/output_0.mp4`);
  }
  for (const o of failed) expect(server.job((o as { jobId: string }).jobId)?.status).toBe("failed");
  const kept = server.jobs.filter((j) => j.status === "completed").reduce((sum, j) => sum + j.costMicroCents, 0);
  expect(server.spent()).toBe(kept);

  console.log(
    `concurrency: ${JOBS} jobs in ${elapsed} ms; ${completed.length} completed, ${failed.length} failed (injected), ${mayExist} ambiguous submits resolved by list; ` +
      `${(faulted * 100).toFixed(1)}% of ${apiRequests.length} submit/get requests faulted`,
  );
  await server.close();
});
