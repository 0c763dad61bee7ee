import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConfigurationError, createClient, InputValidationError, JobMayExistError, verifyWebhook, WebhookVerificationError, type ClientOptions, type PixelByteClient } from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { API_KEY, fixtures, harness, KLING, KLING_INPUT, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

// Issue 12 §3: every option and id is checked at the boundary. Each bad value is a typed error that
// names what was wrong, and the real server on 127.0.0.1 receives nothing.

noUnhandledRejections();

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.server.close();
});

/** Runs `call` (sync throw or rejection) and returns the error; fails if it succeeds or anything reached the server. */
async function refused(call: () => unknown): Promise<Error> {
  const before = h.server.received.length;
  let error: Error;
  try {
    error = await rejectionOf(Promise.resolve().then(call));
  } finally {
    // Let a request that was (wrongly) started arrive before counting.
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(h.server.received.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  return error;
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v) : typeof v === "number" ? String(v) : (JSON.stringify(v) ?? String(v)));

describe("ids: one plain path segment, or an InputValidationError with nothing sent", () => {
  const BAD_IDS: unknown[] = [
    ".",
    "..",
    "...",
    "",
    "a/b",
    "../jobs",
    "job?x=1",
    "job#frag",
    "%2e%2e",
    "%2E%2E",
    "job%2F1",
    " job_1",
    "job_1 ",
    "job 1",
    "job\t1",
    "job\n1",
    "job\r\n",
    "job\u0000",
    "job\u007f",
    "jöb",
    "job\u202e1",
    "x".repeat(129),
    42,
    null,
    undefined,
    { toString: () => "job_1" },
    ["job_1"],
  ];
  const OPS: [string, (c: PixelByteClient, id: never) => unknown][] = [
    ["jobs.get", (c, id) => c.jobs.get(id)],
    ["jobs.cancel", (c, id) => c.jobs.cancel(id)],
    ["wait", (c, id) => c.wait(id)],
    ["uploads.get", (c, id) => c.uploads.get(id)],
    ["models.get", (c, id) => c.models.get(id)],
    ["providers.models", (c, id) => c.providers.models(id)],
    ["catalog.provider", (c, id) => c.catalog.provider(id)],
  ];

  test.each(OPS)("%s refuses every path-unsafe id", async (_, op) => {
    for (const id of BAD_IDS) {
      const error = await refused(() => op(h.client, id as never));
      expect(error, show(id)).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).rule, show(id)).toBe("id");
    }
  });

  test('jobs.get(".") does not fetch the job list as if it were a job', async () => {
    const error = (await refused(() => h.client.jobs.get("."))) as InputValidationError;
    expect(error.message).toMatch(/jobId must not be "\." or "\.\."/);
  });

  test('jobs.cancel("..") reaches neither GET /v1/ nor POST /v1/cancel', async () => {
    await refused(() => h.client.jobs.cancel(".."));
  });

  test.each([
    "kling-plus/..",
    "../kling-o3-standard",
    "kling-plus/kling-o3-standard/..",
    "kling-plus/%2e%2e",
    "kling-plus/x?y",
    "kling-plus/x#y",
    "kling-plus/ x",
    "kling-plus/",
    "/kling-plus",
    "kling-plus",
    "a/b/c/d",
    "",
  ])("catalog.model(%j) is refused", async (slug) => {
    expect(await refused(() => h.client.catalog.model(slug))).toBeInstanceOf(InputValidationError);
  });

  test.each(["..", ".", "job/1", ""])("a submit answered with jobId %j is JobMayExistError, and run() polls no other path", async (jobId) => {
    h.server.script("POST /v1/jobs/submit", step.json(fixtures.submit(jobId)));
    const before = h.server.received.length;
    const error = await rejectionOf(h.client.run(KLING, KLING_INPUT));
    expect(error).toBeInstanceOf(JobMayExistError);
    expect(error.message).toMatch(/response has a jobId that is not a usable id/);
    expect(h.server.received.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/jobs/submit"]);
  });

  test("real ids are sent as written", async () => {
    // The answer names the job it was asked about (an answer about another job is refused).
    h.server.handle("GET /v1/jobs/*", (req) => step.json(fixtures.job("completed", { jobId: decodeURIComponent(req.path.slice("/v1/jobs/".length)) })));
    const ids = ["job_abc123def456", "3f44e3c6-acd9-4cc3-a91b-e63ec517b383", "a.b", "a~b", "x".repeat(128)];
    for (const id of ids) {
      const before = h.server.received.length;
      await h.client.jobs.get(id);
      expect(h.server.received[before]!.path).toBe(`/v1/jobs/${id}`);
    }
    await h.client.catalog.model("kling-plus/kling-o3-standard/text-to-video");
    expect(h.server.received.at(-1)!.path).toBe("/v1/catalog/models/kling-plus/kling-o3-standard/text-to-video");
  });
});

