// Issue 15 §3: `pixelbyte pricing verify` against the real test server (HTTP on 127.0.0.1), started
// unchanged and with a deliberately drifted price table and catalog. Expected differences are
// computed here from the drift each test applies, not by the command under test.
import { modelSchemas } from "@pixelbyte/client";
import { modelPricing } from "@pixelbyte/pricing";
import { startServer, type DriftOptions, type TestServer } from "@pixelbyte/test-server";
import { afterAll, describe, expect, test } from "vitest";
import { expectOneLine, pricing, type Run } from "./helpers.js";

const KLING = "kling-plus/kling-o3-standard/text-to-video";
const I2V = "kling-plus/kling-o3-standard/image-to-video";
const WAN = "alibaba-plus/wan-2.6/reference-to-video";
const FLAT = "google/nano-banana-dev/text-to-image";

const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(drift?: DriftOptions): Promise<TestServer> {
  const s = await startServer(drift ? { drift } : {});
  servers.push(s);
  return s;
}

/** `pixelbyte pricing verify` in this process, against `on`, with its key in the environment. */
function verify(on: TestServer, ...args: string[]): Promise<Run> {
  return pricing(["verify", "--base-url", on.url, ...args], undefined, { env: { PIXELBYTE_API_KEY: on.apiKey } });
}

function json(run: Run): any {
  return JSON.parse(run.stdout);
}

type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[] };
const schemaOf = (slug: string) => modelSchemas[slug as keyof typeof modelSchemas] as unknown as Schema;

// Every combination of the spec: the count the README and the pricing oracle state.
const combinationsOf = (slug: string) => modelPricing[slug as keyof typeof modelPricing].factors.reduce((c, f) => c * (f.kind === "range" ? f.max - f.min + 1 : Object.keys(f.rows).length), 1);
const ALL_COMBINATIONS = Object.keys(modelPricing).reduce((n, slug) => n + combinationsOf(slug), 0);

/**
 * The drift of the main test: two prices (Kling's has_sound=true multiplier 1.5 → 1.6, the flat
 * model's base one micro-cent up), one model's schema changed in eight ways, and one priced enum
 * value removed from another (its estimates are refused).
 */
const i2v = schemaOf(I2V);
const DRIFT: DriftOptions = {
  prices: {
    [KLING]: { multipliers: { has_sound: { true: "1.6" } } },
    [FLAT]: { base: modelPricing[FLAT].base + 1 },
  },
  catalog: {
    [I2V]: {
      properties: {
        prompt: { ...i2v.properties.prompt, maxLength: 2000 },
        image_url: { ...i2v.properties.image_url, type: ["string", "null"] },
        duration: { ...i2v.properties.duration, default: "10" },
        has_sound: { ...i2v.properties.has_sound, enum: ["false", "true", "auto"] },
        shot_type: null,
        multishot: {
          type: "array",
          items: { type: "object", additionalProperties: false, required: ["prompt"], properties: { prompt: { type: "string" }, duration: { type: "integer", minimum: 1, maximum: 10 } } },
        },
        seed: { type: "integer", minimum: 0 },
      },
      required: ["image_url", "prompt"],
    },
    [WAN]: { properties: { duration: { ...schemaOf(WAN).properties.duration, enum: ["5"] } } },
  },
};

