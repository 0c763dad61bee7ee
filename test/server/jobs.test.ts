import { estimate } from "@pixelbyte/pricing";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, KLING, sleep, until, type Api } from "../helpers/http.js";

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
const PIXEL = "pixelbyte-plus/pixel-image-1.0/text-to-image";

let server: TestServer;
let http: Api;

beforeAll(async () => {
  server = await startServer({ timing: { pendingMs: 80, processingMs: 80 }, apiKeys: ["pb_a", { key: "pb_other", account: "acct_other" }] });
  http = api(server.url, "pb_a");
});
afterAll(() => server.close());

describe("submit", () => {
  test("accepts a valid job, charges the exact price and answers the documented fields", async () => {
    const res = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "a fox", duration: "10", has_sound: "true" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "pending", costMicroCents: 1_260_000 });
    expect(res.body.jobId).toMatch(/^job_[0-9a-f]{16}$/);
    expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
    expect(Date.parse(res.body.estimatedCompletionTime)).toBeGreaterThan(Date.now() - 1000);
    expect(server.job(res.body.jobId)?.costMicroCents).toBe(1_260_000);
  });

  test("prices through the pricing package, defaults included, and rounds half-up once", async () => {
    for (const [model, input] of [
      [KLING, { prompt: "p" }],
      [SEEDANCE, { prompt: "p", image_url: "https://x/y.png", generate_audio: false }],
      [PIXEL, { prompt: "p", num_images: "4" }],
    ] as const) {
      const res = await http.post("/v1/jobs/submit", { model, input });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.costMicroCents).toBe(estimate(model as never, input as never).microCents);
    }
    const half = await http.post("/v1/jobs/submit", { model: SEEDANCE, input: { prompt: "p", image_url: "https://x/y.png", generate_audio: false } });
    expect(half.body.costMicroCents).toBe(140_003);
  });

  test("rejects an input that breaks the model's schema with INVALID_INPUT naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ duration: "10" }, "prompt"],
      [{ prompt: "p", duration: "99" }, "duration"],
      [{ prompt: "p", has_sound: true }, "has_sound"], // a string field: the boolean true is wrong
      [{ prompt: "p", has_sond: "true" }, "has_sond"],
      [{ prompt: "p", multishot: [{ duration: 3 }] }, "multishot[0].prompt"],
      [{ prompt: "x".repeat(2501) }, "prompt"],
    ];
    for (const [input, field] of cases) {
      const res = await http.post("/v1/jobs/submit", { model: KLING, input });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("INVALID_INPUT");
      expect(res.body.error.details.field).toBe(field);
      expect(res.body.requestId).toMatch(/^req_/);
    }
    const typo = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p", has_sond: "true" } });
    expect(typo.body.error.details.suggestion).toBe("has_sound");
    const bad = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p", duration: "99" } });
    expect(bad.body.error.details.allowed).toContain("15");
  });

  test("a boolean field takes a real boolean, not the string", async () => {
    const res = await http.post("/v1/jobs/submit", { model: SEEDANCE, input: { prompt: "p", image_url: "https://x/y.png", generate_audio: "true" } });
    expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field: "generate_audio" } });
  });

  test("unknown slugs, bad slugs, versions, webhook URLs and bodies", async () => {
    const notFound = await http.post("/v1/jobs/submit", { model: "kling-plus/kling-o3-standrd/text-to-video", input: { prompt: "p" } });
    expect(notFound.status).toBe(404);
    expect(notFound.body.error).toMatchObject({ code: "MODEL_NOT_FOUND", details: { suggestion: KLING } });
    expect((await http.post("/v1/jobs/submit", { model: "nonsense", input: {} })).body.error.code).toBe("INVALID_MODEL_SLUG");
    expect((await http.post("/v1/jobs/submit", { input: {} })).body.error.code).toBe("INVALID_MODEL_SLUG");
    const version = await http.post("/v1/jobs/submit", { model: KLING, version: "v9", input: { prompt: "p" } });
    expect([version.status, version.body.error.code]).toEqual([404, "MODEL_VERSION_NOT_FOUND"]);
    expect((await http.post("/v1/jobs/submit", { model: KLING, version: "v1.0", input: { prompt: "p" } })).status).toBe(200);
    const hook = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: "http://example.com/hook" });
    expect([hook.status, hook.body.error.code]).toEqual([400, "INVALID_WEBHOOK_URL"]);
    const notJson = await http.request("POST", "/v1/jobs/submit", { body: "{nope", headers: { "content-type": "application/json" } });
    expect([notJson.status, notJson.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    const noInput = await http.post("/v1/jobs/submit", { model: KLING });
    expect(noInput.body.error).toMatchObject({ code: "INVALID_INPUT", details: { field: "input" } });
  });

  test("a two-segment slug is the model's default capability", async () => {
    const res = await http.post("/v1/jobs/submit", { model: "google/nano-banana", input: { prompt: "p" } });
    expect(res.status).toBe(200);
  });
});

