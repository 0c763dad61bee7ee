// Issue 12 §5: after a paid submit, every failure names the job and its charge, a 404 right after
// the submit is polled again for a short grace period, and run() returns the charge and the quote
// check as submit() does.
import { afterEach, describe, expect, test } from "vitest";
import {
  AbortedError,
  AuthenticationError,
  ConfigurationError,
  createClient,
  DEFAULT_NOT_FOUND_GRACE_MS,
  InvalidResponseError,
  JobFailedError,
  NotFoundError,
  PriceMismatchError,
  UnexpectedJobStatusError,
  WaitTimeoutError,
  type PixelByteError,
} from "@pixelbyte/client";
import { startServer, type FaultRule, type TestServer } from "@pixelbyte/test-server";
import { step, type Step } from "./helpers/fault-server.js";
import { fixtures, harness, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const GET = "GET /v1/jobs/*";
const SUBMIT = "POST /v1/jobs/submit";
const job = (status: string, extra: Record<string, unknown> = {}): Step => step.json(fixtures.job(status, extra));
const notFound = (): Step => step.error(404, "JOB_NOT_FOUND", "Job job_1 not found.");

/** The job and what it cost, as every error after the submit must say. */
const charged = { jobId: "job_1", chargedMicroCents: KLING_PRICE, price: expect.objectContaining({ quotedMicroCents: KLING_PRICE, chargedMicroCents: KLING_PRICE, matches: true }) };

describe("run: every failure after the submit names the job and its charge (fault server)", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.server.close();
  });

  test("aborted between polls", async () => {
    h = await harness();
    const ctrl = new AbortController();
    let polls = 0;
    h.server.handle(GET, () => {
      if (++polls === 2) ctrl.abort();
      return job("processing");
    });
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).toMatchObject(charged);
    expect(err.message).toMatch(/job job_1.*keeps running/);
  });

  test("aborted while a poll is in flight", async () => {
    h = await harness();
    const ctrl = new AbortController();
    h.server.handle(GET, () => {
      setTimeout(() => ctrl.abort(), 20);
      return step.stall();
    });
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).toMatchObject(charged);
    expect(err.message).toMatch(/job job_1.*keeps running/);
    expect(err.cause).toBeInstanceOf(AbortedError);
  });

  test("the job failed", async () => {
    h = await harness();
    h.server.script(GET, job("failed"));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err).toMatchObject(charged);
  });

  test("an unknown status", async () => {
    h = await harness();
    h.server.script(GET, job("on_hold"));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(UnexpectedJobStatusError);
    expect(err).toMatchObject(charged);
  });

  test("the wait deadline, with the last poll's request id", async () => {
    h = await harness();
    h.server.handle(GET, step.json(fixtures.job("processing"), 200, { "x-request-id": "req_poll" }));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { waitTimeoutMs: 3_000 }));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err).toMatchObject({ ...charged, requestId: "req_poll" });
  });

  test("connection errors on every poll until the deadline", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.handle(GET, step.resetAfter());
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { waitTimeoutMs: 3_000 }));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err).toMatchObject(charged);
    expect(err.cause).toMatchObject({ name: "ConnectionError" });
  });

  test("a poll answered 401", async () => {
    h = await harness();
    h.server.script(GET, step.error(401, "INVALID_API_KEY", "The key was revoked."));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ ...charged, requestId: "req_invalid_api_key" });
  });

  test("an onProgress callback that throws: the caller's own error is named too", async () => {
    h = await harness();
    h.server.script(GET, job("processing"));
    const mine = new Error("my UI broke");
    const err = await rejectionOf(
      h.client.run(KLING, KLING_INPUT, {
        onProgress: () => {
          throw mine;
        },
      }),
    );
    expect(err).toBe(mine);
    expect(err).toMatchObject(charged);
  });

  test('a price mismatch with onPriceMismatch "throw" carries the quote check', async () => {
    h = await harness({ onPriceMismatch: "throw" });
    h.server.script(SUBMIT, step.json(fixtures.submit("job_1", 1_300_000)));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(PriceMismatchError);
    expect(err).toMatchObject({ jobId: "job_1", chargedMicroCents: 1_300_000, price: { quotedMicroCents: KLING_PRICE, chargedMicroCents: 1_300_000, matches: false } });
    expect(h.server.count(GET)).toBe(0);
  });

  test("a submit answer without its charge is refused, naming the job, and the budget keeps the quote", async () => {
    h = await harness({ budget: { limitMicroCents: 5_000_000 } });
    const { costMicroCents: _dropped, ...withoutCharge } = fixtures.submit();
    h.server.script(SUBMIT, step.json(withoutCharge));
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(InvalidResponseError);
    // The body's own requestId wins over the header (decision 3 in docs/decisions.md).
    expect(err).toMatchObject({ jobId: "job_1", requestId: "req_submit" });
    expect(err.message).toMatch(/has no costMicroCents/);
    expect(h.client.budget).toMatchObject({ spentMicroCents: KLING_PRICE, reservedMicroCents: 0 });
    expect(h.server.count(GET)).toBe(0);
  });
});

