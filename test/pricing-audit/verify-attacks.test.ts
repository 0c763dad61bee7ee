// `pixelbyte pricing verify` against servers that misbehave: garbage answers, 500s, slowness, a huge
// or deeply nested catalog, missing models, terminal escape sequences. Each run must end with a
// report and one line on stderr, never a crash, a hang or a flood of requests.
import { modelSchemas } from "@pixelbyte/client";
import { modelPricing } from "@pixelbyte/pricing";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, describe, expect, test } from "vitest";
import { startFaultServer, step, type FaultServer, type Step } from "../client/helpers/fault-server.js";
import { expectOneLine, pricing, type Run } from "./helpers.js";

const FLAT = "google/nano-banana-dev/text-to-image";
const KLING = "kling-plus/kling-o3-standard/text-to-video";
const FLAT_BASE = modelPricing[FLAT].base;
const FLAT_SCHEMA = modelSchemas[FLAT];
const KEY = "pb_test_attack_key_000000";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

/** A scripted server answering like the API for FLAT unless a test overrides a route. */
async function hostile(overrides: Record<string, Step | ((req: { headers: Record<string, unknown> }) => Step)> = {}): Promise<FaultServer> {
  const s = await startFaultServer();
  closers.push(() => s.close());
  s.handle("GET /v1/catalog/models", step.json([{ slug: FLAT }]));
  s.handle("GET /v1/catalog/models/**", step.json({ slug: FLAT, inputSchema: FLAT_SCHEMA }));
  s.handle("POST /v1/jobs/estimate", step.json({ baseCostMicroCents: FLAT_BASE, estimatedCostMicroCents: FLAT_BASE, breakdown: [], hasDiscount: false, discounted: null }));
  for (const [route, answer] of Object.entries(overrides)) s.handle(route, answer as never);
  return s;
}

async function testServer(): Promise<TestServer> {
  const s = await startServer();
  closers.push(() => s.close());
  return s;
}

function verify(url: string, key: string, ...args: string[]): Promise<Run> {
  return pricing(["verify", "--base-url", url, ...args], undefined, { env: { PIXELBYTE_API_KEY: key } });
}

const report = (run: Run) => JSON.parse(run.stdout);

/**
 * A catalog entry whose inputSchema is not a schema: the client refuses the answer (a failed catalog
 * request), or verify reports it as a difference of the whole schema.
 */
const notASchema = (r: any) =>
  (r.failed.length === 1 && r.failed[0].request === "catalog" && r.failed[0].code === "INVALID_RESPONSE" && r.schemas.length === 0) ||
  (r.schemas.length === 1 && r.schemas[0].change === "not-a-schema" && r.schemas[0].field === "" && /inputSchema is not a JSON Schema object/.test(r.schemas[0].message));

