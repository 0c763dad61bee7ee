// Issue 12 §6: a 2xx is accepted only when it has the fields the typed result promises. A body
// missing an id or a status, or carrying a field of the wrong kind, is an InvalidResponseError
// that keeps the request id, never a typed object with holes.
import { afterEach, describe, expect, test } from "vitest";
import { InvalidResponseError, JobMayExistError, type PixelByteClient } from "@pixelbyte/client";
import { step, type FaultServer } from "./helpers/fault-server.js";
import { fixtures, harness, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

const without = <T extends object>(o: T, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const collect = async (it: AsyncIterable<unknown>) => {
  const all = [];
  for await (const x of it) all.push(x);
  return all;
};
const upload = (c: PixelByteClient) => c.uploads.upload(new Uint8Array([1, 2, 3]), { filename: "cat.png", contentType: "image/png" });

interface Case {
  readonly op: string;
  readonly route: string;
  readonly body: (server: FaultServer) => unknown;
  readonly call: (c: PixelByteClient) => Promise<unknown>;
  readonly says: RegExp;
}

const job = fixtures.job("completed");
const cases: Case[] = [
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => without(job, "jobId"), call: (c) => c.jobs.get("job_1"), says: /has no jobId/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => without(job, "status"), call: (c) => c.jobs.get("job_1"), says: /has no status/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({ ...job, jobId: "" }), call: (c) => c.jobs.get("job_1"), says: /jobId an empty string, expected a non-empty string/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({ ...job, status: 3 }), call: (c) => c.jobs.get("job_1"), says: /status 3 \(a number\), expected a string/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({ ...job, progress: "100" }), call: (c) => c.jobs.get("job_1"), says: /progress a string, expected a number/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({ ...job, outputs: "https://x" }), call: (c) => c.jobs.get("job_1"), says: /outputs a string, expected an array or null/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({ ...job, jobId: "job_2" }), call: (c) => c.jobs.get("job_1"), says: /asked about job "job_1".*about another job/ },
  { op: "jobs.get", route: "GET /v1/jobs/*", body: () => ({}), call: (c) => c.jobs.get("job_1"), says: /has no jobId; has no status/ },
  { op: "jobs.cancel", route: "POST /v1/jobs/*/cancel", body: () => without(fixtures.cancel(), "jobId"), call: (c) => c.jobs.cancel("job_1"), says: /has no jobId/ },
  { op: "jobs.cancel", route: "POST /v1/jobs/*/cancel", body: () => without(fixtures.cancel(), "status"), call: (c) => c.jobs.cancel("job_1"), says: /has no status/ },
  { op: "jobs.cancel", route: "POST /v1/jobs/*/cancel", body: () => ({ ...fixtures.cancel(), refundedMicroCents: -5 }), call: (c) => c.jobs.cancel("job_1"), says: /refundedMicroCents -5/ },
  { op: "jobs.cancel", route: "POST /v1/jobs/*/cancel", body: () => ({ ...fixtures.cancel(), jobId: "job_2" }), call: (c) => c.jobs.cancel("job_1"), says: /about another job/ },
  { op: "jobs.list", route: "GET /v1/jobs", body: () => ({ ...fixtures.jobList(), jobs: [without(fixtures.jobList().jobs[0]!, "jobId")] }), call: (c) => collect(c.jobs.list()), says: /has no jobs\[0\]\.jobId/ },
  { op: "jobs.list", route: "GET /v1/jobs", body: () => ({ ...fixtures.jobList(), jobs: [null] }), call: (c) => collect(c.jobs.list()), says: /jobs\[0\] null, expected an object/ },
  { op: "jobs.list", route: "GET /v1/jobs", body: () => ({ ...fixtures.jobList(), hasMore: "yes" }), call: (c) => collect(c.jobs.list()), says: /hasMore a string, expected a boolean/ },
  { op: "jobs.list", route: "GET /v1/jobs", body: () => without(fixtures.jobList(), "jobs"), call: (c) => collect(c.jobs.list()), says: /has no jobs/ },
  { op: "estimate", route: "POST /v1/jobs/estimate", body: () => ({ ...fixtures.estimate(), estimatedCostMicroCents: 1.5 }), call: (c) => c.estimate(KLING, KLING_INPUT), says: /no estimatedCostMicroCents/ },
  { op: "uploads.presign", route: "POST /v1/uploads/presign", body: (s) => without(fixtures.presign(s), "fileId"), call: upload, says: /has no fileId/ },
  { op: "uploads.presign", route: "POST /v1/uploads/presign", body: (s) => without(fixtures.presign(s), "expiresAt"), call: upload, says: /has no expiresAt/ },
  { op: "uploads.get", route: "GET /v1/uploads/*", body: () => without(fixtures.upload(), "id"), call: (c) => c.uploads.get("3f44e3c6"), says: /has no id/ },
  { op: "uploads.get", route: "GET /v1/uploads/*", body: () => without(fixtures.upload(), "status"), call: (c) => c.uploads.get("3f44e3c6"), says: /has no status/ },
  { op: "models.list", route: "GET /v1/models", body: () => ({ models: [without(fixtures.modelSummary(), "id")] }), call: (c) => c.models.list(), says: /has no models\[0\]\.id/ },
  { op: "models.get", route: "GET /v1/models/*", body: () => without(fixtures.modelSummary(), "id"), call: (c) => c.models.get("model_abc123"), says: /has no id/ },
  { op: "providers.list", route: "GET /v1/providers", body: () => ({}), call: (c) => c.providers.list(), says: /has no providers/ },
  { op: "providers.models", route: "GET /v1/providers/*/models", body: () => ({ models: [] }), call: (c) => c.providers.models("google"), says: /has no provider/ },
  { op: "catalog.models", route: "GET /v1/catalog/models", body: () => [without(fixtures.catalogModel(), "slug")], call: (c) => c.catalog.models(), says: /has no \[0\]\.slug/ },
  { op: "catalog.model", route: "GET /v1/catalog/models/*/*/*", body: () => fixtures.catalogModel(), call: (c) => c.catalog.model("google/veo-3.1-fast/text-to-video"), says: /has no inputSchema/ },
  { op: "catalog.providers", route: "GET /v1/catalog/providers", body: () => [{ name: "Google" }], call: (c) => c.catalog.providers(), says: /has no \[0\]\.id/ },
  { op: "catalog.provider", route: "GET /v1/catalog/providers/*", body: () => without(fixtures.provider(), "id"), call: (c) => c.catalog.provider("google"), says: /has no id/ },
  { op: "catalog.categories", route: "GET /v1/catalog/categories", body: () => ["video"], call: (c) => c.catalog.categories(), says: /\[0\] a string, expected an object/ },
  { op: "catalog.capabilityGroups", route: "GET /v1/catalog/capability-groups", body: () => [{ id: 7 }], call: (c) => c.catalog.capabilityGroups(), says: /\[0\]\.id 7/ },
];

describe("a 2xx without what its type promises is not accepted", () => {
  test.each(cases.map((c) => [`${c.op}: ${c.says.source}`, c] as const))("%s", async (_name, c) => {
    h = await harness();
    h.server.script(c.route, step.json(c.body(h.server), 200, { "x-request-id": "req_shape" }));
    const err = await rejectionOf(c.call(h.client));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ code: "INVALID_RESPONSE", status: 200, requestId: "req_shape" });
    expect(err.message).toMatch(c.says);
    expect(err.message).toContain(`${c.op}:`);
  });

  test("a presign without a file id sends nothing to storage", async () => {
    h = await harness();
    h.server.script("POST /v1/uploads/presign", step.json(without(fixtures.presign(h.server), "fileId")));
    await expect(upload(h.client)).rejects.toBeInstanceOf(InvalidResponseError);
    expect(h.server.count("PUT /storage/**")).toBe(0);
  });
});