describe("run: a job not visible yet (404 JOB_NOT_FOUND right after the submit)", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.server.close();
  });

  test("is polled again within the grace period, then resolves with the charge and the quote check", async () => {
    h = await harness();
    h.server.script(GET, notFound(), notFound(), job("completed"));
    const done = await h.client.run(KLING, KLING_INPUT);
    expect(done).toMatchObject({ status: "completed", costMicroCents: KLING_PRICE, submitRequestId: "req_submit", price: { quotedMicroCents: KLING_PRICE, chargedMicroCents: KLING_PRICE, matches: true } });
    expect(done.price?.quote.exactMicroCents).toBe("1260000");
    expect(h.server.count(GET)).toBe(3);
    expect(h.clock.sleeps).toEqual([1_000, 1_500]);
  });

  test("still missing after the grace period: NotFoundError naming the job and its charge, after a bounded number of polls", async () => {
    h = await harness();
    h.server.handle(GET, notFound());
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ ...charged, code: "JOB_NOT_FOUND" });
    // Polls at 0, 1 000, 2 500 and 4 750 ms are inside the 5 s grace; the one at 8 125 ms is believed.
    expect(h.clock.sleeps).toEqual([1_000, 1_500, 2_250, 3_375]);
    expect(DEFAULT_NOT_FOUND_GRACE_MS).toBe(5_000);
  });

  test("notFoundGraceMs: 0 believes the first 404", async () => {
    h = await harness();
    h.server.handle(GET, notFound());
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { notFoundGraceMs: 0 }));
    expect(err).toMatchObject({ ...charged, code: "JOB_NOT_FOUND" });
    expect(h.server.count(GET)).toBe(1);
  });

  test("a 404 after the job was seen is believed at once (the job is gone, not late)", async () => {
    h = await harness();
    h.server.script(GET, job("pending"), notFound());
    await expect(h.client.run(KLING, KLING_INPUT)).rejects.toMatchObject({ ...charged, code: "JOB_NOT_FOUND" });
    expect(h.server.count(GET)).toBe(2);
  });

  test("wait() has no grace by default; notFoundGraceMs opts in", async () => {
    h = await harness();
    h.server.script(GET, notFound(), notFound(), job("completed"));
    await expect(h.client.wait("job_1")).rejects.toMatchObject({ name: "NotFoundError", jobId: "job_1" });
    await expect(h.client.wait("job_1", { notFoundGraceMs: 3_000 })).resolves.toMatchObject({ status: "completed" });
  });

  test.each([Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, 600_001, "5000", null])("notFoundGraceMs %s is a ConfigurationError before anything is sent", async (value) => {
    h = await harness();
    const err = await rejectionOf(h.client.run(KLING, KLING_INPUT, { notFoundGraceMs: value as number }));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err).toMatchObject({ code: "INVALID_OPTION" });
    expect(err.message).toMatch(/notFoundGraceMs/);
    expect(h.server.received).toHaveLength(0);
    await expect(h.client.wait("job_1", { notFoundGraceMs: value as number })).rejects.toBeInstanceOf(ConfigurationError);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("wait: its errors name the job it was given", () => {
  let h: Harness;
  afterEach(async () => {
    await h?.server.close();
  });

  test("abort, deadline, 404 and a definitive 403 all carry jobId", async () => {
    h = await harness();
    const ctrl = new AbortController();
    ctrl.abort();
    const errors: PixelByteError[] = [];
    errors.push((await rejectionOf(h.client.wait("job_7", { signal: ctrl.signal }))) as PixelByteError);
    h.server.script(GET, step.error(404, "JOB_NOT_FOUND", "no"), step.error(403, "UNAUTHORIZED_ACCESS", "not yours"));
    errors.push((await rejectionOf(h.client.wait("job_7"))) as PixelByteError);
    errors.push((await rejectionOf(h.client.wait("job_7"))) as PixelByteError);
    h.server.handle(GET, job("pending", { jobId: "job_7" }));
    errors.push((await rejectionOf(h.client.wait("job_7", { timeoutMs: 2_000 }))) as PixelByteError);
    expect(errors.map((e) => [e.name, e.jobId])).toEqual([
      ["AbortedError", "job_7"],
      ["NotFoundError", "job_7"],
      ["PermissionDeniedError", "job_7"],
      ["WaitTimeoutError", "job_7"],
    ]);
    // wait alone does not know what the job cost.
    expect(errors.every((e) => e.chargedMicroCents === undefined)).toBe(true);
  });
});

describe("against the real test server", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (faults: FaultRule[] = []) => {
    server = await startServer({ port: 0, timing: { pendingMs: 20, processingMs: 20 }, faults });
    return createClient({ apiKey: server.apiKey, baseUrl: server.url, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  };
  const input = { prompt: "a fox", duration: "4", has_sound: "true" } as const;

  test("a job invisible for its first polls: run resolves, charged as quoted", async () => {
    const client = await start([{ kind: "not-found", operations: ["getJob"], count: 2 }]);
    const done = await client.run(KLING, input, { pollIntervalMs: 10, maxPollIntervalMs: 10 });
    expect(done.status).toBe("completed");
    expect(done.costMicroCents).toBe(server!.job(done.jobId)!.costMicroCents);
    expect(done.price).toMatchObject({ quotedMicroCents: 504_000, chargedMicroCents: 504_000, matches: true });
    expect(server!.requests.filter((r) => r.operationId === "getJob").slice(0, 2).map((r) => r.code)).toEqual(["JOB_NOT_FOUND", "JOB_NOT_FOUND"]);
  });

  test("invisible past the grace period: the error names the job the server holds and what it charged", async () => {
    const client = await start([{ kind: "not-found", operations: ["getJob"] }]);
    const err = (await rejectionOf(client.run(KLING, input, { pollIntervalMs: 10, maxPollIntervalMs: 10, notFoundGraceMs: 60 }))) as NotFoundError;
    expect(err).toBeInstanceOf(NotFoundError);
    const held = server!.job(err.jobId!);
    expect(held).toBeDefined();
    expect(err.chargedMicroCents).toBe(held!.costMicroCents);
    expect(err.price?.quotedMicroCents).toBe(504_000);
    expect(server!.spent()).toBe(504_000);
  });

  test("aborted while waiting: the error names the job that keeps running", async () => {
    const client = await start();
    server!.setTiming({ pendingMs: 60_000 });
    const ctrl = new AbortController();
    const pending = client.run(KLING, input, { signal: ctrl.signal, pollIntervalMs: 10 });
    setTimeout(() => ctrl.abort(), 50);
    const err = (await rejectionOf(pending)) as AbortedError;
    expect(err).toBeInstanceOf(AbortedError);
    expect(server!.job(err.jobId!)?.status).toBe("pending");
    expect(err.chargedMicroCents).toBe(504_000);
  });
});