describe("pricing verify against the test server", () => {
  test("unchanged server, the whole spec: every combination and every catalog schema agree, exit 0", async () => {
    const on = await server();
    const run = await verify(on, "--json", "--concurrency", "8");
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const report = json(run);
    expect(report).toMatchObject({ ok: true, differences: 0, unverified: 0, stopped: null, sample: null, models: Object.keys(modelPricing).length, discounted: 0 });
    expect(report.combinations).toBe(ALL_COMBINATIONS);
    expect([report.planned, report.compared, report.schemasCompared]).toEqual([ALL_COMBINATIONS, ALL_COMBINATIONS, Object.keys(modelPricing).length]);
    expect([report.prices, report.schemas, report.refused, report.missing, report.failed, report.serverOnly]).toEqual([[], [], [], [], [], []]);
    // One estimate per combination, one catalog request per model, one model list: nothing sent twice.
    const ops = on.requests.map((r) => r.operationId);
    expect(ops.filter((o) => o === "estimateJob")).toHaveLength(ALL_COMBINATIONS);
    expect(ops.filter((o) => o === "getCatalogModelCapability" || o === "getCatalogModel")).toHaveLength(Object.keys(modelPricing).length);
    expect(ops.filter((o) => o === "listCatalogModels")).toHaveLength(1);
    expect(on.requests.every((r) => r.status === 200)).toBe(true);
  }, 120_000);

  test("drifted server, the whole spec: exactly the drifted combinations and fields, with their differences, exit 1", async () => {
    const on = await server(DRIFT);
    const run = await verify(on, "--json", "--concurrency", "8");
    expect(run.code).toBe(1);
    expect(expectOneLine(run.stderr)).toBe("pixelbyte pricing verify: 24 differences: 14 prices, 9 input schema differences, 1 combination refused");
    const report = json(run);

    const kling = Array.from({ length: 13 }, (_, i) => i + 3).map((d) => ({
      model: KLING,
      combination: `duration=${d}, has_sound=true`,
      input: { duration: String(d), has_sound: "true" },
      localMicroCents: 84_000 * d * 1.5,
      localExactMicroCents: String(84_000 * d * 1.5),
      serverMicroCents: 84_000 * d * 1.6,
      differenceMicroCents: 8_400 * d,
      serverBaseMicroCents: 84_000 * d * 1.6,
      serverEstimatedMicroCents: 84_000 * d * 1.6,
      hasDiscount: false,
    }));
    const flatBase = modelPricing[FLAT].base;
    const flat = { model: FLAT, combination: "(no priced fields)", input: {}, localMicroCents: flatBase, serverMicroCents: flatBase + 1, differenceMicroCents: 1 };
    // Plan order: models by slug, then combinations in enumeration order.
    expect(report.prices).toMatchObject([flat, ...kling]);
    expect(report.prices.every((p: { requestId: unknown }) => typeof p.requestId === "string")).toBe(true);

    expect(report.schemas.map((d: any) => [d.model, d.field, d.change, d.keyword])).toEqual([
      [WAN, "duration", "enum", "enum"],
      [I2V, "prompt", "limit", "maxLength"],
      [I2V, "image_url", "type", "type"],
      [I2V, "duration", "default", "default"],
      [I2V, "has_sound", "enum", "enum"],
      [I2V, "shot_type", "field-removed", null],
      [I2V, "multishot[].duration", "limit", "maximum"],
      [I2V, "seed", "field-added", null],
      [I2V, "prompt", "required", "required"],
    ]);
    expect(report.schemas[0].message).toBe('enum: "10" only in the spec');
    expect(report.schemas[1]).toMatchObject({ spec: 2500, server: 2000 });
    expect(report.schemas[3]).toMatchObject({ spec: "5", server: "10", message: 'default "5" in the spec, "10" on the server' });
    expect(report.schemas[4].message).toBe('enum: "auto" only on the server');
    expect(report.schemas[8]).toMatchObject({ spec: false, server: true });
    expect(report.refused).toMatchObject([{ model: WAN, request: "estimate", combination: "duration=10", input: { duration: "10" }, code: "INVALID_INPUT", status: 400 }]);
    expect([report.missing, report.failed, report.serverOnly]).toEqual([[], [], []]);
    // The rest of the run still compared everything else.
    expect([report.planned, report.compared]).toEqual([ALL_COMBINATIONS, ALL_COMBINATIONS - 1]);
  }, 120_000);

  test("the Markdown report lists each difference: model, input, local, server, difference", async () => {
    const on = await server(DRIFT);
    const run = await verify(on, "--model", KLING, "--model", I2V);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`| \`${KLING}\` | duration=10, has_sound=true | 1,260,000 µ¢ ($1.26) | 1,344,000 µ¢ ($1.344) | +84,000 µ¢ (+$0.084) |`);
    expect(run.stdout).toContain(`| \`${I2V}\` | shot_type | in the spec, not on the server |`);
    expect(run.stdout).toContain(`| \`${I2V}\` | multishot[].duration | maximum 15 in the spec, 10 on the server |`);
    expect(run.stdout).toMatch(/\*\*Result:\*\* 21 differences: 13 prices, 8 input schema differences\./);
  });

  test("an account discount: the undiscounted baseCostMicroCents is compared and the report says so (exit 0)", async () => {
    const on = await server({ discountPercent: 20 });
    const [md, js] = await Promise.all([verify(on, "--model", "kling-plus/kling-o3-standard/*"), verify(on, "--model", "kling-plus/kling-o3-standard/*", "--json")]);
    expect([md.code, md.stderr, js.code]).toEqual([0, "", 0]);
    expect(json(js)).toMatchObject({ ok: true, discounted: json(js).compared });
    expect(json(js).compared).toBeGreaterThan(0);
    expect(md.stdout).toContain(`${json(js).compared} estimates carried an account discount (\`hasDiscount\`): the undiscounted figure was compared, the discount was not.`);
  });
});

