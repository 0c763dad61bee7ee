import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterEach, expect, test } from "vitest";
import { api, KLING, until } from "../helpers/http.js";

// Each injected fault over raw HTTP: what the wire shows and whether the job exists afterwards.
// The same faults seen through the client are in client-faults.test.ts.

const body = { model: KLING, input: { prompt: "p" } };
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(opts: Parameters<typeof startServer>[0] = {}) {
  server = await startServer({ timing: { pendingMs: 20, processingMs: 20 }, ...opts });
  return { s: server, http: api(server.url, server.apiKey) };
}

test("rate-limit: 429 CONCURRENT_JOBS_EXCEEDED with retryAfter on submit (no job), RATE_LIMITED elsewhere", async () => {
  const { s, http } = await start({ faults: [{ kind: "rate-limit", count: 2, retryAfterSeconds: 0.25 }] });
  const res = await http.post("/v1/jobs/submit", body);
  expect([res.status, res.body.error.code, res.body.error.details.retryAfter]).toEqual([429, "CONCURRENT_JOBS_EXCEEDED", 0.25]);
  expect(res.headers.get("retry-after")).toBeNull(); // whole seconds only; 0.25 s lives in details
  const whole = await http.post("/v1/jobs/submit", body, { "x-test-fault": "rate-limit; retryAfter=2" });
  expect([whole.body.error.details.retryAfter, whole.headers.get("retry-after")]).toEqual([2, "2"]);
  expect(s.jobs).toHaveLength(0);
  const list = await http.get("/v1/jobs");
  expect([list.status, list.body.error.code]).toEqual([429, "RATE_LIMITED"]);
  expect((await http.post("/v1/jobs/submit", body)).status).toBe(200); // the rule is spent
});

test("server-error: 500 before the operation (no job) or after it (the job exists: ambiguous)", async () => {
  const { s, http } = await start();
  s.addFault({ kind: "server-error", operations: ["submitJob"], count: 1 });
  const before = await http.post("/v1/jobs/submit", body);
  expect([before.status, before.body.error.code]).toEqual([500, "INTERNAL_ERROR"]);
  expect(s.jobs).toHaveLength(0);
  s.addFault({ kind: "server-error", operations: ["submitJob"], count: 1, after: true });
  const after = await http.post("/v1/jobs/submit", body);
  expect(after.status).toBe(500);
  expect(s.jobs).toHaveLength(1);
  expect(s.spent()).toBe(420_000); // charged although the caller saw an error
});

