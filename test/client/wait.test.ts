import { afterEach, describe, expect, test } from "vitest";
import {
  AbortedError,
  JobCancelledError,
  JobFailedError,
  JobMayExistError,
  NotFoundError,
  UnexpectedJobStatusError,
  WaitTimeoutError,
  type Job,
} from "@pixelbyte/client";
import { step, type Step } from "./helpers/fault-server.js";
import { fixtures, harness, KLING, KLING_INPUT, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const GET = "GET /v1/jobs/*";
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

const job = (status: string, extra: Record<string, unknown> = {}): Step => step.json(fixtures.job(status, extra));

describe("wait", () => {
  test("settles on completed with typed outputs, reporting progress once per change", async () => {
    h = await harness();
    h.server.script(GET, job("pending"), job("processing"), job("processing"), job("completed"));
    const seen: [string, number][] = [];
    const done = await h.client.wait("job_1", { onProgress: (j) => seen.push([j.status, j.progress]) });
    expect(done.status).toBe("completed");
    expect(done.output).toBe("https://cdn.muvi.video/outputs/job_1/output_0.mp4");
    expect(done.outputs).toEqual([
      { url: "https://cdn.muvi.video/outputs/job_1/output_0.mp4", type: "video", thumbnail: "https://cdn.muvi.video/t.jpg", posterImage: "https://cdn.muvi.video/p.jpg" },
    ]);
    expect(seen).toEqual([
      ["pending", 0],
      ["processing", 50],
      ["completed", 100],
    ]);
    // The interval resets on a change and grows ×1.5 while nothing changes.
    expect(h.clock.sleeps).toEqual([1_000, 1_000, 1_500]);
    expect(h.server.count(GET)).toBe(4);
  });

  test("polling backs off up to maxPollIntervalMs", async () => {
    h = await harness();
    h.server.script(GET, ...Array.from({ length: 6 }, () => job("pending")), job("completed"));
    await h.client.wait("job_1", { pollIntervalMs: 400, maxPollIntervalMs: 1_000 });
    expect(h.clock.sleeps).toEqual([400, 600, 900, 1_000, 1_000, 1_000]);
  });

  test("a completed job with null outputs still resolves with an array", async () => {
    h = await harness();
    h.server.script(GET, job("completed", { outputs: null, output: null }));
    const done = await h.client.wait("job_1");
    expect(done.outputs).toEqual([]);
    expect(done.output).toBeNull();
  });

  test("failed: JobFailedError with the job's own error code and message", async () => {
    h = await harness();
    h.server.script(GET, job("processing"), job("failed"));
    const err = (await rejectionOf(h.client.wait("job_1"))) as JobFailedError;
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err.code).toBe("GENERATION_FAILED");
    expect(err.jobId).toBe("job_1");
    expect(err.message).toContain("The model failed to generate the requested output. Credits have been refunded.");
    expect(err.job.status).toBe("failed");
  });

  test("cancelled: JobCancelledError", async () => {
    h = await harness();
    h.server.script(GET, job("cancelled"));
    const err = await rejectionOf(h.client.wait("job_1"));
    expect(err).toBeInstanceOf(JobCancelledError);
    expect(err).toMatchObject({ code: "JOB_CANCELLED", jobId: "job_1" });
  });

  test("an unknown status is a typed error, not an endless wait", async () => {
    h = await harness();
    h.server.script(GET, job("queued_for_review"));
    const err = await rejectionOf(h.client.wait("job_1"));
    expect(err).toBeInstanceOf(UnexpectedJobStatusError);
    expect(err.message).toContain('"queued_for_review"');
    expect(h.server.count(GET)).toBe(1);
  });

  test("the deadline is real: WaitTimeoutError with the last state, and the number of polls is bounded", async () => {
    h = await harness();
    h.server.handle(GET, job("processing"));
    const err = (await rejectionOf(h.client.wait("job_1", { timeoutMs: 10_000, pollIntervalMs: 1_000 }))) as WaitTimeoutError;
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(err.jobId).toBe("job_1");
    expect(err.lastJob?.status).toBe("processing");
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(h.server.count(GET)).toBe(h.clock.sleeps.length);
  });

  test("the deadline also cuts a poll that hangs (real clock)", async () => {
    h = await harness({ clock: {} });
    h.server.handle(GET, step.stall());
    const started = Date.now();
    const err = await rejectionOf(h.client.wait("job_1", { timeoutMs: 300 }));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("poll failures that say nothing about the job are waited out", async () => {
    h = await harness();
    // Three 500s exhaust one poll's retries; wait polls again and sees the job finish.
    h.server.script(GET, step.error(500, "INTERNAL_ERROR", "a"), step.error(500, "INTERNAL_ERROR", "b"), step.error(500, "INTERNAL_ERROR", "c"), job("completed"));
    await expect(h.client.wait("job_1")).resolves.toMatchObject({ status: "completed" });
    expect(h.server.count(GET)).toBe(4);
    expect(h.logs.some((l) => l.level === "info" && l.message.includes("polling again"))).toBe(true);
  });

  test("a definitive error (404) ends the wait at once", async () => {
    h = await harness();
    h.server.script(GET, step.error(404, "JOB_NOT_FOUND", "Job not found"));
    await expect(h.client.wait("job_1")).rejects.toBeInstanceOf(NotFoundError);
    expect(h.server.count(GET)).toBe(1);
  });

  test("abort between polls", async () => {
    const ctrl = new AbortController();
    h = await harness();
    let polls = 0;
    h.server.handle(GET, () => {
      if (++polls === 2) ctrl.abort();
      return job("processing");
    });
    const err = await rejectionOf(h.client.wait("job_1", { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(polls).toBe(2);
  });
});

describe("run = submit + wait", () => {
  test("one submit, then polls until completed", async () => {
    h = await harness();
    h.server.script(GET, job("pending"), job("completed"));
    const statuses: Job["status"][] = [];
    const done = await h.client.run(KLING, KLING_INPUT, { onProgress: (j) => statuses.push(j.status) });
    expect(done.outputs[0]?.type).toBe("video");
    expect(statuses).toEqual(["pending", "completed"]);
    expect(h.server.count("POST /v1/jobs/submit")).toBe(1);
    expect(h.server.received.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/jobs/submit", "GET /v1/jobs/job_1", "GET /v1/jobs/job_1"]);
  });

  test("a failed job rejects with JobFailedError naming the job", async () => {
    h = await harness();
    h.server.script(GET, job("failed"));
    await expect(h.client.run(KLING, KLING_INPUT)).rejects.toMatchObject({ name: "JobFailedError", jobId: "job_1" });
  });

  test("waitTimeoutMs bounds the wait part", async () => {
    h = await harness();
    h.server.handle(GET, job("pending"));
    await expect(h.client.run(KLING, KLING_INPUT, { waitTimeoutMs: 3_000 })).rejects.toBeInstanceOf(WaitTimeoutError);
    expect(h.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(3_000);
  });

  test("an ambiguous submit never polls a job it does not know", async () => {
    h = await harness();
    h.server.script("POST /v1/jobs/submit", step.resetAfter());
    await expect(h.client.run(KLING, KLING_INPUT)).rejects.toBeInstanceOf(JobMayExistError);
    expect(h.server.count(GET)).toBe(0);
  });
});
