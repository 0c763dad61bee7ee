import { closestMatch, computePrice, estimate, isPricedSlug, MAX_SUGGEST_LENGTH, modelPricing, PricingError, type ModelPricing } from "@pixelbyte/pricing";
import { describe, expect, test } from "vitest";
import { literal } from "../../codegen/src/emit/render.js";

// Issue 12 §4 and §7: where a caller's value meets a price table, only the table's own keys and the
// exact written values count, every failure is a PricingError, and no input costs unbounded work.

const KLING = "kling-plus/kling-o3-standard/text-to-video";
const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";
const ALL = Object.values(modelPricing) as ModelPricing[];

/** Names that a plain `table[key]` finds on Object.prototype. */
const PROTOTYPE_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupGetter__",
];

function pricingError(fn: () => unknown): PricingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PricingError);
    return error as PricingError;
  }
  throw new Error("expected a PricingError, got a price");
}

describe("tables never see Object.prototype", () => {
  test.each(PROTOTYPE_NAMES)("estimate(Kling O3, { duration: %j }) is UNPRICED_VALUE", (name) => {
    const error = pricingError(() => estimate(KLING, { duration: name as never }));
    expect(error).toMatchObject({ code: "UNPRICED_VALUE", field: "duration", value: name, model: KLING });
    expect(error.allowed).toHaveLength(13);
  });

  test("every factor of every generated model refuses every prototype name with a PricingError", () => {
    let checked = 0;
    for (const def of ALL) {
      for (const factor of def.factors) {
        for (const name of PROTOTYPE_NAMES) {
          const error = pricingError(() => computePrice(def, { ...defaultsOf(def), [factor.field]: name }));
          expect(error.field).toBe(factor.field);
          // A string table has no such row; any other factor refuses a string of the wrong kind.
          expect(error.code).toBe(factor.kind === "table" && factor.type === "string" ? "UNPRICED_VALUE" : "INVALID_VALUE");
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test("only the input's own fields are priced: an inherited value is not in the JSON that is sent", () => {
    const inherited = Object.create({ duration: "15", has_sound: "true" }) as Record<string, unknown>;
    expect(JSON.stringify(inherited)).toBe("{}");
    expect(estimate(KLING, inherited as never).microCents).toBe(estimate(KLING, {}).microCents);
    expect(estimate(KLING, inherited as never).breakdown.every((b) => b.defaulted)).toBe(true);
  });

  test("a non-enumerable own field and a field set on Object.prototype are not in the JSON either: both price at the default", () => {
    const hidden = Object.defineProperty({ prompt: "a fox" }, "duration", { value: "15", enumerable: false }) as Record<string, unknown>;
    expect(JSON.stringify(hidden)).toBe('{"prompt":"a fox"}');
    expect(estimate(KLING, hidden as never)).toEqual(estimate(KLING, { prompt: "a fox" }));
    const proto = Object.prototype as Record<string, unknown>;
    proto["has_sound"] = "true";
    try {
      expect(estimate(KLING, { duration: "10" }).breakdown.find((b) => b.field === "has_sound")).toMatchObject({ value: "false", defaulted: true });
      expect(estimate(KLING, { duration: "10" }).microCents).toBe(840_000);
    } finally {
      delete proto["has_sound"];
    }
    // A getter that is an own enumerable field is read, as JSON.stringify reads it.
    const getter = Object.defineProperty({}, "duration", { enumerable: true, get: () => "10" });
    expect(estimate(KLING, getter as never).microCents).toBe(840_000);
  });

  test("a field called __proto__ in parsed JSON is an ordinary (unpriced) field", () => {
    const input = JSON.parse('{"__proto__": {"duration": "15"}, "duration": "3"}') as Record<string, unknown>;
    expect(estimate(KLING, input as never).microCents).toBe(252_000);
  });

  test.each<[string, unknown]>([
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["an object", { slug: KLING }],
    ["an array", [KLING]],
    ["a symbol", Symbol("slug")],
    ["a String object", new String(KLING)],
  ])("a slug that is %s is PricingError UNKNOWN_MODEL, not a TypeError", (_, slug) => {
    expect(pricingError(() => estimate(slug as never)).code).toBe("UNKNOWN_MODEL");
    expect(isPricedSlug(slug as never)).toBe(false);
  });

  test.each<[string, unknown]>([
    ["null", null],
    ["a string", "duration=10"],
    ["a number", 10],
    ["a boolean", true],
    ["an array", [["duration", "10"]]],
  ])("an input that is %s is PricingError INVALID_INPUT, not a TypeError or the default price", (_, input) => {
    expect(pricingError(() => estimate(KLING, input as never))).toMatchObject({ code: "INVALID_INPUT", model: KLING });
  });

  test("prototype names are not models either", () => {
    for (const name of PROTOTYPE_NAMES) expect(pricingError(() => estimate(name as never)).code).toBe("UNKNOWN_MODEL");
  });
});

describe("only canonical written values are priced", () => {
  test.each([" 10", "10 ", "1e1", "10.0", "010", "+10", "0x0a", "10n", "１０", "-0"])("Seedance duration %j is refused (the API's enum has only \"10\")", (value) => {
    expect(pricingError(() => estimate(SEEDANCE, { duration: value as never }))).toMatchObject({ code: "INVALID_VALUE", field: "duration", value });
  });

  test("every integer of every range factor is priced as written, and refused in any other spelling", () => {
    let ranges = 0;
    for (const def of ALL) {
      for (const factor of def.factors) {
        if (factor.kind !== "range") continue;
        ranges++;
        for (let n = factor.min; n <= factor.max; n++) {
          const canonical = factor.type === "string" ? String(n) : n;
          const input = (value: unknown) => ({ ...defaultsOf(def), [factor.field]: value });
          expect(computePrice(def, input(canonical)).breakdown.find((b) => b.field === factor.field)?.multiplier).toBe(String(n));
          for (const spelling of [` ${n}`, `${n} `, `+${n}`, `0${n}`, `${n}.0`, `${n}e0`, `${n / 10}e1`]) {
            expect(() => computePrice(def, input(spelling)), `${def.slug} ${factor.field}=${JSON.stringify(spelling)}`).toThrow(PricingError);
          }
        }
      }
    }
    expect(ranges).toBeGreaterThan(0);
  });
});

describe("generated tables hold own keys only", () => {
  test('a table row keyed "__proto__" is emitted as an own key, not as the object\'s prototype', () => {
    // As the YAML loader hands it over: "__proto__" an own key like any other.
    const rows = JSON.parse('{"__proto__": {"text": "2", "num": 2, "den": 1}, "plain": {"text": "1", "num": 1, "den": 1}}') as Record<string, unknown>;
    const source = literal({ rows });
    const built = new Function(`return ${source};`)() as { rows: Record<string, unknown> };
    expect(Object.getPrototypeOf(built.rows)).toBe(Object.prototype);
    expect(Object.keys(built.rows)).toEqual(["__proto__", "plain"]);

    const def: ModelPricing = {
      slug: "test/proto",
      base: 1000,
      unit: "request",
      rounding: "half-up",
      arithmetic: "number",
      factors: [{ kind: "table", field: "mode", type: "string", default: "plain", rows: built.rows as never }],
    };
    expect(computePrice(def, { mode: "__proto__" }).microCents).toBe(2000);
    expect(pricingError(() => computePrice(def, { mode: "constructor" })).code).toBe("UNPRICED_VALUE");
  });
});

describe("bounded work on hostile input", () => {
  test("a 300 KB slug is refused with a short message and no suggestion", () => {
    const slug = `kling-plus/${"x".repeat(300_000)}`;
    const error = pricingError(() => estimate(slug as never));
    expect(error.code).toBe("UNKNOWN_MODEL");
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).not.toContain("did you mean");
  });

  test("a 300 KB value is echoed cut short", () => {
    const error = pricingError(() => estimate(KLING, { duration: "9".repeat(300_000) as never }));
    expect(error.message.length).toBeLessThan(400);
  });

  test("suggestions still find near typos, up to the length cap and not beyond", () => {
    expect(closestMatch("kling-plus/kling-o3-standrd/text-to-video", Object.keys(modelPricing))).toBe(KLING);
    const long = "a".repeat(MAX_SUGGEST_LENGTH);
    expect(closestMatch(`${long.slice(1)}b`, [long])).toBe(long);
    expect(closestMatch(`${long}b`, [long])).toBeUndefined();
    expect(closestMatch("abc", ["x".repeat(MAX_SUGGEST_LENGTH + 1), "abd"])).toBe("abd");
    expect(closestMatch(null, ["a"])).toBeUndefined();
  });

  test("the first of equally near candidates wins, as before", () => {
    expect(closestMatch("cat", ["bat", "cut", "cat2"])).toBe("bat");
  });

  test("the bounded search suggests exactly what a plain full search suggests, on 5,000 seeded random cases", () => {
    let seed = 12;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const word = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => "abcA-/"[Math.floor(random() * 6)]).join("");
    for (let k = 0; k < 5_000; k++) {
      const w = word(14);
      const candidates = Array.from({ length: 1 + Math.floor(random() * 8) }, () => word(16));
      expect(closestMatch(w, candidates), `${JSON.stringify(w)} in ${JSON.stringify(candidates)}`).toBe(plainClosest(w, candidates));
    }
  });
});

/** Each factor at its default (or its first value), so one factor can be varied alone. */
function defaultsOf(def: ModelPricing): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.factors) {
    if (f.default !== undefined) out[f.field] = f.default;
    else if (f.kind === "range") out[f.field] = f.type === "string" ? String(f.min) : f.min;
    else {
      const key = Object.keys(f.rows)[0]!;
      out[f.field] = f.type === "string" ? key : JSON.parse(key);
    }
  }
  return out;
}

/** The suggestion rule computed the plain way (full Levenshtein table for every candidate). */
function plainClosest(word: string, candidates: string[]): string | undefined {
  if (word.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const [a, b] = [word.toLowerCase(), candidate.toLowerCase()];
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row;
    }
    if (prev[b.length]! < bestDistance) [best, bestDistance] = [candidate, prev[b.length]!];
  }
  return bestDistance <= Math.max(2, word.length / 3) ? best : undefined;
}
