import { computePrice, estimate, formatMicroCents, formatUsd, modelPricing, PricingError, type ModelPricing, type RoundingRule } from "@pixelbyte/pricing";
import { describe, expect, test } from "vitest";

const seedance = "bytedance-plus/seedance-1.5-pro-super/image-to-video";

function rejection(fn: () => unknown): PricingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PricingError);
    return error as PricingError;
  }
  throw new Error("expected a PricingError");
}

describe("Seedance half micro-cents", () => {
  test("the page's default (720p, audio, 5 s) is 280,005 exactly", () => {
    const quote = estimate(seedance, { prompt: "p", image_url: "u" });
    expect(quote).toMatchObject({ microCents: 280_005, exactMicroCents: "280005", rounded: false });
  });

  test("720p without audio, 5 s is exactly 140,002.5 and rounds half up once, to 140,003", () => {
    const quote = estimate(seedance, { resolution: "720p", generate_audio: false, duration: "5" });
    expect(quote).toMatchObject({ microCents: 140_003, exactMicroCents: "140002.5", rounded: true, rounding: "half-up" });
  });

  test.each<[RoundingRule, number]>([
    ["half-up", 140_003],
    ["half-even", 140_002],
    ["floor", 140_002],
    ["ceil", 140_003],
  ])("the declared rule is the only rounding: %s gives %i", (rounding, expected) => {
    const def = { ...modelPricing[seedance], rounding };
    expect(computePrice(def, { resolution: "720p", generate_audio: false, duration: "5" }).microCents).toBe(expected);
  });

  test("1080p, no audio, 7 s: 15,000 × 3.7333 × 7 = 391,996.5 → 391,997", () => {
    expect(estimate(seedance, { resolution: "1080p", generate_audio: false, duration: "7" })).toMatchObject({ microCents: 391_997, exactMicroCents: "391996.5" });
  });
});

describe("typed errors, never a silent 0", () => {
  test("unknown slug, with the closest model suggested", () => {
    const error = rejection(() => estimate("kling-plus/kling-o3-standrd/text-to-video" as never));
    expect(error.code).toBe("UNKNOWN_MODEL");
    expect(error.message).toContain('did you mean "kling-plus/kling-o3-standard/text-to-video"');
  });

  test("a value outside the table lists the priced values", () => {
    const error = rejection(() => estimate("kling-plus/kling-o3-standard/text-to-video", { duration: "16" as never }));
    expect(error).toMatchObject({ code: "UNPRICED_VALUE", field: "duration", value: "16" });
    expect(error.allowed).toHaveLength(13);
  });

  test("the right value in the wrong JSON type is rejected (has_sound is a string)", () => {
    const error = rejection(() => estimate("kling-plus/kling-o3-standard/text-to-video", { has_sound: true as never }));
    expect(error).toMatchObject({ code: "INVALID_VALUE", field: "has_sound" });
    expect(error.message).toContain("(got true (a boolean))");
  });

  test("generate_audio is a real boolean: the string \"true\" is rejected", () => {
    expect(rejection(() => estimate(seedance, { generate_audio: "true" as never })).code).toBe("INVALID_VALUE");
  });

  test("a range factor rejects values outside its range", () => {
    expect(rejection(() => estimate(seedance, { duration: "13" as never })).message).toContain("an integer from 4 to 12");
  });

  test("a priced field with no default must be given", () => {
    const error = rejection(() => estimate("xai/grok-imagine/image-to-video", { resolution: "480p" } as never));
    expect(error).toMatchObject({ code: "MISSING_FIELD", field: "duration" });
  });

  test("prototype keys are not models", () => {
    expect(rejection(() => estimate("toString" as never)).code).toBe("UNKNOWN_MODEL");
  });
});

describe("arithmetic", () => {
  test("the number and BigInt paths agree on every model's extreme combinations", () => {
    for (const def of Object.values(modelPricing) as ModelPricing[]) {
      const big: ModelPricing = { ...def, arithmetic: "bigint" };
      const inputs = [{}, ...def.factors.map(() => ({}))];
      for (const input of inputs) {
        let number;
        try {
          number = computePrice(def, input);
        } catch {
          continue; // a priced field without default: covered by the combination test
        }
        expect(computePrice(big, input)).toEqual(number);
      }
    }
  });

  test("products beyond 2^53 are exact on the BigInt path", () => {
    const def: ModelPricing = {
      slug: "test/huge",
      base: 9_007_199_254,
      unit: "request",
      rounding: "half-up",
      arithmetic: "bigint",
      factors: [{ kind: "table", field: "x", type: "string", default: "a", rows: { a: { text: "999999.99995", num: 99999999995, den: 100000 } } }],
    };
    // 9,007,199,254 × 999,999.99995 = 9,007,199,253,549,640.0373: the numerator is ~2^66 before the division,
    // and a float would print 9007199253549640 without the fraction.
    const quote = computePrice(def, {});
    expect(quote.exactMicroCents).toBe("9007199253549640.0373");
    expect(quote.microCents).toBe(9_007_199_253_549_640);
    expect(() => computePrice({ ...def, base: def.base * 2 }, {})).toThrow(/largest safe integer/);
  });

  test("issue 12: a multiplier with 40 decimals is exact (bigint terms), on either declared path", () => {
    const long: ModelPricing = {
      slug: "test/long-decimal",
      base: 84_000,
      unit: "second",
      rounding: "half-up",
      arithmetic: "bigint",
      factors: [
        { kind: "table", field: "has_sound", type: "string", default: "true", rows: { true: { text: "1.5000000000000000000000000000000000000001", num: 15000000000000000000000000000000000000001n, den: 10n ** 40n } } },
        { kind: "range", field: "duration", type: "string", default: "10", min: 3, max: 15 },
      ],
    };
    // A double holds 1.5 exactly, so a lossy multiplier would price 1,260,000 with no fraction at all.
    const expected = { microCents: 1_260_000, exactMicroCents: "1260000.000000000000000000000000000000000084", rounded: true };
    expect(computePrice(long, {})).toMatchObject(expected);
    // A hand-written definition that says "number" still multiplies a bigint multiplier exactly.
    expect(computePrice({ ...long, arithmetic: "number" }, {})).toMatchObject(expected);
  });
});

describe("money formatting is exact", () => {
  test.each([
    [420_000, "$0.42"],
    [1_260_000, "$1.26"],
    ["140002.5", "$0.1400025"],
    [1, "$0.000001"],
    [0, "$0.00"],
    [123_456_789_012, "$123456.789012"],
  ])("%s µ¢ = %s", (microCents, usd) => {
    expect(formatUsd(microCents)).toBe(usd);
  });

  test("grouping", () => {
    expect(formatMicroCents(1_260_000)).toBe("1,260,000");
    expect(formatMicroCents("140002.5")).toBe("140,002.5");
  });
});
