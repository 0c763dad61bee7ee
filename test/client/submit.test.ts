import { afterEach, describe, expect, test, vi } from "vitest";
import {
  AbortedError,
  BudgetExceededError,
  createClient,
  InputValidationError,
  InvalidRequestError,
  InvalidResponseError,
  JobMayExistError,
  PriceMismatchError,
  PriceUnavailableError,
  RateLimitError,
  type ModelSlug,
  type PriceMismatch,
} from "@pixelbyte/client";
import { guardBudget } from "../../packages/client/src/core/budget.js";
import { startFaultServer, step, type FaultServer } from "./helpers/fault-server.js";
import { answerEverything, API_KEY, fixtures, harness, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const SUBMIT = "POST /v1/jobs/submit";
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

/** Casts past the compiler, as a JavaScript caller would. */
const loose = (input: Record<string, unknown>) => input as never;

describe("input validation before any request", () => {
  test.each([
    ["unknown field", { prompt: "p", has_sond: "true" }, "input.has_sond", "additionalProperties", /did you mean "has_sound"/],
    ["value outside the enum", { prompt: "p", duration: "16" }, "input.duration", "enum", /must be one of "3", "4".*"15" \(got "16"\)/],
    ["boolean where the model wants the string \"true\"", { prompt: "p", has_sound: true }, "input.has_sound", "type", /must be a string \(got true \(a boolean\)\)/],
    ["missing required prompt", { duration: "5" }, "input.prompt", "required", /is required/],
    ["prompt over maxLength", { prompt: "x".repeat(2501) }, "input.prompt", "maxLength", /at most 2500 characters \(got 2501\)/],
    ["nested item of the wrong type", { prompt: "p", multishot: [{ prompt: "a", duration: 2.5 }] }, "input.multishot[0].duration", "type", /must be an integer/],
    ["nested item over its maximum", { prompt: "p", multishot: [{ prompt: "a", duration: 16 }] }, "input.multishot[0].duration", "maximum", /<= 15/],
  ])("%s: typed error naming the field, nothing sent", async (_name, input, field, rule, message) => {
    h = await harness();
    const err = await rejectionOf(h.client.submit(KLING, loose(input)));
    expect(err).toBeInstanceOf(InputValidationError);
    const v = err as InputValidationError;
    expect(v.field).toBe(field);
    expect(v.rule).toBe(rule);
    expect(v.code).toBe("INVALID_INPUT");
    expect(v.message).toMatch(message);
    expect(v.message).toContain(KLING);
    expect(h.server.received).toHaveLength(0);
  });

  test("the enum error lists the allowed values", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, loose({ prompt: "p", duration: "16" })))) as InputValidationError;
    expect(err.allowed).toEqual(["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]);
  });

  test("an unknown slug is refused with a suggestion, nothing sent", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit("kling-plus/kling-o3-standard/text-to-vide" as ModelSlug, loose({ prompt: "p" })))) as InputValidationError;
    expect(err).toBeInstanceOf(InputValidationError);
    expect(err.field).toBe("model");
    expect(err.message).toContain(`did you mean "${KLING}"`);
    expect(h.server.received).toHaveLength(0);
  });

  test("all problems are reported, the first in the message", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, loose({ duration: "99", color: "red" })))) as InputValidationError;
    expect(err.issues.map((i) => i.path).sort()).toEqual(["input.color", "input.duration", "input.prompt"]);
    expect(err.message).toMatch(/\(and 2 more\)/);
  });

  test.each(["http://example.com/hook", "example.com/hook", "ftp://example.com", ""])("webhookUrl %j is refused before sending", async (url) => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, KLING_INPUT, { webhookUrl: url }))) as InputValidationError;
    expect(err).toBeInstanceOf(InputValidationError);
    expect(err.field).toBe("webhookUrl");
    expect(err.rule).toBe("https");
    expect(h.server.received).toHaveLength(0);
  });

  test("a valid https webhookUrl and version are sent with model and input", async () => {
    h = await harness();
    await h.client.submit(KLING, KLING_INPUT, { webhookUrl: "https://example.com/hooks/pb", version: "v1.0" });
    const req = h.server.received[0]!;
    expect(JSON.parse(req.body)).toEqual({ model: KLING, input: KLING_INPUT, webhookUrl: "https://example.com/hooks/pb", version: "v1.0" });
    expect(req.headers["authorization"]).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["x-api-key"]).toBeUndefined();
    expect(req.headers["content-type"]).toBe("application/json");
  });
});