describe("estimate", () => {
  test("returns the quote with an additive breakdown that sums to the base", async () => {
    const res = await http.post("/v1/jobs/estimate", { model: KLING, input: { duration: "10", has_sound: "true" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ baseCostMicroCents: 1_260_000, estimatedCostMicroCents: 1_260_000, hasDiscount: false, discounted: null });
    expect(res.body.breakdown).toEqual([
      { component: "base_generation", costMicroCents: 84_000 },
      { component: "duration", costMicroCents: 756_000, value: "10", multiplier: "10", defaulted: false },
      { component: "has_sound", costMicroCents: 420_000, value: "true", multiplier: "1.5", defaulted: false },
    ]);
  });

  test("needs no prompt, prices defaults, reports the exact value when rounding applies", async () => {
    const res = await http.post("/v1/jobs/estimate", { model: SEEDANCE, input: { generate_audio: false } });
    expect(res.body.estimatedCostMicroCents).toBe(140_003);
    expect(res.body.exactCostMicroCents).toBe("140002.5");
    const sum = res.body.breakdown.reduce((a: number, b: { costMicroCents: number }) => a + b.costMicroCents, 0);
    expect(sum).toBe(140_003);
    expect((await http.post("/v1/jobs/estimate", { model: KLING })).body.estimatedCostMicroCents).toBe(420_000);
    expect((await http.post("/v1/jobs/estimate", { model: KLING, input: { duration: "2" } })).body.error.code).toBe("INVALID_INPUT");
    expect((await http.post("/v1/jobs/estimate", { model: "openai/sora-3" })).body.error.code).toBe("MODEL_NOT_FOUND");
  });
});

describe("lifecycle", () => {
  test("pending → processing → completed with documented progress and deterministic outputs", async () => {
    // Each state lasts long enough for a 10 ms poll to see it on a loaded machine.
    server.setTiming({ pendingMs: 250, processingMs: 250 });
    const { body } = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } });
    const seen: string[] = [];
    const final = await until(
      async () => (await http.get(`/v1/jobs/${body.jobId}`)).body,
      (job) => {
        if (seen.at(-1) !== `${job.status}:${job.progress}`) seen.push(`${job.status}:${job.progress}`);
        return job.status === "completed";
      },
    );
    expect(seen).toEqual(["pending:0", "processing:50", "completed:100"]);
    expect(final.output).toBe(`${server.url}/cdn/outputs/${body.jobId}/output_0.mp4`);
    expect(final.outputs).toEqual([
      { url: final.output, type: "video", thumbnail: `${server.url}/cdn/outputs/${body.jobId}/thumb_0.jpg`, posterImage: `${server.url}/cdn/outputs/${body.jobId}/poster_0.jpg` },
    ]);
    expect(final.error).toBeNull();
    expect(Date.parse(final.completedAt)).toBeGreaterThanOrEqual(Date.parse(final.createdAt));
    server.setTiming({ pendingMs: 80, processingMs: 80 });
    const file = await fetch(final.output);
    expect([file.status, file.headers.get("content-type")]).toEqual([200, "video/mp4"]);
  });

  test("image models make one output per requested image", async () => {
    const { body } = await http.post("/v1/jobs/submit", { model: PIXEL, input: { prompt: "p", num_images: "3" } });
    const job = await until(async () => (await http.get(`/v1/jobs/${body.jobId}`)).body, (j) => j.status === "completed");
    expect(job.outputs.map((o: { type: string }) => o.type)).toEqual(["image", "image", "image"]);
    expect(job.outputs[2]).toMatchObject({ url: expect.stringMatching(/output_2\.png$/), thumbnail: null, posterImage: null });
  });

  test("the same seed gives the same ids and output URLs", async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const s = await startServer({ seed: 42, timing: { pendingMs: 1, processingMs: 1 } });
      const a = api(s.url, s.apiKey);
      const { body } = await a.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } });
      const job = await until(async () => (await a.get(`/v1/jobs/${body.jobId}`)).body, (j) => j.status === "completed");
      runs.push([body.jobId, new URL(job.output).pathname]);
      await s.close();
    }
    expect(runs[0]).toEqual(runs[1]);
  });

  test("a failed job reports GENERATION_FAILED, progress 0, and is refunded", async () => {
    const s = await startServer({ timing: { pendingMs: 5, processingMs: 5 }, balanceMicroCents: 1_000_000 });
    const a = api(s.url, s.apiKey);
    const { body } = await a.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } }, { "x-test-fault": "job-failure" });
    expect(s.balance()).toBe(580_000);
    const job = await until(async () => (await a.get(`/v1/jobs/${body.jobId}`)).body, (j) => j.status === "failed");
    expect(job).toMatchObject({ progress: 0, output: null, outputs: null, error: { code: "GENERATION_FAILED" } });
    expect(job.completedAt).not.toBeNull();
    expect(s.balance()).toBe(1_000_000);
    await s.close();
  });

  test("unknown job → JOB_NOT_FOUND; another account's job → UNAUTHORIZED_ACCESS", async () => {
    const missing = await http.get("/v1/jobs/job_doesnotexist");
    expect([missing.status, missing.body.error.code]).toEqual([404, "JOB_NOT_FOUND"]);
    const { body } = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } });
    const other = api(server.url, "pb_other");
    const res = await other.get(`/v1/jobs/${body.jobId}`);
    expect([res.status, res.body.error.code]).toEqual([403, "UNAUTHORIZED_ACCESS"]);
    expect((await other.post(`/v1/jobs/${body.jobId}/cancel`)).body.error.code).toBe("UNAUTHORIZED_ACCESS");
  });
});

