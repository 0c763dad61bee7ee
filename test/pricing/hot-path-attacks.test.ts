import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { computePrice, modelPrices, modelPricing, PricingError, type Factor, type ModelPricing, type PriceQuote } from "@pixelbyte/pricing";
import { afterAll, describe, expect, test } from "vitest";
import { emitPricing } from "../../codegen/src/emit/emit-pricing.js";
import type { SpecModel } from "../../codegen/src/model/types.js";

// Issue 13, attacked: the generated per-model price functions (straight-line code, a memo of frozen
// breakdowns per model) must give the price of exactly what JSON.stringify sends, computePrice's
// quote and an exact BigInt product's, refuse every wrong value with a PricingError, and no call
// (nor a polluted prototype) may change what a later call returns. The first describe runs before any
// other call in this file, so its pollution meets every memo empty.

const ALL = Object.values(modelPricing) as ModelPricing[];
const priceOf = (slug: string) => modelPrices.get(slug)!;
const proto = Object.prototype as Record<PropertyKey, unknown>;
const arrayProto = Array.prototype as unknown as Record<PropertyKey, unknown>;

type Outcome = { quote: PriceQuote } | { error: Pick<PricingError, "code" | "model" | "field" | "message"> };

function outcome(fn: () => PriceQuote): Outcome {
  try {
    return { quote: structuredClone(fn()) };
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(PricingError);
    const { code, model, field, message } = error as PricingError;
    return { error: { code, model, field, message } };
  }
}

const keysOf = (f: Factor): string[] => (f.kind === "range" ? Array.from({ length: f.max - f.min + 1 }, (_, i) => String(f.min + i)) : Object.keys(f.rows));
const typed = (f: Factor, k: string): unknown => (f.type === "string" ? k : JSON.parse(k));

function* combinationsOf(def: ModelPricing, i = 0, acc: Record<string, unknown> = {}): Generator<Record<string, unknown>> {
  if (i === def.factors.length) return yield { ...acc };
  const f = def.factors[i]!;
  for (const k of keysOf(f)) yield* combinationsOf(def, i + 1, { ...acc, [f.field]: typed(f, k) });
}

/** A few inputs per model: defaults, each factor's first and last value, every combination when there are few. */
function samplesOf(def: ModelPricing): Record<string, unknown>[] {
  const all = [...combinationsOf(def)];
  return [{}, ...(all.length <= 64 ? all : [all[0]!, all[all.length - 1]!, all[all.length >> 1]!])];
}

/** The exact price, independently: base × Π num / Π den in BigInt, the declared rounding, the decimal trimmed. */
function exactPrice(def: ModelPricing, input: Record<string, unknown>): { microCents: number; exactMicroCents: string } {
  let num = BigInt(def.base);
  let den = 1n;
  for (const f of def.factors) {
    const value = Object.hasOwn(input, f.field) ? input[f.field] : f.default;
    if (f.kind === "range") num *= BigInt(String(value));
    else {
      const row = f.rows[String(value)]!;
      num *= BigInt(row.num);
      den *= BigInt(row.den);
    }
  }
  const q = num / den;
  const r = num % den;
  const up = { "half-up": 2n * r >= den, "half-even": 2n * r > den || (2n * r === den && q % 2n === 1n), floor: false, ceil: r > 0n }[def.rounding];
  const digits = String(den).length - 1;
  expect(10n ** BigInt(digits)).toBe(den);
  const exact = r === 0n ? String(q) : `${q}.${String(r).padStart(digits, "0").replace(/0+$/, "")}`;
  return { microCents: Number(q + (up ? 1n : 0n)), exactMicroCents: exact };
}

/** The rule: a quote is the price of what JSON.stringify sends; a refusal is a PricingError. */
function expectSent(def: ModelPricing, input: unknown, label: string): Outcome {
  const got = outcome(() => priceOf(def.slug)(input));
  expect(got, label).toEqual(outcome(() => computePrice(def, input as never)));
  if ("quote" in got) {
    const sent = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
    expect(outcome(() => priceOf(def.slug)(sent)), `${label}: the JSON it sends`).toEqual(got);
    expect({ microCents: got.quote.microCents, exactMicroCents: got.quote.exactMicroCents }, `${label}: exact`).toEqual(exactPrice(def, sent));
  }
  return got;
}