describe("--sample N --seed S", () => {
  // Every price of these models drifted, so the report lists exactly the combinations that were sent.
  const MODELS = ["kling-plus/kling-o3-standard/text-to-video", "kling-plus/kling-o3-standard/image-to-video", "alibaba-plus/wan-2.6/reference-to-video"];
  const everyPriceDrifts: DriftOptions = { prices: Object.fromEntries(MODELS.map((m) => [m, { base: modelPricing[m as keyof typeof modelPricing].base + 7 }])) };
  const sent = (run: Run) => (json(run).prices as { model: string; combination: string }[]).map((p) => `${p.model} ${p.combination}`);
  const models = MODELS.flatMap((m) => ["--model", m]);

  test("the same seed sends the same combinations; N per model, distinct; another seed, others", async () => {
    const on = await server(everyPriceDrifts);
    const [a, b, c] = await Promise.all([
      verify(on, ...models, "--sample", "3", "--seed", "7", "--json"),
      verify(on, ...models, "--sample", "3", "--seed", "7", "--json", "--concurrency", "1"),
      verify(on, ...models, "--sample", "3", "--seed", "8", "--json"),
    ]);
    expect(sent(a)).toEqual(sent(b));
    expect(sent(a)).not.toEqual(sent(c));
    for (const run of [a, c]) {
      const r = json(run);
      expect([run.code, r.planned, r.compared, r.prices.length]).toEqual([1, 3 + 3 + 2, 8, 8]); // WAN has 2 combinations: both
      expect(new Set(sent(run)).size).toBe(8);
    }
    expect(json(a).sample).toEqual({ perModel: 3, seed: 7 });
    // 54 combinations in all (26 + 26 + 2): 8 sent per run.
    expect(json(a).combinations).toBe(MODELS.reduce((n, m) => n + combinationsOf(m), 0));
    expect(on.requests.filter((r) => r.operationId === "estimateJob")).toHaveLength(24);
  });

  test("a model's sample does not depend on the other models verified with it; without --seed the report gives one that repeats it", async () => {
    const on = await server(everyPriceDrifts);
    const [all, one, unseeded] = await Promise.all([
      verify(on, ...models, "--sample", "4", "--seed", "123456", "--json"),
      verify(on, "--model", I2V, "--sample", "4", "--seed", "123456", "--json"),
      verify(on, ...models, "--sample", "2", "--json"),
    ]);
    expect(sent(one)).toEqual(sent(all).filter((s) => s.startsWith(`${I2V} `)));
    const seed = json(unseeded).sample.seed;
    expect(Number.isInteger(seed)).toBe(true);
    const again = await verify(on, ...models, "--sample", "2", "--seed", String(seed), "--json");
    expect(sent(again)).toEqual(sent(unseeded));
  });
});