describe("a server answering garbage", () => {
  const cases: [string, Record<string, Step>, (r: any) => void][] = [
    [
      "an estimate that is not a whole number of micro-cents",
      { "POST /v1/jobs/estimate": step.json({ baseCostMicroCents: 1.5, estimatedCostMicroCents: 1.5, breakdown: [], hasDiscount: false }) },
      // The client refuses it (its response checks), or verify does (its own check of the figures).
      (r) => expect(r.failed).toMatchObject([{ request: "estimate", code: "INVALID_RESPONSE", message: expect.stringMatching(/not a whole number of micro-cents \(got 1\.5\)|a non-negative integer/) }]),
    ],
    [
      "an estimate without any cost",
      { "POST /v1/jobs/estimate": step.json({ hello: "world" }) },
      (r) => expect(r.failed).toMatchObject([{ request: "estimate", code: "INVALID_RESPONSE" }]),
    ],
    [
      "an HTML page with 200",
      { "POST /v1/jobs/estimate": { kind: "raw", status: 200, contentType: "text/html", body: "<html>hello</html>" } },
      (r) => expect(r.failed).toMatchObject([{ request: "estimate", status: 200 }]),
    ],
    [
      "cut-off JSON",
      { "POST /v1/jobs/estimate": step.malformed(200) },
      (r) => expect(r.failed).toMatchObject([{ request: "estimate" }]),
    ],
    [
      "a catalog entry that is an array",
      { "GET /v1/catalog/models/**": step.json([1, 2, 3]) },
      (r) => expect(r.failed).toMatchObject([{ request: "catalog", code: "INVALID_RESPONSE" }]),
    ],
    [
      "an inputSchema that is a string",
      { "GET /v1/catalog/models/**": step.json({ slug: FLAT, inputSchema: "garbage" }) },
      (r) => expect(notASchema(r)).toBe(true),
    ],
    [
      "no inputSchema at all",
      { "GET /v1/catalog/models/**": step.json({ slug: FLAT }) },
      (r) => expect(notASchema(r)).toBe(true),
    ],
    [
      "properties that are not an object, fields that are not schemas",
      { "GET /v1/catalog/models/**": step.json({ slug: FLAT, inputSchema: { type: "object", properties: 5 } }) },
      (r) => expect(r.schemas[0]).toMatchObject({ change: "not-a-schema", keyword: "properties" }),
    ],
    [
      "a model list that is not a list",
      { "GET /v1/catalog/models": step.json({ models: "no" }) },
      (r) => expect(r.failed).toMatchObject([{ model: "(all)", request: "models", code: "INVALID_RESPONSE" }]),
    ],
  ];
  test.each(cases)("%s: reported, exit 1, one line on stderr", async (_, overrides, check) => {
    const s = await hostile(overrides);
    const run = await verify(s.url, KEY, "--model", FLAT, "--json");
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    const r = report(run);
    expect(r.ok).toBe(false);
    check(r);
  });

  test("escape sequences in what the server says never reach the terminal", async () => {
    const evil = "\u001b]0;owned\u0007\u001b[2J\u009b31m";
    const s = await hostile({
      "POST /v1/jobs/estimate": step.error(400, "INVALID_INPUT", `bad ${evil} input`),
      "GET /v1/catalog/models/**": step.json({ slug: FLAT, inputSchema: { type: "object", properties: { [`x${evil}`]: { type: "string", default: evil } } } }),
      "GET /v1/catalog/models": step.json([{ slug: FLAT }, { slug: `google/${evil}` }]),
    });
    const [md, js] = await Promise.all([verify(s.url, KEY, "--model", "google/*"), verify(s.url, KEY, "--model", "google/*", "--json")]);
    for (const run of [md, js]) {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
    expect(report(js).refused[0].message).toContain("bad");
    expect(report(js).serverOnly).toEqual([`google/${evil}`]); // JSON keeps the value, escaped
  });
});

describe("a failing or slow server", () => {
  test("500 on every request: stops after 8 failures in a row instead of sending all of them, exit 1", async () => {
    const s = await testServer();
    s.setFaults([{ kind: "server-error", operations: ["estimateJob", "getCatalogModelCapability", "getCatalogModel", "listCatalogModels"] }]);
    const run = await verify(s.url, s.apiKey, "--model", "kling-plus/*", "--json");
    expect(run.code).toBe(1);
    const r = report(run);
    expect(r.stopped).toMatch(/^8 requests in a row failed \(the last: .*INTERNAL_ERROR/);
    expect(expectOneLine(run.stderr)).toMatch(/stopped early: 8 requests in a row failed/);
    // Each failure is the client's 3 attempts; at most the 4 in flight finish after the stop.
    expect(s.requests.length).toBeLessThanOrEqual((8 + 4) * 3);
    expect(r.skipped).toBeGreaterThan(300);
    expect(r.unverified).toBe(r.failed.length + r.skipped);
  });

  test("429 on every estimate: stops after 8 and says to lower --concurrency", async () => {
    const s = await testServer();
    s.setFaults([{ kind: "rate-limit", operations: ["estimateJob"], retryAfterSeconds: 0.01 }]);
    const run = await verify(s.url, s.apiKey, "--model", KLING, "--json");
    expect(run.code).toBe(1);
    expect(report(run).stopped).toMatch(/^8 requests in a row failed \(the last: .*RATE_LIMITED.*\); the server is limiting the rate: try a lower --concurrency$/);
  });

  test("a server slower than --timeout-ms: timeouts, then the run stops", async () => {
    const s = await testServer();
    s.setFaults([{ kind: "delay", operations: ["estimateJob"], delayMs: 2_000 }]);
    const run = await verify(s.url, s.apiKey, "--model", KLING, "--timeout-ms", "50", "--json");
    expect(run.code).toBe(1);
    const r = report(run);
    expect(r.stopped).toMatch(/8 requests in a row failed/);
    expect(r.failed[0]).toMatchObject({ request: "estimate", code: "TIMEOUT" });
  });

  test("a slow but working server: every answer still compared (exit 0)", async () => {
    const s = await testServer();
    s.setFaults([{ kind: "delay", delayMs: 30 }]);
    const run = await verify(s.url, s.apiKey, "--model", KLING, "--concurrency", "8", "--json");
    expect([run.code, report(run).compared]).toEqual([0, 26]);
  });

  test("a model the server does not know: said once per request kind, its other combinations not sent", async () => {
    const s = await hostile({
      "POST /v1/jobs/estimate": step.error(404, "MODEL_NOT_FOUND", "No model"),
      "GET /v1/catalog/models/**": step.error(404, "MODEL_NOT_FOUND", "No catalog model"),
      "GET /v1/catalog/models": step.json([]),
    });
    const run = await verify(s.url, KEY, "--model", KLING, "--concurrency", "1", "--json");
    expect(run.code).toBe(1);
    const r = report(run);
    expect(r.missing.map((m: any) => [m.model, m.request, m.code])).toEqual([
      [KLING, "catalog", "MODEL_NOT_FOUND"],
      [KLING, "estimate", "MODEL_NOT_FOUND"],
    ]);
    expect(s.count("POST /v1/jobs/estimate")).toBe(1);
    expect([r.skipped, r.unverified]).toEqual([25, 0]);
    expect(expectOneLine(run.stderr)).toBe("pixelbyte pricing verify: 2 differences: 2 models missing on the server");
  });

  test("a refused key stops the run at once (exit 1), naming the answer", async () => {
    const s = await testServer();
    const run = await verify(s.url, "pb_not_a_key_of_this_server", "--model", "kling-plus/*", "--json");
    expect(run.code).toBe(1);
    expect(report(run).stopped).toMatch(/^the server refused the request: .*401/);
    expect(s.requests.filter((r) => r.operationId === "estimateJob").length).toBeLessThanOrEqual(4);
  });
});

describe("a huge or hostile catalog", () => {
  test("100,000 fields and 50,000 unknown models: 200 differences listed, the rest counted; the Markdown list is capped", async () => {
    const properties = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, { type: "string" }]));
    // Named so that the glob selecting FLAT alone also selects them.
    const slugs = Array.from({ length: 50_000 }, (_, i) => ({ slug: `${FLAT}-${i}` }));
    const s = await hostile({
      "GET /v1/catalog/models/**": step.json({ slug: FLAT, inputSchema: { type: "object", properties } }),
      "GET /v1/catalog/models": step.json([{ slug: FLAT }, ...slugs]),
    });
    const glob = `${FLAT}*`;
    const [md, js] = await Promise.all([verify(s.url, KEY, "--model", glob), verify(s.url, KEY, "--model", glob, "--json")]);
    const r = report(js);
    const specFields = Object.keys(FLAT_SCHEMA.properties ?? {}).length;
    expect(r.models).toBe(1);
    expect(r.schemas).toHaveLength(200);
    expect(r.schemas.length + r.schemaDifferencesOmitted).toBe(100_000 + specFields);
    expect(r.serverOnly).toHaveLength(50_000);
    expect(md.stdout).toContain("…and 49,900 more (all of them in --json)");
    expect(md.stdout).toContain(`…and ${(100_000 + specFields - 200).toLocaleString("en-US")} more differences not listed.`);
    expect(md.stdout.length).toBeLessThan(100_000);
  });

  test("a catalog schema nested 100,000 levels deep is compared without overflowing the stack", async () => {
    // Written as text: JSON.stringify itself cannot nest that deep, JSON.parse can.
    const n = 100_000;
    const deep = `${'{"type":"array","items":'.repeat(n)}{"type":"string"}${"}".repeat(n)}`;
    const rest = JSON.stringify({ ...FLAT_SCHEMA, properties: { ...FLAT_SCHEMA.properties, prompt: "@" } });
    const s = await hostile({
      "GET /v1/catalog/models/**": { kind: "raw", status: 200, contentType: "application/json", body: `{"slug":${JSON.stringify(FLAT)},"inputSchema":${rest.replace('"@"', deep)}}` },
    });
    const run = await verify(s.url, KEY, "--model", FLAT, "--json");
    expect(run.code).toBe(1);
    expect(report(run).schemas[0]).toMatchObject({ field: "prompt", change: "type", message: "type string in the spec, array on the server" });
  });
});
