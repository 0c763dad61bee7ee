import { afterEach, describe, expect, test } from "vitest";
import { AbortedError, ConnectionError, RateLimitError, ServerError, TimeoutError } from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { fakeClock, fixtures, harness, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const GET = "GET /v1/jobs/*";
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

describe("Retry-After", () => {
  test("header in seconds", async () => {
    h = await harness();
    h.server.script(GET, step.error(503, "INTERNAL_ERROR", "busy", { headers: { "retry-after": "2" } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([2_000]);
  });

  test("header as an HTTP date, measured on the client's clock", async () => {
    h = await harness();
    const at = new Date(h.clock.now() + 5_000).toUTCString();
    h.server.script(GET, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "busy", { headers: { "retry-after": at } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([5_000]);
  });

  test("an HTTP date in the past means retry now", async () => {
    h = await harness();
    h.server.script(GET, step.error(503, "INTERNAL_ERROR", "busy", { headers: { "retry-after": new Date(h.clock.now() - 60_000).toUTCString() } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([0]);
  });

  test("retry-after-ms", async () => {
    h = await harness();
    h.server.script(GET, step.error(503, "INTERNAL_ERROR", "busy", { headers: { "retry-after-ms": "1500" } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([1_500]);
  });

  test("error.details.retryAfter (seconds) and a header together: the longer wins", async () => {
    h = await harness();
    h.server.script(GET, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "busy", { details: { retryAfter: 4 }, headers: { "retry-after": "2" } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([4_000]);
  });

  test("a server asking for more than the cap is not retried; the error carries the delay", async () => {
    h = await harness();
    h.server.script(GET, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "busy", { details: { retryAfter: 120 } }));
    const err = (await rejectionOf(h.client.jobs.get("job_1"))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(120_000);
    expect(h.server.count(GET)).toBe(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  test("the cap is configurable", async () => {
    h = await harness({ retry: { maxRetryAfterMs: 200_000 } });
    h.server.script(GET, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "busy", { details: { retryAfter: 120 } }));
    await h.client.jobs.get("job_1");
    expect(h.clock.sleeps).toEqual([120_000]);
  });
});

describe("backoff", () => {
  test("doubles from 500 ms with up to 25 % jitter, capped at 8 s", async () => {
    h = await harness({ maxRetries: 6 });
    h.server.script(GET, ...Array.from({ length: 6 }, () => step.error(500, "INTERNAL_ERROR", "boom")));
    await h.client.jobs.get("job_1");
    // random() = 0.5 takes 12.5 % off each step: 500, 1000, 2000, 4000, 8000, 8000 (capped).
    expect(h.clock.sleeps).toEqual([438, 875, 1_750, 3_500, 7_000, 7_000]);
    expect(h.server.count(GET)).toBe(7);
  });

  test("jitter stays within [75 %, 100 %] of the step", async () => {
    const draws = [0, 0.999, 0.3];
    const clock = fakeClock();
    h = await harness({ maxRetries: 3, clock: { ...clock, random: () => draws.shift() ?? 0 } });
    h.server.script(GET, ...Array.from({ length: 3 }, () => step.error(502, "HTTP_502", "bad gateway")));
    await h.client.jobs.get("job_1");
    expect(clock.sleeps).toEqual([500, Math.round(1000 * (1 - 0.25 * 0.999)), Math.round(2000 * (1 - 0.25 * 0.3))]);
  });

  test("maxRetries 0 on the client, or per call, means one attempt", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.error(500, "INTERNAL_ERROR", "boom"), step.error(500, "INTERNAL_ERROR", "boom"));
    await expect(h.client.jobs.get("job_1")).rejects.toBeInstanceOf(ServerError);
    expect(h.server.count(GET)).toBe(1);
    await h.client.jobs.get("job_1", { maxRetries: 1 });
    expect(h.server.count(GET)).toBe(3);
  });

  test("408 is retried", async () => {
    h = await harness();
    h.server.script(GET, step.error(408, "HTTP_408", "request timeout"));
    await h.client.jobs.get("job_1");
    expect(h.server.count(GET)).toBe(2);
  });

  test.each([
    [400, "INVALID_INPUT"],
    [401, "INVALID_API_KEY"],
    [402, "INSUFFICIENT_BALANCE"],
    [403, "OPERATION_NOT_ALLOWED"],
    [404, "JOB_NOT_FOUND"],
  ])("%i %s is not retried", async (status, code) => {
    h = await harness();
    h.server.script(GET, step.error(status, code, "no"));
    await expect(h.client.jobs.get("job_1")).rejects.toMatchObject({ status, code });
    expect(h.server.count(GET)).toBe(1);
    expect(h.clock.sleeps).toEqual([]);
  });

  test("retries are logged with the delay, never more than maxRetries", async () => {
    h = await harness();
    h.server.script(GET, step.error(500, "INTERNAL_ERROR", "boom"), step.error(500, "INTERNAL_ERROR", "boom"), step.error(500, "INTERNAL_ERROR", "boom"));
    await expect(h.client.jobs.get("job_1")).rejects.toBeInstanceOf(ServerError);
    const infos = h.logs.filter((l) => l.level === "info");
    expect(infos.map((l) => (l.data as { delayMs: number }).delayMs)).toEqual([438, 875]);
    expect(infos[0]!.message).toMatch(/jobs.get: .*boom.*retry 1 of 2 in 438 ms/);
  });
});

describe("never after an abort", () => {
  test("abort during the backoff: AbortedError, no further attempt", async () => {
    const ctrl = new AbortController();
    h = await harness({
      clock: {
        ...fakeClock(),
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
            ctrl.abort(new Error("user gave up"));
          }),
      },
    });
    h.server.script(GET, step.error(500, "INTERNAL_ERROR", "boom"));
    const err = await rejectionOf(h.client.jobs.get("job_1", { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(err.message).toContain("user gave up");
    expect(h.server.count(GET)).toBe(1);
  });

  test("abort while the body is being read is an abort, not a timeout, and not retried", async () => {
    h = await harness();
    h.server.script(GET, step.stallBody());
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 50);
    const err = await rejectionOf(h.client.jobs.get("job_1", { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(h.server.count(GET)).toBe(1);
  });
});

describe("timeouts cover the whole request", () => {
  test("a body that stalls after the headers times out on time", async () => {
    h = await harness({ maxRetries: 0, timeoutMs: 200 });
    h.server.script(GET, step.stallBody());
    const started = Date.now();
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/timed out after 200 ms while reading the response body/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test("no answer at all times out before the response", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.stall());
    const err = await rejectionOf(h.client.jobs.get("job_1", { timeoutMs: 150 }));
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toMatch(/timed out after 150 ms before the response arrived/);
  });

  test("even a fetch that ignores AbortSignal cannot hang the client", async () => {
    h = await harness({ maxRetries: 0, timeoutMs: 200, fetch: (input, init) => globalThis.fetch(input, { ...init, signal: null }) });
    h.server.script(GET, step.stallBody());
    await expect(h.client.jobs.get("job_1")).rejects.toBeInstanceOf(TimeoutError);
  });

  test("a connection error reports whether the request may have left", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.resetAfter());
    const after = (await rejectionOf(h.client.jobs.get("job_1"))) as ConnectionError;
    expect(after.requestSent).toBe(true);
    h.server.resetNextConnections(1);
    const before = (await rejectionOf(h.client.jobs.get("job_1"))) as ConnectionError;
    expect(before.requestSent).toBe(false);
    expect(before.message).toMatch(/before the request was sent/);
  });

  test("success after retries still returns the body of the final answer", async () => {
    h = await harness();
    h.server.script(GET, step.truncate(), step.json(fixtures.job("processing")));
    await expect(h.client.jobs.get("job_1")).resolves.toMatchObject({ status: "processing", progress: 50 });
  });
});