describe("cancel", () => {
  test("a pending job is cancelled and refunded; later states cannot be cancelled", async () => {
    const s = await startServer({ timing: { pendingMs: 400, processingMs: 300 }, balanceMicroCents: 10_000_000 });
    const a = api(s.url, s.apiKey);
    const { body } = await a.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p", duration: "10" } });
    expect(s.balance()).toBe(10_000_000 - 840_000);
    const res = await a.post(`/v1/jobs/${body.jobId}/cancel`);
    expect(res.body).toEqual({ jobId: body.jobId, status: "cancelled", refundedMicroCents: 840_000 });
    expect(s.balance()).toBe(10_000_000);
    const again = await a.post(`/v1/jobs/${body.jobId}/cancel`);
    expect([again.status, again.body.error.code, again.body.error.details.status]).toEqual([400, "JOB_CANNOT_BE_CANCELLED", "cancelled"]);
    await sleep(500);
    expect((await a.get(`/v1/jobs/${body.jobId}`)).body.status).toBe("cancelled"); // never picked up by a worker

    const second = (await a.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } })).body.jobId;
    await until(async () => (await a.get(`/v1/jobs/${second}`)).body.status, (st) => st === "processing");
    expect((await a.post(`/v1/jobs/${second}/cancel`)).body.error).toMatchObject({ code: "JOB_CANNOT_BE_CANCELLED", details: { status: "processing" } });
    await until(async () => (await a.get(`/v1/jobs/${second}`)).body.status, (st) => st === "completed");
    expect((await a.post(`/v1/jobs/${second}/cancel`)).body.error.details.status).toBe("completed");
    expect((await a.post(`/v1/jobs/job_nope/cancel`)).body.error.code).toBe("JOB_NOT_FOUND");
    await s.close();
  });
});

describe("list", () => {
  test("cursor pagination walks every job newest first, with filters", async () => {
    const s = await startServer({ timing: { pendingMs: 10_000, processingMs: 10_000 } });
    const a = api(s.url, s.apiKey);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await a.post("/v1/jobs/submit", { model: i % 2 ? PIXEL : KLING, input: { prompt: `p${i}` } })).body.jobId);
    await a.post(`/v1/jobs/${ids[0]}/cancel`);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await a.get(`/v1/jobs?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      pages++;
      seen.push(...res.body.jobs.map((j: { jobId: string }) => j.jobId));
      expect(res.body.hasMore).toBe(res.body.nextCursor !== null);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const first = (await a.get("/v1/jobs")).body;
    expect(first.jobs).toHaveLength(7);
    expect(first.jobs[0]).toEqual({ jobId: ids[6], status: "pending", progress: 0, model: KLING, createdAt: expect.any(String), completedAt: null });
    expect((await a.get(`/v1/jobs?modelId=${encodeURIComponent(PIXEL)}`)).body.jobs).toHaveLength(3);
    expect((await a.get("/v1/jobs?status=cancelled")).body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([ids[0]]);
    expect((await a.get("/v1/jobs?limit=500")).body.error.code).toBe("VALIDATION_ERROR");
    expect((await a.get("/v1/jobs?cursor=garbage")).body.error.code).toBe("VALIDATION_ERROR");
    expect((await a.get("/v1/jobs?status=done")).body.error.details.field).toBe("status");
    await s.close();
  });

  test("an account sees only its own jobs", async () => {
    const other = api(server.url, "pb_other");
    expect((await other.get("/v1/jobs")).body.jobs).toEqual([]);
  });
});

describe("routing", () => {
  test("unknown paths and methods answer the error envelope with a requestId", async () => {
    const res = await http.get("/v1/nothing");
    expect([res.status, res.body.success, res.body.error.code]).toEqual([404, false, "NOT_FOUND"]);
    expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
    const wrong = await http.request("DELETE", "/v1/jobs");
    expect([wrong.status, wrong.body.error.code]).toEqual([405, "METHOD_NOT_ALLOWED"]);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});