describe("rate limits and failures", () => {
  test("429 with Retry-After: the client waits as asked and the estimate is compared (exit 0)", async () => {
    const on = await server();
    on.addFault({ kind: "rate-limit", operations: ["estimateJob"], count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const run = await verify(on, "--model", FLAT, "--json");
    const elapsed = Date.now() - started;
    expect([run.code, run.stderr, json(run).compared]).toEqual([0, "", 1]);
    const estimates = on.requests.filter((r) => r.operationId === "estimateJob");
    expect(estimates.map((r) => r.status)).toEqual([429, 200]);
    // The retry came no sooner than the Retry-After of 1 second (a lower bound, not a speed target).
    expect(elapsed).toBeGreaterThanOrEqual(1000);
  });

  test("429 with only error.details.retryAfter (fractional seconds) is honoured too", async () => {
    const on = await server();
    on.addFault({ kind: "rate-limit", operations: ["estimateJob"], count: 2, retryAfterSeconds: 0.05 });
    const run = await verify(on, "--model", FLAT, "--json");
    expect([run.code, json(run).compared]).toEqual([0, 1]);
    expect(on.requests.filter((r) => r.operationId === "estimateJob").map((r) => r.status)).toEqual([429, 429, 200]);
  });

  test("a 429 asking to wait longer than the client's patience: that combination is not verified, exit 1", async () => {
    const on = await server();
    on.addFault({ kind: "rate-limit", operations: ["estimateJob"], count: 1, retryAfterSeconds: 3600 });
    const run = await verify(on, "--model", FLAT, "--json");
    expect(run.code).toBe(1);
    expect(expectOneLine(run.stderr)).toBe("pixelbyte pricing verify: no differences; 1 request not verified (nothing differed in what was verified)");
    expect(json(run)).toMatchObject({ ok: false, differences: 0, unverified: 1, failed: [{ model: FLAT, request: "estimate", code: "RATE_LIMITED", status: 429 }] });
  });
});

describe("bad usage: exit 2, one line, nothing sent", () => {
  const cases: [string, string[], RegExp][] = [
    ["NaN concurrency", ["--concurrency", "NaN"], /--concurrency must be a whole number from 1 to 64 \(got "NaN"\)/],
    ["zero concurrency", ["--concurrency", "0"], /--concurrency must be a whole number from 1 to 64 \(got "0"\)/],
    ["fractional concurrency", ["--concurrency", "1.5"], /--concurrency must be a whole number/],
    ["negative sample", ["--sample", "-3"], /--sample must be a whole number from 1 to 100,000 \(got "-3"\)/],
    ["sample in exponent form", ["--sample", "1e3"], /--sample must be a whole number/],
    ["Infinity sample", ["--sample", "Infinity"], /--sample must be a whole number/],
    ["seed without sample", ["--seed", "4"], /--seed only applies with --sample/],
    ["negative seed", ["--sample", "2", "--seed", "-1"], /--seed must be a whole number from 0 to 4,294,967,295/],
    ["seed beyond 32 bits", ["--sample", "2", "--seed", "4294967296"], /--seed must be a whole number from 0 to 4,294,967,295/],
    ["timeout of zero", ["--timeout-ms", "0"], /--timeout-ms must be a whole number from 1/],
    ["an unknown option", ["--concurency", "4"], /unknown option --concurency/],
    ["a revision", ["HEAD~1"], /takes no revision/],
    ["a glob that matches nothing", ["--model", "kling-plus/kling-o3-standart/*"], /--model kling-plus\/kling-o3-standart\/\* matches no model/],
    ["http to another machine", ["--base-url", "http://example.com"], /--base-url must use https \(plain http only for localhost/],
    ["not a URL", ["--base-url", "not a url"], /--base-url is not an absolute URL/],
  ];
  test.each(cases)("%s", async (_, args, message) => {
    const on = await server();
    const base = args.includes("--base-url") ? [] : ["--base-url", on.url];
    const run = await pricing(["verify", ...base, ...args], undefined, { env: { PIXELBYTE_API_KEY: on.apiKey } });
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expect(expectOneLine(run.stderr)).toMatch(message);
    expect(on.requests).toHaveLength(0);
  });

  test("no key: exit 2 naming where to put it", async () => {
    const on = await server();
    const run = await pricing(["verify", "--base-url", on.url], undefined, { env: {} });
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expect(expectOneLine(run.stderr)).toMatch(/no API key; set PIXELBYTE_API_KEY or pass --api-key/);
    expect(on.requests).toHaveLength(0);
  });
});