/** Pollutes Object.prototype's (or Array.prototype's) indexes 0..n with a fake kept detail / breakdown entry. */
function pollute(target: Record<PropertyKey, unknown>, n: number): () => void {
  const fake = Object.freeze({ exact: "1", breakdown: Object.freeze([]), field: "poison", value: "poison", multiplier: "0", defaulted: false });
  for (let i = 0; i <= n; i++) target[i] = fake;
  return () => {
    for (let i = 0; i <= n; i++) delete target[i];
  };
}

const STATES = 4200; // above the memo limit (4,096) of any model

describe("polluted prototypes before and after the first call", () => {
  test("Object.prototype indexes polluted before any model's first call: every quote is still computePrice's and exact", () => {
    const clean = pollute(proto, STATES);
    const during: Outcome[] = [];
    try {
      for (const def of ALL) for (const input of samplesOf(def)) during.push(outcome(() => priceOf(def.slug)(input)));
    } finally {
      clean();
    }
    let i = 0;
    for (const def of ALL) for (const input of samplesOf(def)) expect(during[i++], `${def.slug} ${JSON.stringify(input)}`).toEqual(outcome(() => computePrice(def, input)));
    // And nothing was kept from the pollution.
    for (const def of ALL) for (const input of samplesOf(def)) expectSent(def, input, `${def.slug} ${JSON.stringify(input)} after`);
  });

  test("Array.prototype indexes polluted while a range value is first priced: later calls do not keep the fake entry", () => {
    const ranged = ALL.filter((def) => def.factors.some((f) => f.kind === "range"));
    expect(ranged.length).toBeGreaterThan(0);
    for (const def of ranged) {
      const f = def.factors.find((x) => x.kind === "range")!;
      const last = keysOf(f).at(-1)!;
      const inputs = [{ [f.field]: typed(f, last) }, {}];
      const clean = pollute(arrayProto, STATES);
      const during = inputs.map((input) => outcome(() => priceOf(def.slug)(input)));
      clean();
      inputs.forEach((input, j) => {
        expect(during[j], `${def.slug} ${JSON.stringify(input)} polluted`).toEqual(outcome(() => computePrice(def, input)));
        expectSent(def, input, `${def.slug} ${JSON.stringify(input)} after`);
      });
    }
  });

  test("a priced field inherited from Object.prototype (before or after the first call) is not sent, so it is not priced", () => {
    for (const def of ALL) {
      for (const f of def.factors) {
        const other = keysOf(f).find((k) => typed(f, k) !== f.default) ?? keysOf(f)[0]!;
        proto[f.field] = typed(f, other);
        try {
          expectSent(def, {}, `${def.slug} inherited ${f.field}`);
          expectSent(def, Object.create({ [f.field]: typed(f, other) }), `${def.slug} own-prototype ${f.field}`);
        } finally {
          delete proto[f.field];
        }
      }
    }
  });

  test("an input with a toJSON() (own, a Date, or polluted Object.prototype) sends other fields: INVALID_INPUT", () => {
    for (const def of ALL) {
      const combos = samplesOf(def);
      const a = combos[1] ?? {};
      const b = combos.at(-1)!;
      for (const input of [{ ...a, toJSON: () => b }, Object.assign(new Date(0), a)]) {
        expect(outcome(() => priceOf(def.slug)(input)), def.slug).toMatchObject({ error: { code: "INVALID_INPUT", model: def.slug } });
        expect(outcome(() => computePrice(def, input as never)), def.slug).toMatchObject({ error: { code: "INVALID_INPUT" } });
      }
      proto.toJSON = () => b;
      try {
        expect(outcome(() => priceOf(def.slug)(a)), def.slug).toMatchObject({ error: { code: "INVALID_INPUT" } });
      } finally {
        delete proto.toJSON;
      }
      expectSent(def, a, `${def.slug} after toJSON`);
    }
  });
});

