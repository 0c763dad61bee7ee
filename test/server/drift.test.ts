// The test server's opt-in `drift` option: a server that disagrees with the spec on purpose, in its
// prices (estimate and submit), its input schemas (validation and every catalog view) and an
// estimate discount. Off by default; malformed options are a TypeError naming the fix.
import { modelSchemas } from "@pixelbyte/client";
import { modelPricing } from "@pixelbyte/pricing";
import { startServer, type DriftOptions, type TestServer } from "@pixelbyte/test-server";
import { afterAll, describe, expect, test } from "vitest";
import { api, KLING } from "../helpers/http.js";

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video"; // its duration is a range factor
const servers: TestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function start(drift?: DriftOptions): Promise<TestServer> {
  const s = await startServer({ ...(drift ? { drift } : {}), timing: { pendingMs: 10, processingMs: 10 } });
  servers.push(s);
  return s;
}

describe("without drift", () => {
  test("the catalog serves each model's spec schema, defaults included", async () => {
    const s = await start();
    const http = api(s.url, s.apiKey);
    const detail = (await http.get(`/v1/catalog/models/${KLING}`)).body;
    expect(detail.inputSchema).toEqual(modelSchemas[KLING]);
    expect(detail.inputSchema.properties.duration.default).toBe("5");
  });
});

describe("with drift", () => {
  const drift: DriftOptions = {
    prices: { [KLING]: { base: 100_000, multipliers: { has_sound: { true: "2" } } } },
    catalog: { [KLING]: { properties: { shot_type: null, seed: { type: "integer" } }, required: ["prompt", "seed"] } },
  };

  test("estimate and submit price by the drifted table; the catalog lists the drifted base", async () => {
    const s = await start(drift);
    const http = api(s.url, s.apiKey);
    const input = { prompt: "a fox", seed: 1, duration: "10", has_sound: "true" };
    const estimate = (await http.post("/v1/jobs/estimate", { model: KLING, input })).body;
    expect([estimate.baseCostMicroCents, estimate.estimatedCostMicroCents]).toEqual([2_000_000, 2_000_000]);
    expect(estimate.breakdown.reduce((n: number, b: { costMicroCents: number }) => n + b.costMicroCents, 0)).toBe(2_000_000);
    const submit = (await http.post("/v1/jobs/submit", { model: KLING, input })).body;
    expect(submit.costMicroCents).toBe(2_000_000);
    const listed = (await http.get("/v1/catalog/models")).body.find((m: { slug: string }) => m.slug === KLING);
    expect(listed.pricing.baseMicroCents).toBe(100_000);
    // Other models keep the spec's price.
    const other = "kling-plus/kling-o3-standard/image-to-video";
    expect((await http.post("/v1/jobs/estimate", { model: other, input: { duration: "10" } })).body.baseCostMicroCents).toBe(modelPricing[other].base * 10);
  });

  test("the drifted schema is what the server validates and what every catalog view serves", async () => {
    const s = await start(drift);
    const http = api(s.url, s.apiKey);
    const detail = (await http.get(`/v1/catalog/models/${KLING}`)).body;
    expect(Object.keys(detail.inputSchema.properties)).not.toContain("shot_type");
    expect(detail.inputSchema.properties.seed).toEqual({ type: "integer" });
    expect(detail.inputSchema.required).toEqual(["prompt", "seed"]);
    const id = (await http.get("/v1/models")).body.models.find((m: { slug: string }) => m.slug === KLING).id;
    expect((await http.get(`/v1/models/${id}`)).body.versions[0].inputSchema).toEqual(detail.inputSchema);
    const removed = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "a", seed: 1, shot_type: "customize" } });
    expect([removed.status, removed.body.error.code, removed.body.error.details.field]).toEqual([400, "INVALID_INPUT", "shot_type"]);
    const missingSeed = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "a" } });
    expect([missingSeed.status, missingSeed.body.error.details.field]).toEqual([400, "seed"]);
  });

  test("discountPercent: estimates carry the discount, baseCostMicroCents stays the list price, submit is not discounted", async () => {
    const s = await start({ discountPercent: 15 });
    const http = api(s.url, s.apiKey);
    const input = { prompt: "a fox", duration: "7", has_sound: "true" }; // 882,000 µ¢
    const estimate = (await http.post("/v1/jobs/estimate", { model: KLING, input })).body;
    expect(estimate).toMatchObject({ baseCostMicroCents: 882_000, estimatedCostMicroCents: 749_700, hasDiscount: true, discounted: { type: "percentage_discount", percentage: 15, savedMicroCents: 132_300 } });
    expect((await http.post("/v1/jobs/submit", { model: KLING, input })).body.costMicroCents).toBe(882_000);
  });
});

describe("malformed drift: a TypeError naming the fix, no server left listening", () => {
  const cases: [string, unknown, RegExp][] = [
    ["not an object", 5, /drift must be an object/],
    ["an unknown model, with the nearest", { prices: { "kling-plus/kling-o3-standart/text-to-video": { base: 1 } } }, /drift\.prices names "kling-plus\/kling-o3-standart\/text-to-video", which is not a model of the spec; did you mean "kling-plus\/kling-o3-standard\/text-to-video"\?/],
    ["a model named by an Object.prototype member", { catalog: { constructor: {} } }, /drift\.catalog names "constructor", which is not a model of the spec/],
    ["a negative base", { prices: { [KLING]: { base: -1 } } }, /\.base must be a non-negative integer of micro-cents \(got -1\)/],
    ["a fractional base", { prices: { [KLING]: { base: 1.5 } } }, /\.base must be a non-negative integer/],
    ["NaN base", { prices: { [KLING]: { base: Number.NaN } } }, /\.base must be a non-negative integer/],
    ["a field the model does not price", { prices: { [KLING]: { multipliers: { aspect_ratio: { "16:9": "2" } } } } }, /names "aspect_ratio", which kling-plus\/kling-o3-standard\/text-to-video does not price \(it prices duration, has_sound\)/],
    ["a value the spec does not price", { prices: { [KLING]: { multipliers: { duration: { "99": "2" } } } } }, /\["duration"\]\["99"\]: the spec prices only 3, 4, 5/],
    ["a float multiplier", { prices: { [KLING]: { multipliers: { has_sound: { true: 1.5 } } } } }, /must be an exact decimal string such as "1.5" \(got 1.5\)/],
    ["a comma decimal", { prices: { [KLING]: { multipliers: { has_sound: { true: "1,5" } } } } }, /must be an exact decimal string/],
    ["a range factor", { prices: { [SEEDANCE]: { multipliers: { duration: { "5": "2" } } } } }, /a range factor's multiplier is the value itself; drift the base instead/],
    ["a field schema that is not an object", { catalog: { [KLING]: { properties: { prompt: "string" } } } }, /properties\["prompt"\] must be a JSON Schema object, or null to remove the field/],
    ["required that is not a list", { catalog: { [KLING]: { required: "prompt" } } }, /\.required must be a list of field names/],
    ["a schema that does not compile", { catalog: { [KLING]: { properties: { prompt: { type: "string", pattern: "(" } } } } }, /gives a schema that does not compile/],
    ["a discount of 0", { discountPercent: 0 }, /discountPercent must be a whole percentage from 1 to 100 \(got 0\)/],
    ["a fractional discount", { discountPercent: 12.5 }, /discountPercent must be a whole percentage/],
  ];
  test.each(cases)("%s", async (_, drift, message) => {
    await expect(startServer({ drift: drift as DriftOptions })).rejects.toThrow(TypeError);
    await expect(startServer({ drift: drift as DriftOptions })).rejects.toThrow(message);
  });
});
