import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { computePrice, estimate, modelPricing, PricingError, type Factor, type ModelPricing, type PriceQuote, type RoundingRule } from "@pixelbyte/pricing";
import { afterAll, describe, expect, test } from "vitest";
import { emitPricing } from "../../codegen/src/emit/emit-pricing.js";
import type { SpecModel } from "../../codegen/src/model/types.js";

// Issue 13: each model's price is generated as straight-line code (its own fields, an exact-value
// switch per factor, base × multipliers, one division, the declared rounding). It must give exactly
// what the table-driven computePrice gives (same quote, same PricingError) for every value.

const ALL = Object.values(modelPricing) as ModelPricing[];
const HOSTILE: unknown[] = ["constructor", "__proto__", "toString", " 10", "10 ", "1e1", "010", "+10", "-0", "", null, [], {}, NaN, Infinity, -1, 1.5, 0, true, "true", 10, "10"];

type Outcome = { quote: PriceQuote } | { error: Pick<PricingError, "code" | "model" | "field" | "message" | "allowed"> };

function outcome(fn: () => PriceQuote): Outcome {
  try {
    return { quote: fn() };
  } catch (error) {
    expect(error).toBeInstanceOf(PricingError);
    const { code, model, field, message, allowed } = error as PricingError;
    return { error: { code, model, field, message, allowed } };
  }
}

/** Every value a factor prices, as the caller writes it, plus the hostile ones. */
function valuesOf(f: Factor): unknown[] {
  const keys = f.kind === "range" ? Array.from({ length: f.max - f.min + 1 }, (_, i) => String(f.min + i)) : Object.keys(f.rows);
  return [...keys.map((k) => (f.type === "string" ? k : JSON.parse(k) as unknown)), ...HOSTILE];
}

/** Each factor varied alone over its values (and omitted), the others at their first value. */
function* inputsOf(def: ModelPricing): Generator<Record<string, unknown>> {
  const base: Record<string, unknown> = {};
  for (const f of def.factors) base[f.field] = valuesOf(f)[0];
  yield base;
  yield {};
  for (const f of def.factors) {
    for (const value of valuesOf(f)) yield { ...base, [f.field]: value };
    const { [f.field]: _omitted, ...rest } = base;
    yield rest;
  }
}

function* combinationsOf(def: ModelPricing, i = 0, acc: Record<string, unknown> = {}): Generator<Record<string, unknown>> {
  if (i === def.factors.length) return yield { ...acc };
  const f = def.factors[i]!;
  const keys = f.kind === "range" ? Array.from({ length: f.max - f.min + 1 }, (_, k) => String(f.min + k)) : Object.keys(f.rows);
  for (const k of keys) yield* combinationsOf(def, i + 1, { ...acc, [f.field]: f.type === "string" ? k : JSON.parse(k) });
}