describe("createClient: every option checked, ConfigurationError naming it", () => {
  const cases: [string, Partial<ClientOptions>][] = [
    ...[Number.NaN, Infinity, -Infinity, -1, 0, 1.5, "60000", 2 ** 31, null].map((v): [string, Partial<ClientOptions>] => ["timeoutMs", { timeoutMs: v as never }]),
    ...[Number.NaN, Infinity, -1, 1.5, "2", 11, null].map((v): [string, Partial<ClientOptions>] => ["maxRetries", { maxRetries: v as never }]),
    ...[Number.NaN, Infinity, -1, 1.5, "5000000", 2 ** 53, null].map((v): [string, Partial<ClientOptions>] => ["budget.limitMicroCents", { budget: { limitMicroCents: v as never } }]),
    ["budget", { budget: null as never }],
    ["budget", { budget: "5000000" as never }],
    ...(["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const).flatMap((k) =>
      [Number.NaN, Infinity, -1, 1.5, "500", 2 ** 31].map((v): [string, Partial<ClientOptions>] => [`retry.${k}`, { retry: { [k]: v } as never }]),
    ),
    ["retry", { retry: null as never }],
    ["clock.now", { clock: { now: 5 as never } }],
    ["clock.sleep", { clock: { sleep: "soon" as never } }],
    ["clock", { clock: null as never }],
    ["onPriceMismatch", { onPriceMismatch: "Throw" as never }],
    ["onPriceMismatch", { onPriceMismatch: "" as never }],
    ["onPriceMismatch", { onPriceMismatch: null as never }],
    ["fetch", { fetch: "fetch" as never }],
    ["baseUrl", { baseUrl: 443 as never }],
  ];
  test.each(cases)("%s: %j", (name, options) => {
    let error: unknown;
    try {
      createClient({ apiKey: API_KEY, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("INVALID_OPTION");
    expect((error as Error).message.startsWith(name)).toBe(true);
  });

  test("null options are a ConfigurationError, not a TypeError", () => {
    expect(() => createClient(null as never)).toThrow(ConfigurationError);
  });

  test.each([Number.NaN, Infinity, "later", undefined])("a clock whose now() returns %s stops wait with a ConfigurationError, nothing sent", async (t) => {
    const client = createClient({ apiKey: API_KEY, baseUrl: h.server.url, clock: { now: () => t as never } });
    const error = await refused(() => client.wait("job_1"));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^clock\.now\(\) must be a finite number/);
  });

  test("a clock whose random() returns NaN is a ConfigurationError at the first retry, not a zero-delay retry", async () => {
    const client = createClient({ apiKey: API_KEY, baseUrl: h.server.url, clock: { random: () => Number.NaN, sleep: async () => {} } });
    h.server.script("GET /v1/jobs/*", step.error(503, "SERVICE_UNAVAILABLE", "busy"));
    const before = h.server.count("GET /v1/jobs/*");
    const error = await rejectionOf(client.jobs.get("job_1"));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^clock\.random\(\)/);
    expect(h.server.count("GET /v1/jobs/*") - before).toBe(1);
  });
});

describe("per-call options: checked before the first request of every method", () => {
  const BAD: [string, Record<string, unknown>][] = [
    ...[Number.NaN, Infinity, -1, 0, 1.5, "1000", 2 ** 31, null].map((v): [string, Record<string, unknown>] => ["timeoutMs", { timeoutMs: v }]),
    ...[Number.NaN, Infinity, -1, 1.5, "1", 11, null].map((v): [string, Record<string, unknown>] => ["maxRetries", { maxRetries: v }]),
    ["signal", { signal: {} }],
    ["signal", { signal: "abort" }],
    ["signal", { signal: null }],
  ];
  const OPS: [string, (c: PixelByteClient, o: never) => unknown][] = [
    ["submit", (c, o) => c.submit(KLING, KLING_INPUT, o)],
    ["run", (c, o) => c.run(KLING, KLING_INPUT, o)],
    ["estimate", (c, o) => c.estimate(KLING, KLING_INPUT, o)],
    ["jobs.get", (c, o) => c.jobs.get("job_1", o)],
    ["jobs.cancel", (c, o) => c.jobs.cancel("job_1", o)],
    ["jobs.list", async (c, o) => {
      for await (const _ of c.jobs.list(o)) break;
    }],
    ["uploads.upload", (c, o) => c.uploads.upload(new Uint8Array([1]), { filename: "a.png", contentType: "image/png", ...(o as object) })],
    ["uploads.get", (c, o) => c.uploads.get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383", o)],
    ["catalog.models", (c, o) => c.catalog.models(o)],
    ["models.list", (c, o) => c.models.list(o)],
  ];

  test.each(OPS)("%s", async (_, op) => {
    for (const [name, options] of BAD) {
      const error = await refused(() => op(h.client, options as never));
      expect(error, `${name} ${show(Object.values(options)[0])}`).toBeInstanceOf(ConfigurationError);
      expect(error.message.startsWith(name), error.message).toBe(true);
    }
  });

  test.each([Number.NaN, Infinity, -1, 1.5, "300000", 2 ** 53, null])("maxCostMicroCents %s: ConfigurationError before anything is priced or sent", async (max) => {
    const error = await refused(() => h.client.submit(KLING, KLING_INPUT, { maxCostMicroCents: max as never }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^maxCostMicroCents must be an integer from 0/);
  });

  test.each([0, 101, -1, Number.NaN, Infinity, 1.5, "10", null])("jobs.list limit %s: InputValidationError, nothing sent", async (limit) => {
    const error = await refused(() => h.client.jobs.list({ limit: limit as never }));
    expect(error).toMatchObject({ name: "InputValidationError", field: "limit" });
  });

  // The status filter is an enum of the spec and the model filter a slug: a wrong one was sent and
  // came back as the server's 400 (or a 431 for a 300 KB value) instead of being refused here.
  test.each(["bogus", "PENDING", "pending ", "", "constructor", "__proto__", 5, null, ["pending"], "p".repeat(300_000)].map((v) => [show(v), v] as const))("jobs.list status %s: InputValidationError, nothing sent", async (_label, status) => {
    const error = await refused(() => h.client.jobs.list({ status: status as never }));
    expect(error).toMatchObject({ name: "InputValidationError", field: "status" });
    expect(error.message).toContain("must be one of pending, processing, completed, failed, cancelled");
    expect(error.message.length).toBeLessThan(400);
  });

  test.each(["", 5, null, { slug: KLING }, "m".repeat(300_000), `${KLING}\n`, "kling-plus/\u0000"].map((v) => [show(v), v] as const))("jobs.list model %s: InputValidationError, nothing sent", async (_label, model) => {
    const error = await refused(() => h.client.jobs.list({ model: model as never }));
    expect(error).toMatchObject({ name: "InputValidationError", field: "model" });
    expect(error.message.length).toBeLessThan(400);
  });

  test("jobs.list with every status and a model slug the SDK does not know still asks the server", async () => {
    h.server.handle("GET /v1/jobs", step.json(fixtures.jobList()));
    for (const status of ["pending", "processing", "completed", "failed", "cancelled"] as const) {
      for await (const _ of h.client.jobs.list({ status, model: "retired-provider/old-model" })) break;
    }
    expect(h.server.received.filter((r) => r.path === "/v1/jobs")).toHaveLength(5);
  });

  test("uploads.upload with a 300 KB content type: a short message, nothing sent", async () => {
    const error = await refused(() => h.client.uploads.upload(new Uint8Array(1), { filename: "a.png", contentType: `image/${"p".repeat(300_000)}` as never }));
    expect(error).toMatchObject({ name: "InputValidationError", field: "contentType" });
    expect(error.message.length).toBeLessThan(400);
  });
});

describe("wait and run: their own options, checked before the first poll and before the paid submit", () => {
  const WAIT: [string, Record<string, unknown>][] = [
    ...[Number.NaN, Infinity, -1, 0, 1.5, "600000", 2 ** 31].map((v): [string, Record<string, unknown>] => ["timeoutMs", { timeoutMs: v }]),
    ...[Number.NaN, Infinity, -1, 0, 0.5].map((v): [string, Record<string, unknown>] => ["pollIntervalMs", { pollIntervalMs: v }]),
    ...[Number.NaN, -1, 0].map((v): [string, Record<string, unknown>] => ["maxPollIntervalMs", { maxPollIntervalMs: v }]),
    ["onProgress", { onProgress: "console.log" }],
    ["signal", { signal: {} }],
  ];

  test.each(WAIT)("wait %s: %j", async (name, options) => {
    const error = await refused(() => h.client.wait("job_1", options as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message.startsWith(name), error.message).toBe(true);
  });

  test.each(WAIT.map(([name, o]): [string, Record<string, unknown>] => (name === "timeoutMs" ? ["waitTimeoutMs", { waitTimeoutMs: o["timeoutMs"] }] : [name, o])))(
    "run %s: %j (no job is submitted)",
    async (name, options) => {
      const error = await refused(() => h.client.run(KLING, KLING_INPUT, options as never));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message.startsWith(name), error.message).toBe(true);
    },
  );
});

describe("uploads.upload: the file name is one plain name", () => {
  test.each(["a/b.png", "..\\x.png", `${"x".repeat(252)}.png`, "cat\n.png", "cat\u0000.png", "cat\u001b[31m.png"])("%j is refused, nothing sent", async (filename) => {
    const error = await refused(() => h.client.uploads.upload(new Uint8Array([1]), { filename, contentType: "image/png" }));
    expect(error).toMatchObject({ name: "InputValidationError", field: "filename" });
  });

  test("null options are a ConfigurationError", async () => {
    expect(await refused(() => h.client.uploads.upload(new Uint8Array([1]), null as never))).toBeInstanceOf(ConfigurationError);
  });
});

describe("verifyWebhook: replay protection is never silently off", () => {
  const SECRET = "whsec_bounds_7c1e";
  const NOW_SEC = 1_771_426_800;
  const body = JSON.stringify({ jobId: "job_1", status: "completed", output: {}, completedAt: "2026-02-18T12:00:00.000Z" });
  const signed = (ts: number) => ({
    "x-pixelbyte-signature": `sha256=${createHmac("sha256", SECRET).update(`${ts}.${body}`).digest("hex")}`,
    "x-pixelbyte-timestamp": String(ts),
  });
  const DAY_OLD = signed(NOW_SEC - 86_400);
  const now = () => NOW_SEC * 1000;

  test.each([Number.NaN, Number(process.env["PIXELBYTE_SURELY_UNSET_TOLERANCE"]), Infinity, -Infinity, -1, 1.5, "300", 86_401, null])(
    "toleranceSec %s is a ConfigurationError (a correctly signed day-old delivery is not accepted)",
    async (toleranceSec) => {
      const error = await rejectionOf(verifyWebhook(body, DAY_OLD, SECRET, { toleranceSec: toleranceSec as never, now }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(/^toleranceSec must be an integer from 0 to 86400/);
    },
  );

  // A delivery signed with a secret anyone can guess proves nothing: a blank or one-letter secret
  // (an env var set to " ", a placeholder "x") or an unset one during a rotation was accepted or
  // silently skipped. The message never quotes the secret.
  const forgedWith = (secret: string) => ({
    "x-pixelbyte-signature": `sha256=${createHmac("sha256", secret).update(`${NOW_SEC}.${body}`).digest("hex")}`,
    "x-pixelbyte-timestamp": String(NOW_SEC),
  });
  test.each<[string, unknown, string]>([
    ["a blank secret", "   ", "   "],
    ["a one-letter secret", "x", "x"],
    ["a 7-character secret", "whsec_1", "whsec_1"],
    ["a blank secret beside the real one", ["  ", SECRET], "  "],
    ["a short secret beside the real one", ["x", SECRET], "x"],
    ["an empty secret beside the real one", ["", SECRET], SECRET],
    ["an unset secret (undefined) beside the real one", [undefined, SECRET], SECRET],
    ["a number beside the real one", [12345678, SECRET], SECRET],
    ["a String object", new String(SECRET), SECRET],
  ])("%s is a ConfigurationError, and a delivery signed with it is not accepted", async (_name, secret, signer) => {
    const error = await rejectionOf(verifyWebhook(body, forgedWith(signer), secret as never, { now }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^secret(\[\d\])? /);
    if (typeof secret === "string" && secret.trim() !== "") expect(error.message).not.toContain(secret);
  });

  test("rotation: two real secrets still verify a delivery signed with either", async () => {
    const other = "whsec_rotated_91b2";
    await expect(verifyWebhook(body, forgedWith(other), [SECRET, other], { now })).resolves.toMatchObject({ jobId: "job_1" });
    await expect(verifyWebhook(body, forgedWith(SECRET), [SECRET, other], { now })).resolves.toMatchObject({ jobId: "job_1" });
  });

  test.each([Number.NaN, Infinity, -Infinity, "1771426800000", undefined, null])("a clock returning %s is a ConfigurationError", async (t) => {
    const error = await rejectionOf(verifyWebhook(body, signed(NOW_SEC), SECRET, { now: () => t as never }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^now\(\) must be a finite number/);
  });

  test("now that is not a function, and null options, are ConfigurationErrors", async () => {
    expect(await rejectionOf(verifyWebhook(body, signed(NOW_SEC), SECRET, { now: 5 as never }))).toBeInstanceOf(ConfigurationError);
    expect(await rejectionOf(verifyWebhook(body, signed(NOW_SEC), SECRET, null as never))).toBeInstanceOf(ConfigurationError);
  });

  test.each<[string, unknown, unknown]>([
    ["secret null", null, signed(NOW_SEC)],
    ["secret 42", 42, signed(NOW_SEC)],
    ["headers null", SECRET, null],
    ["headers a string", SECRET, "x-pixelbyte-timestamp: 1"],
  ])("%s is a WebhookVerificationError, not a TypeError", async (_, secret, headers) => {
    expect(await rejectionOf(verifyWebhook(body, headers as never, secret as never, { now }))).toBeInstanceOf(WebhookVerificationError);
  });

  test("valid tolerances still work at their edges", async () => {
    await expect(verifyWebhook(body, signed(NOW_SEC), SECRET, { toleranceSec: 0, now })).resolves.toMatchObject({ jobId: "job_1" });
    await expect(verifyWebhook(body, DAY_OLD, SECRET, { toleranceSec: 86_400, now })).resolves.toMatchObject({ jobId: "job_1" });
    await expect(verifyWebhook(body, DAY_OLD, SECRET, { toleranceSec: 86_399, now })).rejects.toMatchObject({ code: "WEBHOOK_TIMESTAMP_TOO_OLD" });
  });
});
