import { afterEach, describe, expect, test } from "vitest";
import { InputValidationError, InvalidRequestError, InvalidResponseError, type JobSummary } from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { fixtures, harness, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const LIST = "GET /v1/jobs";
const CANCEL = "POST /v1/jobs/*/cancel";
const GET = "GET /v1/jobs/*";
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

const summary = (jobId: string) => ({ jobId, status: "completed", progress: 100, model: KLING, createdAt: "2026-02-18T15:00:00Z", completedAt: "2026-02-18T15:02:30Z" });
const page = (ids: string[], nextCursor: string | null, requestId?: string) =>
  step.json({ jobs: ids.map(summary), nextCursor, hasMore: nextCursor !== null, ...(requestId ? { requestId } : {}) });

describe("jobs.list", () => {
  test("iterates every job across every page, passing the cursor back", async () => {
    h = await harness();
    h.server.script(LIST, page(["j1", "j2"], "c1"), page(["j3"], "c2"), page(["j4", "j5"], null));
    const ids: string[] = [];
    for await (const job of h.client.jobs.list({ status: "completed", model: KLING, limit: 2 })) ids.push(job.jobId);
    expect(ids).toEqual(["j1", "j2", "j3", "j4", "j5"]);
    const queries = h.server.received.map((r) => Object.fromEntries(r.query));
    expect(queries).toEqual([
      { limit: "2", status: "completed", modelId: KLING },
      { limit: "2", status: "completed", modelId: KLING, cursor: "c1" },
      { limit: "2", status: "completed", modelId: KLING, cursor: "c2" },
    ]);
  });

  test("pages() yields each page with its request id", async () => {
    h = await harness();
    h.server.script(LIST, page(["j1"], "c1", "req_p1"), page(["j2"], null, "req_p2"));
    const seen: [string[], string | undefined][] = [];
    for await (const p of h.client.jobs.list().pages()) seen.push([p.jobs.map((j: JobSummary) => j.jobId), p.requestId]);
    expect(seen).toEqual([
      [["j1"], "req_p1"],
      [["j2"], "req_p2"],
    ]);
  });

  test("stopping early sends no more requests", async () => {
    h = await harness();
    h.server.script(LIST, page(["j1", "j2"], "c1"), page(["j3"], null));
    for await (const job of h.client.jobs.list()) {
      expect(job.jobId).toBe("j1");
      break;
    }
    expect(h.server.count(LIST)).toBe(1);
  });

  test("a server that repeats a cursor cannot make the iterator loop forever", async () => {
    h = await harness();
    h.server.handle(LIST, page(["j"], "same"));
    const err = await rejectionOf(
      (async () => {
        for await (const _ of h.client.jobs.list()) {
          // drain
        }
      })(),
    );
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toMatch(/already used/);
    expect(h.server.count(LIST)).toBe(2);
  });

  test("hasMore without a cursor is an error, not a silent stop", async () => {
    h = await harness();
    h.server.script(LIST, step.json({ jobs: [summary("j1")], nextCursor: null, hasMore: true }));
    const it = h.client.jobs.list()[Symbol.asyncIterator]();
    expect((await it.next()).value).toMatchObject({ jobId: "j1" });
    await expect(it.next()).rejects.toThrow(/cursor is missing/);
  });

  test("a limit outside 1..100 is refused before sending", async () => {
    h = await harness();
    expect(() => h.client.jobs.list({ limit: 101 })).toThrow(InputValidationError);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("jobs.get", () => {
  test("flat and wrapped bodies both work and expose the request id", async () => {
    h = await harness();
    h.server.script(GET, step.json(fixtures.job("processing"), 200, { "x-request-id": "req_h" }), step.wrapped(fixtures.job("pending"), "req_w"));
    await expect(h.client.jobs.get("job_1")).resolves.toMatchObject({ status: "processing", requestId: "req_h" });
    await expect(h.client.jobs.get("job_1")).resolves.toMatchObject({ status: "pending", requestId: "req_w" });
  });

  test("an id that is not one plain path segment is refused, not encoded and sent", async () => {
    h = await harness();
    await expect(h.client.jobs.get("job/../x y")).rejects.toMatchObject({ name: "InputValidationError", field: "jobId", rule: "id" });
    expect(h.server.received).toHaveLength(0);
  });

  test("an empty id is refused locally", async () => {
    h = await harness();
    await expect(h.client.jobs.get("")).rejects.toBeInstanceOf(InputValidationError);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("jobs.cancel", () => {
  test("cancels and reports the refund", async () => {
    h = await harness();
    await expect(h.client.jobs.cancel("job_1")).resolves.toEqual({ jobId: "job_1", status: "cancelled", refundedMicroCents: KLING_PRICE, requestId: undefined });
    expect(h.server.received[0]!.path).toBe("/v1/jobs/job_1/cancel");
  });

  test("a lost answer, then JOB_CANNOT_BE_CANCELLED: the job is checked and found cancelled", async () => {
    h = await harness();
    h.server.script(CANCEL, step.resetAfter(), step.error(400, "JOB_CANNOT_BE_CANCELLED", "Only pending jobs can be cancelled"));
    h.server.script(GET, step.json(fixtures.job("cancelled"), 200, { "x-request-id": "req_check" }));
    await expect(h.client.jobs.cancel("job_1")).resolves.toEqual({ jobId: "job_1", status: "cancelled", refundedMicroCents: null, requestId: "req_check" });
    expect(h.server.count(CANCEL)).toBe(2);
    expect(h.server.count(GET)).toBe(1);
  });

  test("...but if the job is not cancelled, the server's refusal stands", async () => {
    h = await harness();
    h.server.script(CANCEL, step.error(500, "INTERNAL_ERROR", "x"), step.error(400, "JOB_CANNOT_BE_CANCELLED", "Only pending jobs can be cancelled"));
    h.server.script(GET, step.json(fixtures.job("processing")));
    const err = await rejectionOf(h.client.jobs.cancel("job_1"));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ code: "JOB_CANNOT_BE_CANCELLED" });
  });

  test("a first-attempt refusal is final, with no extra lookup", async () => {
    h = await harness();
    h.server.script(CANCEL, step.error(400, "JOB_CANNOT_BE_CANCELLED", "Only pending jobs can be cancelled"));
    await expect(h.client.jobs.cancel("job_1")).rejects.toMatchObject({ code: "JOB_CANNOT_BE_CANCELLED", status: 400 });
    expect(h.server.count(GET)).toBe(0);
  });

  test("a refusal after a retry that proved nothing reached the server is final too", async () => {
    h = await harness();
    h.server.resetNextConnections(1);
    h.server.script(CANCEL, step.error(400, "JOB_CANNOT_BE_CANCELLED", "Only pending jobs can be cancelled"));
    await expect(h.client.jobs.cancel("job_1")).rejects.toMatchObject({ code: "JOB_CANNOT_BE_CANCELLED" });
    expect(h.server.count(GET)).toBe(0);
  });
});

describe("estimate", () => {
  test("the remote estimate next to the local exact price", async () => {
    h = await harness();
    h.server.script("POST /v1/jobs/estimate", step.json({ baseCostMicroCents: KLING_PRICE, estimatedCostMicroCents: 1_008_000, breakdown: [], hasDiscount: true, discounted: { type: "volume", percentage: 20, savedMicroCents: 252_000 } }, 200, { "x-request-id": "req_est" }));
    const est = await h.client.estimate(KLING, KLING_INPUT, { version: "v1.0" });
    expect(est).toMatchObject({ estimatedCostMicroCents: 1_008_000, baseCostMicroCents: KLING_PRICE, hasDiscount: true, requestId: "req_est", differenceMicroCents: -252_000 });
    expect(est.local?.microCents).toBe(KLING_PRICE);
    expect(est.local?.breakdown.map((b) => [b.field, b.multiplier])).toEqual([
      ["duration", "10"],
      ["has_sound", "1.5"],
    ]);
    expect(JSON.parse(h.server.received[0]!.body)).toEqual({ model: KLING, input: KLING_INPUT, version: "v1.0" });
  });

  test("the older wrapped concept-page shape is read too (decision 4 in docs/decisions.md)", async () => {
    h = await harness();
    h.server.script(
      "POST /v1/jobs/estimate",
      step.wrapped({ estimatedCost: 120_000, baseCost: 40_000, factors: { quality: { value: "hd", multiplier: 1.5 } }, currency: "micro-cents" }, "req_est_abc123"),
    );
    const est = await h.client.estimate(KLING, KLING_INPUT);
    expect(est).toMatchObject({ estimatedCostMicroCents: 120_000, baseCostMicroCents: 40_000, breakdown: [], hasDiscount: false, discounted: null, requestId: "req_est_abc123" });
    expect(est.factors).toEqual({ quality: { value: "hd", multiplier: 1.5 } });
  });

  test("a bad input is refused before sending", async () => {
    h = await harness();
    await expect(h.client.estimate(KLING, { prompt: "p", duration: "2" } as never)).rejects.toBeInstanceOf(InputValidationError);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("price (local, no request)", () => {
  test("exact integer micro-cents and the unrounded value beside it", async () => {
    h = await harness();
    expect(h.client.price(KLING, KLING_INPUT).microCents).toBe(KLING_PRICE);
    const half = h.client.price("bytedance-plus/seedance-1.5-pro-super/image-to-video", {
      prompt: "p",
      image_url: "https://x/y.png",
      resolution: "720p",
      generate_audio: false,
      duration: "5",
    });
    expect(half.exactMicroCents).toBe("140002.5");
    expect(half.rounded).toBe(true);
    expect(h.server.received).toHaveLength(0);
  });
});