test("unavailable: 503 PUBSUB_PUBLISH_FAILED on submit creates nothing; 503 on reads", async () => {
  const { s, http } = await start({ faults: [{ kind: "unavailable", count: 1, operations: ["submitJob"] }, { kind: "unavailable", count: 1, operations: ["getJob"] }] });
  const res = await http.post("/v1/jobs/submit", body);
  expect([res.status, res.body.error.code]).toEqual([503, "PUBSUB_PUBLISH_FAILED"]);
  expect(s.jobs).toHaveLength(0);
  const { body: job } = await http.post("/v1/jobs/submit", body);
  const read = await http.get(`/v1/jobs/${job.jobId}`);
  expect([read.status, read.body.error.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
  expect((await http.get(`/v1/jobs/${job.jobId}`)).status).toBe(200);
});

test("delay: the answer is late but right", async () => {
  const { http } = await start({ faults: [{ kind: "delay", delayMs: 150, operations: ["estimateJob"], count: 1 }] });
  const t0 = Date.now();
  const res = await http.post("/v1/jobs/estimate", body);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
  expect(res.body.estimatedCostMicroCents).toBe(420_000);
  const t1 = Date.now();
  await http.post("/v1/jobs/estimate", { model: KLING }, { "x-test-fault": "delay; delayMs=80" });
  expect(Date.now() - t1).toBeGreaterThanOrEqual(75);
});

test("drop: the connection is destroyed; before the operation nothing exists, after it the job does", async () => {
  const { s, http } = await start();
  await expect(http.post("/v1/jobs/submit", body, { "x-test-fault": "drop" })).rejects.toThrow();
  expect(s.jobs).toHaveLength(0);
  await expect(http.post("/v1/jobs/submit", body, { "x-test-fault": "drop; after" })).rejects.toThrow();
  expect(s.jobs).toHaveLength(1);
  expect(s.requests.at(-1)).toMatchObject({ operationId: "submitJob", status: undefined, faults: ["drop(after)"] });
});

test("malformed: a 200 whose JSON is cut off, after the job was created", async () => {
  const { s, http } = await start({ faults: [{ kind: "malformed", operations: ["submitJob"], count: 1 }] });
  const res = await http.post("/v1/jobs/submit", body);
  expect(res.status).toBe(200);
  expect(() => JSON.parse(res.body)).toThrow();
  expect(typeof res.body).toBe("string");
  expect(s.jobs).toHaveLength(1);
});

test("job-failure rules fail jobs with the seeded probability; a run is reproducible", async () => {
  const outcomes: string[][] = [];
  for (let run = 0; run < 2; run++) {
    const { s, http } = await start({ seed: 7, faults: [{ kind: "job-failure", probability: 0.5 }], timing: { pendingMs: 1, processingMs: 1 } });
    for (let i = 0; i < 12; i++) await http.post("/v1/jobs/submit", body);
    await s.settled();
    outcomes.push(s.jobs.map((j) => j.status));
    await s.close();
    server = undefined;
  }
  expect(outcomes[0]).toEqual(outcomes[1]);
  expect(outcomes[0]).toContain("failed");
  expect(outcomes[0]).toContain("completed");
});

test("balance runs out: INSUFFICIENT_BALANCE 402 until a refund frees enough", async () => {
  const { s, http } = await start({ balanceMicroCents: 1_000_000, timing: { pendingMs: 5_000, processingMs: 5_000 } });
  const first = (await http.post("/v1/jobs/submit", body)).body;
  expect((await http.post("/v1/jobs/submit", body)).status).toBe(200);
  const broke = await http.post("/v1/jobs/submit", body);
  expect([broke.status, broke.body.error.code]).toEqual([402, "INSUFFICIENT_BALANCE"]);
  expect(broke.body.error.details).toEqual({ requiredMicroCents: 420_000, balanceMicroCents: 160_000 });
  expect(s.jobs).toHaveLength(2);
  await http.post(`/v1/jobs/${first.jobId}/cancel`);
  expect((await http.post("/v1/jobs/submit", body)).status).toBe(200);
  s.setBalance(0);
  expect((await http.post("/v1/jobs/submit", body)).body.error.code).toBe("INSUFFICIENT_BALANCE");
});

test("concurrency limit: CONCURRENT_JOBS_EXCEEDED while too many jobs run, accepted again once they finish", async () => {
  const { s, http } = await start({ maxConcurrentJobs: 2, concurrencyRetryAfterSeconds: 0.05, timing: { pendingMs: 300, processingMs: 100 } });
  await http.post("/v1/jobs/submit", body);
  await http.post("/v1/jobs/submit", body);
  const over = await http.post("/v1/jobs/submit", body);
  expect([over.status, over.body.error.code, over.body.error.details.retryAfter]).toEqual([429, "CONCURRENT_JOBS_EXCEEDED", 0.05]);
  expect(s.jobs).toHaveLength(2);
  await until(() => s.jobs.every((j) => j.status === "completed"), Boolean);
  expect((await http.post("/v1/jobs/submit", body)).status).toBe(200);
});

test("server-wide faults skip the storage and CDN stand-ins unless named", async () => {
  const { s, http } = await start({ faults: [{ kind: "server-error", operations: ["presignUpload"], count: 0 }, { kind: "unavailable", probability: 1, operations: ["getJob"] }] });
  const up = (await http.post("/v1/uploads/presign", { filename: "a.png", contentType: "image/png" })).body.data;
  s.setFaults([{ kind: "server-error" }]);
  expect((await fetch(up.uploadUrl, { method: "PUT", headers: { "content-type": "image/png" }, body: "x" })).status).toBe(200);
  expect((await http.get("/v1/catalog/categories")).status).toBe(500);
  s.setFaults([{ kind: "server-error", operations: ["storagePut"], count: 1 }]);
  expect((await fetch(up.uploadUrl, { method: "PUT", headers: { "content-type": "image/png" }, body: "x" })).status).toBe(500);
});