describe("the generated price of every model of spec/ is computePrice's, exactly", () => {
  test("every combination, every factor alone over hostile values, and omitted fields", () => {
    let checked = 0;
    for (const def of ALL) {
      for (const input of [...combinationsOf(def), ...inputsOf(def)]) {
        expect(outcome(() => estimate(def.slug as never, input as never)), `${def.slug} ${JSON.stringify(input)}`).toEqual(outcome(() => computePrice(def, input)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  test("the breakdown of a combination is built once, frozen, and shared by its quotes", () => {
    const slug = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
    const a = estimate(slug, { resolution: "1080p", duration: "7" });
    const b = estimate(slug, { duration: "7", resolution: "1080p", prompt: "other fields do not matter" });
    expect(a).not.toBe(b);
    expect(a.breakdown).toBe(b.breakdown);
    expect(Object.isFrozen(a.breakdown) && a.breakdown.every((entry) => Object.isFrozen(entry))).toBe(true);
    expect(() => ((a.breakdown as unknown as { multiplier: string }[])[0]!.multiplier = "0")).toThrow(TypeError);
    expect(estimate(slug, { resolution: "1080p", duration: "7" }).breakdown[0]!.multiplier).toBe("3.7333");
    // The defaulted entry is another combination than the same value given.
    expect(estimate(slug, { duration: "7" }).breakdown).not.toBe(estimate(slug, { duration: "7", resolution: "720p" }).breakdown);
  });

  test("no input is the defaults; an input that is not an object is INVALID_INPUT", () => {
    for (const def of ALL) {
      expect(outcome(() => estimate(def.slug as never))).toEqual(outcome(() => computePrice(def)));
      for (const bad of [null, "x", 3, [1]]) {
        const result = outcome(() => estimate(def.slug as never, bad as never));
        expect("error" in result && result.error.code).toBe("INVALID_INPUT");
      }
    }
  });
});

// Models that spec/ does not have: every rounding rule, non-string tables, and a product beyond 2^53.
const dir = await mkdtemp(path.join(tmpdir(), "pixelbyte-straight-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const runtime = path.resolve(import.meta.dirname, "../../packages/pricing/src/runtime");

/** Generates a model's price module with the real emitter and imports it. */
async function generated(def: ModelPricing): Promise<{ price: (input?: unknown) => PriceQuote; source: string }> {
  const spec = {
    sources: { openapi: "spec/openapi.yaml", models: "spec/models.yaml", pricing: "spec/pricing.yaml" },
    models: [{ slug: def.slug, typeName: "TestModelInput", title: "Test", pricing: def, pricingSource: "https://example.com", defaultQuote: undefined }],
  } as unknown as SpecModel;
  const file = emitPricing(spec).find((f) => f.path.endsWith(`${def.slug}.gen.ts`))!;
  const source = file.content.replace(/"(?:\.\.\/)+runtime\/([a-z]+)\.js"/g, (_, name: string) => JSON.stringify(pathToFileURL(path.join(runtime, `${name}.ts`)).href));
  const at = path.join(dir, `${def.slug.replace(/\//g, "_")}.ts`);
  await writeFile(at, source);
  return { price: ((await import(pathToFileURL(at).href)) as { price: (input?: unknown) => PriceQuote }).price, source };
}

const table = (rows: Record<string, string>) => Object.fromEntries(Object.entries(rows).map(([k, text]) => {
  const [whole, fraction = ""] = text.split(".");
  return [k, { text, num: Number(whole + fraction), den: 10 ** fraction.length }];
}));

describe("generated code for shapes spec/ does not have", () => {
  test.each<RoundingRule>(["half-up", "half-even", "floor", "ceil"])("rounding %s: every combination equals computePrice", async (rounding) => {
    const def: ModelPricing = {
      slug: `test/rounding-${rounding}/x`, base: 15_000, unit: "second", rounding, arithmetic: "number",
      factors: [
        { kind: "table", field: "resolution", type: "string", default: "720p", rows: table({ "480p": "1", "720p": "1.8667", "1080p": "3.7333", odd: "0.00005", half: "0.0001" }) },
        { kind: "range", field: "duration", type: "integer", min: 1, max: 12 },
      ],
    };
    const { price } = await generated(def);
    for (const input of [...combinationsOf(def), ...inputsOf(def)]) expect(outcome(() => price(input)), JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
  });

  test("boolean, integer and number tables switch on the typed value, never its spelling", async () => {
    const def: ModelPricing = {
      slug: "test/typed/x", base: 1000, unit: "image", rounding: "half-up", arithmetic: "number",
      factors: [
        { kind: "table", field: "hd", type: "boolean", default: false, rows: table({ false: "1", true: "2.5" }) },
        { kind: "table", field: "n", type: "integer", rows: table({ 1: "1", 2: "2", 4: "4" }) },
        { kind: "table", field: "strength", type: "number", default: 0.5, rows: table({ 0.5: "1", 1: "1.2" }) },
        { kind: "table", field: "seconds", type: "integer", default: 5, rows: table({ 5: "5", 6: "6", 7: "7" }) },
      ],
    };
    const { price, source } = await generated(def);
    expect(source).toContain('table("hd", "boolean", false, [false, true], ');
    expect(source).toContain('table("seconds", "integer", 5, [5, 6, 7]);');
    for (const input of [...combinationsOf(def), ...inputsOf(def)]) expect(outcome(() => price(input)), JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
    expect(outcome(() => price({ n: 1, hd: "true" }))).toMatchObject({ error: { code: "INVALID_VALUE", field: "hd" } });
    expect(outcome(() => price({ hd: true }))).toMatchObject({ error: { code: "MISSING_FIELD", field: "n" } });
    // A required field: the signature wants an input, and a JavaScript caller's undefined prices as {} (never INVALID_INPUT).
    expect(outcome(() => (price as (input?: unknown) => PriceQuote)(undefined))).toMatchObject({ error: { code: "MISSING_FIELD", field: "n" } });
    expect(source).toContain("= {} as never): PriceQuote {");
  });

  test("a product beyond 2^53 takes the BigInt path, decided at generate time, and stays exact", async () => {
    const def: ModelPricing = {
      slug: "test/huge/x", base: 3_000_000_000_000_000, unit: "request", rounding: "half-up", arithmetic: "bigint",
      factors: [{ kind: "table", field: "tier", type: "string", default: "a", rows: table({ a: "1.0000000003", b: "4", c: "0.3333333333" }) }],
    };
    const { price, source } = await generated(def);
    expect(source).toContain("quoteBigInt(");
    for (const input of [...combinationsOf(def), ...inputsOf(def)]) expect(outcome(() => price(input)), JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
    // 3e15 × 1.0000000003 = 3,000,000,000,900,000 exactly: a float product would be off.
    expect(price({ tier: "a" }).microCents).toBe(3_000_000_000_900_000);
    expect(price({ tier: "c" }).exactMicroCents).toBe("999999999900000");
    expect(outcome(() => price({ tier: "b" }))).toMatchObject({ error: { code: "INVALID_VALUE" } });
  });

  test("a model with more value combinations than are kept builds its breakdown per call, with the same quotes", async () => {
    const def: ModelPricing = {
      slug: "test/wide/x", base: 7, unit: "second", rounding: "half-even", arithmetic: "number",
      factors: [
        { kind: "range", field: "frames", type: "integer", default: 24, min: 1, max: 5000 },
        { kind: "table", field: "tier", type: "string", default: "b", rows: table({ a: "0.5", b: "1.25" }) },
      ],
    };
    const { price, source } = await generated(def);
    expect(source).not.toContain("memo");
    const inputs = [{}, { frames: 1 }, { frames: 4999, tier: "a" }, { frames: 5000, tier: "b" }, { frames: 5001 }, { frames: "10" }, { frames: 2.5 }, { tier: "c" }, ...inputsOf(def)];
    for (const input of inputs) expect(outcome(() => price(input)), JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
    // Quotes of the same values share their frozen breakdown only where it is kept; here each call builds its own.
    expect(price({ frames: 3 }).breakdown).not.toBe(price({ frames: 3 }).breakdown);
  });

  test("a small product stays on the number path", async () => {
    const { source } = await generated({ slug: "test/small/x", base: 1000, unit: "request", rounding: "half-up", arithmetic: "number", factors: [] });
    expect(source).not.toContain("BigInt");
    expect(source).toContain("const whole = 1000;");
  });
});