describe("budget guard", () => {
  test("maxCostMicroCents below the exact price: typed error, nothing sent", async () => {
    h = await harness();
    const err = (await rejectionOf(h.client.submit(KLING, KLING_INPUT, { maxCostMicroCents: KLING_PRICE - 1 }))) as BudgetExceededError;
    expect(err).toBeInstanceOf(BudgetExceededError);
    expect(err.budget).toMatchObject({ scope: "call", limitMicroCents: KLING_PRICE - 1, priceMicroCents: KLING_PRICE, exactMicroCents: "1260000" });
    expect(err.message).toContain("1260000");
    expect(h.server.received).toHaveLength(0);
  });

  test("maxCostMicroCents equal to the price is allowed", async () => {
    h = await harness();
    await expect(h.client.submit(KLING, KLING_INPUT, { maxCostMicroCents: KLING_PRICE })).resolves.toMatchObject({ jobId: "job_1" });
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("the cumulative client budget stops the call that would overshoot, before sending", async () => {
    h = await harness({ budget: { limitMicroCents: 2_000_000 } });
    await h.client.submit(KLING, KLING_INPUT);
    expect(h.client.budget).toEqual({ limitMicroCents: 2_000_000, spentMicroCents: KLING_PRICE, reservedMicroCents: 0, remainingMicroCents: 740_000 });
    const err = (await rejectionOf(h.client.submit(KLING, KLING_INPUT))) as BudgetExceededError;
    expect(err.budget).toMatchObject({ scope: "client", spentMicroCents: KLING_PRICE, priceMicroCents: KLING_PRICE });
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("concurrent submits cannot overshoot together: the price is reserved before sending", async () => {
    h = await harness({ budget: { limitMicroCents: 2_000_000 } });
    const results = await Promise.allSettled([h.client.submit(KLING, KLING_INPUT), h.client.submit(KLING, KLING_INPUT)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(BudgetExceededError);
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("a rejected submit (4xx) gives its reservation back", async () => {
    h = await harness({ budget: { limitMicroCents: 2_000_000 } });
    h.server.script(SUBMIT, step.error(402, "INSUFFICIENT_BALANCE", "Not enough credits"));
    await expect(h.client.submit(KLING, KLING_INPUT)).rejects.toThrow(/Not enough credits/);
    expect(h.client.budget).toMatchObject({ spentMicroCents: 0, reservedMicroCents: 0 });
  });

  test("a submit that may have created a job keeps its price counted", async () => {
    h = await harness({ budget: { limitMicroCents: 2_000_000 } });
    h.server.script(SUBMIT, step.error(500, "INTERNAL_ERROR", "boom"));
    await expect(h.client.submit(KLING, KLING_INPUT)).rejects.toBeInstanceOf(JobMayExistError);
    expect(h.client.budget).toMatchObject({ spentMicroCents: KLING_PRICE, reservedMicroCents: 0 });
  });

  test("the budget counts what the server charged", async () => {
    h = await harness({ budget: { limitMicroCents: 2_000_000 }, onPriceMismatch: "ignore" });
    h.server.script(SUBMIT, step.json(fixtures.submit("job_1", 1_000_000)));
    await h.client.submit(KLING, KLING_INPUT);
    expect(h.client.budget?.spentMicroCents).toBe(1_000_000);
  });

  test("a budget with no computable price fails closed", () => {
    const unpriced = { slug: "acme/unpriced/text-to-video" };
    expect(() => guardBudget(unpriced, { prompt: "p" }, 1_000_000, undefined)).toThrow(PriceUnavailableError);
    expect(guardBudget(unpriced, { prompt: "p" }, undefined, undefined)).toMatchObject({ quote: undefined, noQuoteReason: expect.stringContaining("no local price") });
  });

  test.each([Number.NaN, -1, 1.5])("a maxCostMicroCents of %s is a configuration error, not a free pass", async (max) => {
    h = await harness();
    await expect(h.client.submit(KLING, KLING_INPUT, { maxCostMicroCents: max })).rejects.toThrow(/maxCostMicroCents must be an integer from 0 to/);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("quote vs charge", () => {
  const overcharge = (server: FaultServer) => server.script(SUBMIT, step.json(fixtures.submit("job_9", 1_300_000)));

  test("a matching charge is reported as a match, no warning", async () => {
    h = await harness();
    const res = await h.client.submit(KLING, KLING_INPUT);
    expect(res.price).toMatchObject({ quotedMicroCents: KLING_PRICE, chargedMicroCents: KLING_PRICE, matches: true });
    expect(res.price?.quote.exactMicroCents).toBe("1260000");
    expect(h.logs.filter((l) => l.level === "warn")).toEqual([]);
  });

  test("default: a logger warning with both numbers, and the result says so", async () => {
    h = await harness();
    overcharge(h.server);
    const res = await h.client.submit(KLING, KLING_INPUT);
    expect(res.price).toMatchObject({ quotedMicroCents: KLING_PRICE, chargedMicroCents: 1_300_000, matches: false });
    const warns = h.logs.filter((l) => l.level === "warn");
    expect(warns).toHaveLength(1);
    expect(warns[0]!.message).toContain("1300000");
    expect(warns[0]!.message).toContain("1260000");
    expect(warns[0]!.data).toMatchObject({ jobId: "job_9", quotedMicroCents: KLING_PRICE, chargedMicroCents: 1_300_000 });
  });

  test("without a logger the warning goes to console.warn", async () => {
    h = await harness({ logger: undefined });
    overcharge(h.server);
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await h.client.submit(KLING, KLING_INPUT);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toContain("1300000");
    } finally {
      spy.mockRestore();
    }
  });

  test('"throw": PriceMismatchError naming the job that exists', async () => {
    h = await harness({ onPriceMismatch: "throw" });
    overcharge(h.server);
    const err = (await rejectionOf(h.client.submit(KLING, KLING_INPUT))) as PriceMismatchError;
    expect(err).toBeInstanceOf(PriceMismatchError);
    expect(err).toMatchObject({ jobId: "job_9", quotedMicroCents: KLING_PRICE, chargedMicroCents: 1_300_000, requestId: "req_submit" });
    expect(err.message).toMatch(/job_9.*1300000.*1260000.*keeps running/);
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("a callback receives the mismatch; ignore stays silent", async () => {
    const seen: PriceMismatch[] = [];
    h = await harness({ onPriceMismatch: (m) => seen.push(m) });
    overcharge(h.server);
    await h.client.submit(KLING, KLING_INPUT);
    expect(seen).toEqual([{ model: KLING, jobId: "job_9", quotedMicroCents: KLING_PRICE, exactMicroCents: "1260000", chargedMicroCents: 1_300_000, requestId: "req_submit" }]);
    await h.server.close();

    h = await harness({ onPriceMismatch: "ignore" });
    overcharge(h.server);
    await h.client.submit(KLING, KLING_INPUT);
    expect(h.logs.filter((l) => l.level === "warn")).toEqual([]);
  });
});

describe("submit is never retried blindly (decision 6 in docs/decisions.md)", () => {
  test("429 CONCURRENT_JOBS_EXCEEDED with a Retry-After header waits that long, then one job", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "Too many jobs", { headers: { "retry-after": "7" } }));
    await h.client.submit(KLING, KLING_INPUT);
    expect(h.clock.sleeps).toEqual([7_000]);
    expect(h.server.count(SUBMIT)).toBe(2);
  });

  test("a 429 with another code (not proven harmless) is not retried", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.error(429, "SLOW_DOWN", "slow down", { details: { retryAfter: 1 } }));
    await expect(h.client.submit(KLING, KLING_INPUT)).rejects.toBeInstanceOf(RateLimitError);
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("a 503 without PUBSUB_PUBLISH_FAILED may have created a job", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.error(503, "INTERNAL_ERROR", "overloaded"));
    await expect(h.client.submit(KLING, KLING_INPUT)).rejects.toBeInstanceOf(JobMayExistError);
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("a connection refused before sending is retried: the server was restarting", async () => {
    // Take a free port, leave it closed for the first attempt, start the server during the backoff.
    const probe = await startFaultServer();
    const port = probe.port;
    await probe.close();
    let server: FaultServer | undefined;
    const sleeps: number[] = [];
    const clock = {
      now: () => 0,
      random: () => 0.5,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        server = await startFaultServer({ port });
        answerEverything(server);
      },
    };
    const client = createClient({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, clock });
    try {
      await expect(client.submit(KLING, KLING_INPUT)).resolves.toMatchObject({ jobId: "job_1" });
      expect(sleeps).toEqual([438]);
      expect(server!.count(SUBMIT)).toBe(1);
    } finally {
      await server?.close();
    }
  });

  test("4xx answers are final and say why", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.error(400, "INVALID_WEBHOOK_URL", "webhookUrl must use https", { requestId: "req_hook" }));
    const err = await rejectionOf(h.client.submit(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({ code: "INVALID_WEBHOOK_URL", status: 400, requestId: "req_hook" });
    expect(err.message).toContain("webhookUrl must use https");
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("a 200 without a jobId: the job exists but cannot be followed", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.json({ status: "pending" }));
    const err = (await rejectionOf(h.client.submit(KLING, KLING_INPUT))) as JobMayExistError;
    expect(err).toBeInstanceOf(JobMayExistError);
    expect(err.cause).toBeInstanceOf(InvalidResponseError);
  });
});

describe("abort", () => {
  test("an already aborted signal sends nothing", async () => {
    h = await harness();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(h.client.submit(KLING, KLING_INPUT, { signal: ctrl.signal })).rejects.toBeInstanceOf(AbortedError);
    await expect(h.client.jobs.get("job_1", { signal: ctrl.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(h.server.received).toHaveLength(0);
    expect(h.server.resetConnections).toBe(0);
  });

  test("aborting a submit in flight cannot unsend it: JobMayExistError caused by the abort", async () => {
    h = await harness();
    h.server.script(SUBMIT, { kind: "json", status: 200, body: fixtures.submit(), delayMs: 400 });
    const ctrl = new AbortController();
    const p = h.client.submit(KLING, KLING_INPUT, { signal: ctrl.signal });
    await vi.waitFor(() => expect(h.server.count(SUBMIT)).toBe(1));
    ctrl.abort();
    const err = (await rejectionOf(p)) as JobMayExistError;
    expect(err).toBeInstanceOf(JobMayExistError);
    expect(err.cause).toBeInstanceOf(AbortedError);
  });

  test("aborting during a retry delay stops the submit without another attempt", async () => {
    const ctrl = new AbortController();
    h = await harness({
      clock: {
        now: () => 0,
        random: () => 0.5,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
            ctrl.abort();
          }),
      },
    });
    h.server.script(SUBMIT, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "busy", { details: { retryAfter: 1 } }));
    const err = await rejectionOf(h.client.submit(KLING, KLING_INPUT, { signal: ctrl.signal }));
    expect(err).toBeInstanceOf(AbortedError);
    expect(err).not.toBeInstanceOf(JobMayExistError);
    expect(h.server.count(SUBMIT)).toBe(1);
  });
});

describe("envelopes and request ids", () => {
  test("a wrapped {success, data, requestId} submit body works like the flat one", async () => {
    h = await harness();
    const { requestId: _drop, ...flat } = fixtures.submit("job_w");
    h.server.script(SUBMIT, step.wrapped(flat, "req_wrapped_submit"));
    const res = await h.client.submit(KLING, KLING_INPUT);
    expect(res).toMatchObject({ jobId: "job_w", status: "pending", costMicroCents: KLING_PRICE, requestId: "req_wrapped_submit" });
    expect(res.price?.matches).toBe(true);
  });

  test("the flat body's own requestId is exposed", async () => {
    h = await harness();
    expect((await h.client.submit(KLING, KLING_INPUT)).requestId).toBe("req_submit");
  });
});