describe("quotes cannot poison the memo", () => {
  test("mutating a quote, its breakdown and its entries changes no later quote, on every model", () => {
    for (const def of ALL) {
      for (const input of samplesOf(def)) {
        const before = outcome(() => priceOf(def.slug)(input));
        if (!("quote" in before)) continue;
        const q = priceOf(def.slug)(input) as unknown as Record<string, unknown> & { breakdown: Record<string, unknown>[] };
        Reflect.set(q, "microCents", 0);
        Reflect.set(q, "exactMicroCents", "0");
        Reflect.set(q.breakdown, 0, { field: "x" });
        Reflect.set(q.breakdown, "length", 0);
        Reflect.defineProperty(q.breakdown, 5, { value: 1 });
        for (const entry of q.breakdown) {
          Reflect.set(entry, "multiplier", "0");
          Reflect.set(entry, "value", "poison");
          Reflect.deleteProperty(entry, "field");
        }
        Reflect.setPrototypeOf(q.breakdown, null);
        expect(outcome(() => priceOf(def.slug)(input)), def.slug).toEqual(before);
      }
    }
  });
});

describe("values that compare === but are sent otherwise, and other shapes", () => {
  test("every factor of every model: each value, its other spellings, -0, objects, arrays, symbols, functions", () => {
    let checked = 0;
    for (const def of ALL) {
      for (const f of def.factors) {
        const spellings = keysOf(f).flatMap((k) => [typed(f, k), k, Number(k), -Number(k), ` ${k}`, `${k}.0`, [typed(f, k)], { valueOf: () => typed(f, k), toString: () => k }, new String(k), Object(typed(f, k))]);
        const odd = [-0, 0, "-0", "1e1", "0x10", "10", 1e1, 0x10, "+10", "010", 2 ** 53 - 1, 2 ** 53, -(2 ** 53), 1e21, "9007199254740993", NaN, Infinity, null, true, false, "", Symbol("v"), () => 1, 10n, { toJSON: () => keysOf(f)[0] }];
        for (const value of [...spellings, ...odd]) {
          const label = `${def.slug} ${f.field}=${typeof value === "symbol" ? "symbol" : typeof value === "bigint" ? "bigint" : JSON.stringify(value) ?? String(value)}`;
          // A bigint value cannot be sent at all (JSON.stringify throws): it must be refused.
          if (typeof value === "bigint") {
            expect(outcome(() => priceOf(def.slug)({ [f.field]: value })), label).toMatchObject({ error: { model: def.slug } });
            continue;
          }
          const got = expectSent(def, { [f.field]: value }, label);
          // A function or a symbol is not sent (the field is omitted): priced as omitted, or refused.
          if ("quote" in got && (typeof value === "function" || typeof value === "symbol")) expect(got).toEqual(outcome(() => priceOf(def.slug)({})));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test("input shapes: null prototype, JSON.parse's own __proto__, Symbol keys, Proxy, getters, undefined fields", () => {
    for (const def of ALL) {
      for (const input of samplesOf(def)) {
        const json = JSON.stringify(input);
        const shapes: [string, unknown][] = [
          ["null prototype", Object.assign(Object.create(null) as object, input)],
          ["own __proto__", JSON.parse(json === "{}" ? `{"__proto__": ${json}}` : `{"__proto__": ${json}, ${json.slice(1)}`)],
          ["__proto__ only", JSON.parse(`{"__proto__": ${json}}`)],
          ["symbol keys", Object.fromEntries([...Object.entries(input), ...def.factors.map((f) => [Symbol(f.field), "poison"])])],
          ["proxy", new Proxy({ ...input }, {})],
          ["non-enumerable", Object.defineProperties({}, Object.fromEntries(Object.entries(input).map(([k, value]) => [k, { value, enumerable: false }])))],
          ["undefined fields", Object.fromEntries(def.factors.map((f) => [f.field, undefined]))],
          ["class instance", Object.assign(new (class Fields {})(), input)],
        ];
        for (const [name, shape] of shapes) expectSent(def, shape, `${def.slug} ${name} ${json}`);
      }
    }
  });

  test("a getter returning another value each read is read once; later calls are unaffected", () => {
    for (const def of ALL) {
      const combos = samplesOf(def).slice(1);
      if (combos.length < 2) continue;
      const [a, b] = [combos[0]!, combos.at(-1)!];
      const before = [outcome(() => priceOf(def.slug)(a)), outcome(() => priceOf(def.slug)(b))];
      let reads = 0;
      const flip = Object.defineProperties({}, Object.fromEntries(def.factors.map((f) => [f.field, { enumerable: true, get: () => (reads++ % 2 ? b : a)[f.field] }])));
      const got = outcome(() => priceOf(def.slug)(flip));
      expect(reads, def.slug).toBe(def.factors.length);
      // The for-in reads each priced field once, in the input's order: a's value, b's, a's...
      const seen = Object.fromEntries(def.factors.map((f, i) => [f.field, (i % 2 ? b : a)[f.field]]));
      expect(got, def.slug).toEqual(outcome(() => priceOf(def.slug)(seen)));
      expect([outcome(() => priceOf(def.slug)(a)), outcome(() => priceOf(def.slug)(b))], def.slug).toEqual(before);
    }
  });
});

// Synthetic models through the real emitter: memo kept (few combinations) and not (> 4,096), the BigInt path.
const dir = await mkdtemp(path.join(tmpdir(), "pixelbyte-hot-path-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const runtime = path.resolve(import.meta.dirname, "../../packages/pricing/src/runtime");

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

const rows = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([k, text]) => {
  const [whole, fraction = ""] = text.split(".");
  return [k, { text, num: Number(whole + fraction), den: 10 ** fraction.length }];
}));

describe("synthetic models: memo kept, memo not kept, BigInt", () => {
  const models: [string, ModelPricing, (src: string) => boolean][] = [
    ["kept memo", { slug: "attack/kept/x", base: 15_000, unit: "second", rounding: "half-even", arithmetic: "number", factors: [
      { kind: "table", field: "n", type: "integer", default: 0, rows: rows({ 0: "1", 1: "1.5", 10: "2.25" }) },
      { kind: "table", field: "s", type: "string", default: "1", rows: rows({ 1: "1", 10: "3.3333" }) },
      { kind: "range", field: "seconds", type: "string", default: "5", min: 0, max: 20 },
    ] }, (src) => src.includes("const memo = slots<Detail>(")],
    ["no memo", { slug: "attack/wide/x", base: 7, unit: "second", rounding: "ceil", arithmetic: "number", factors: [
      { kind: "range", field: "frames", type: "integer", default: 24, min: 0, max: 9000 },
      { kind: "table", field: "x", type: "number", default: 0.5, rows: rows({ 0: "1", 0.5: "1.25" }) },
    ] }, (src) => !src.includes("memo")],
    ["BigInt", { slug: "attack/huge/x", base: 3_000_000_000_000_000, unit: "request", rounding: "half-up", arithmetic: "bigint", factors: [
      { kind: "table", field: "tier", type: "string", default: "a", rows: rows({ a: "1.0000000003", c: "0.3333333333" }) },
      { kind: "range", field: "k", type: "integer", default: 1, min: 0, max: 2 },
    ] }, (src) => src.includes("quoteBigInt(")],
  ];

  test.each(models)("%s: polluted before the first call, -0, spellings, near 2^53, and the exact price", async (_, def, shape) => {
    const { price, source } = await generated(def);
    expect(shape(source)).toBe(true);
    const all = [{}, ...combinationsOf(def)];
    const sample = all.length > 300 ? all.filter((_, i) => i % 97 === 0 || i === all.length - 1) : all;
    const clean = [pollute(proto, STATES), pollute(arrayProto, STATES)];
    const during = sample.map((input) => outcome(() => price(input)));
    clean.forEach((c) => c());
    sample.forEach((input, i) => {
      expect(during[i], JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
      expect(outcome(() => price(input)), JSON.stringify(input)).toEqual(outcome(() => computePrice(def, input)));
      const got = outcome(() => price(input));
      if ("quote" in got) expect({ microCents: got.quote.microCents, exactMicroCents: got.quote.exactMicroCents }).toEqual(exactPrice(def, JSON.parse(JSON.stringify(input))));
    });
    for (const f of def.factors) {
      for (const value of [-0, 0, "0", "-0", 10, "10", 1e1, "1e1", 0x10, "0x10", " 10", "010", 0.5, "0.5", 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 31, "9007199254740991", 1.0000000000000002]) {
        const input = { [f.field]: value };
        const got = outcome(() => price(input));
        expect(got, `${f.field}=${JSON.stringify(value)}`).toEqual(outcome(() => computePrice(def, input)));
        if ("quote" in got) expect(outcome(() => price(JSON.parse(JSON.stringify(input)))), `${f.field}=${JSON.stringify(value)} sent`).toEqual(got);
      }
    }
  });
});

describe("a range of 1,000 values just below 2^53 (the most a priced field has)", () => {
  const M = Number.MAX_SAFE_INTEGER;
  const cases: [string, number, "integer" | "string", number, string][] = [
    ["integer, BigInt product", 3, "integer", M, "quoteBigInt("],
    ["string, BigInt product", 3, "string", M, "quoteBigInt("],
    // base × max + 1 = 2^53 - 1: the number path, at its very edge.
    ["integer, number product", 1, "integer", M - 1, "detail("],
    ["string, number product", 1, "string", M - 1, "detail("],
  ];
  test.each(cases)("%s: values near 2^53 are exact or refused, never a rounded float", async (name, base, type, max, path) => {
    const min = max - 999;
    const spell = (n: number) => (type === "string" ? String(n) : n);
    const def: ModelPricing = { slug: `attack/near-${name.replace(/\W+/g, "-")}/x`, base, unit: "second", rounding: "half-up", arithmetic: path === "quoteBigInt(" ? "bigint" : "number", factors: [
      { kind: "range", field: "n", type, default: spell(min + 1), min, max },
      // A tenth on the BigInt path; the number path's only multiplier is 1 (one more digit would not fit).
      { kind: "table", field: "t", type: "string", default: "a", rows: rows(base === 3 ? { a: "1", b: "0.1" } : { a: "1" }) },
    ] };
    const { price, source } = await generated(def);
    expect(source).toContain(path);
    const values: unknown[] = [min - 1, min, min + 1, max - 1, max, max + 1, max + 2, 2 ** 53, 2 ** 53 + 2, 1e21, -0, 0].flatMap((n) => [spell(n), n, String(n)]);
    values.push("1e1", "0x10", "-0", ` ${max}`, `0${max}`, `${max}.0`, `+${max}`, "9007199254740993");
    const clean = [pollute(proto, 4200), pollute(arrayProto, 4200)];
    const during = values.map((v) => outcome(() => price({ n: v })));
    clean.forEach((c) => c());
    values.forEach((v, j) => {
      for (const t of [undefined, "a", "b"]) {
        const input = t === undefined ? { n: v } : { n: v, t };
        const label = JSON.stringify(input);
        const got = outcome(() => price(input));
        if (t === undefined) expect(during[j], `${label} polluted`).toEqual(got);
        expect(got, label).toEqual(outcome(() => computePrice(def, input)));
        if ("quote" in got) {
          expect(outcome(() => price(JSON.parse(label))), `${label} sent`).toEqual(got);
          expect({ microCents: got.quote.microCents, exactMicroCents: got.quote.exactMicroCents }, label).toEqual(exactPrice(def, JSON.parse(label)));
        }
      }
    });
    if (base === 3) {
      expect(outcome(() => price({ n: spell(max), t: "b" }))).toMatchObject({ quote: { exactMicroCents: "2702159776422297.3", microCents: 2702159776422297 } });
      expect(outcome(() => price({ n: spell(max) }))).toMatchObject({ error: { code: "INVALID_VALUE" } });
    } else expect(outcome(() => price({ n: spell(max) }))).toMatchObject({ quote: { exactMicroCents: String(max), microCents: max } });
  });
});