describe("submit: a created job with an answer that cannot be trusted", () => {
  const SUBMIT = "POST /v1/jobs/submit";

  test.each([
    ["no status", without(fixtures.submit(), "status"), /has no status/],
    ["no costMicroCents", without(fixtures.submit(), "costMicroCents"), /has no costMicroCents/],
    ["a negative charge", { ...fixtures.submit(), costMicroCents: -1 }, /costMicroCents -1/],
    ["a fractional charge", { ...fixtures.submit(), costMicroCents: 1.5 }, /costMicroCents 1.5/],
    ["a charge as text", { ...fixtures.submit(), costMicroCents: "1260000" }, /costMicroCents a string, expected a non-negative integer number of micro-cents/],
  ])("%s: InvalidResponseError naming the job; the budget counts the quote", async (_name, body, says) => {
    h = await harness({ budget: { limitMicroCents: 5_000_000 } });
    h.server.script(SUBMIT, step.json(body));
    const err = await rejectionOf(h.client.submit(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ jobId: "job_1", requestId: "req_submit" });
    expect(err.message).toMatch(says);
    expect(h.client.budget).toMatchObject({ spentMicroCents: KLING_PRICE, reservedMicroCents: 0 });
    expect(h.server.count(SUBMIT)).toBe(1);
  });

  test("no jobId at all: JobMayExistError, as before", async () => {
    h = await harness();
    h.server.script(SUBMIT, step.json(without(fixtures.submit(), "jobId"), 200, { "x-request-id": "req_noid" }));
    const err = await rejectionOf(h.client.submit(KLING, KLING_INPUT));
    expect(err).toBeInstanceOf(JobMayExistError);
    expect(err).toMatchObject({ requestId: "req_submit" });
  });
});
