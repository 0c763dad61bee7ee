import { estimate } from "@pixelbyte/pricing";
import { price } from "@pixelbyte/pricing/models/kling-plus/kling-o3-standard/text-to-video";
import { expect, test } from "vitest";

const slug = "kling-plus/kling-o3-standard/text-to-video";
const durations = ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"] as const;

test("all 26 Kling O3 Standard combinations: 84,000 × seconds × (1 or 1.5)", () => {
  let checked = 0;
  for (const duration of durations) {
    for (const has_sound of ["false", "true"] as const) {
      // Computed here from the page's table: 84,000 µ¢/s, sound ×1.5 = ×3/2.
      const expected = has_sound === "true" ? (84_000 * Number(duration) * 3) / 2 : 84_000 * Number(duration);
      const quote = estimate(slug, { prompt: "a city at night", duration, has_sound });
      expect(quote.microCents).toBe(expected);
      expect(quote.rounded).toBe(false);
      expect(price({ duration, has_sound }).microCents).toBe(expected);
      checked++;
    }
  }
  expect(checked).toBe(26);
});

test("defaults apply when fields are omitted: 5 s without sound is 420,000", () => {
  const quote = estimate(slug, { prompt: "x" });
  expect(quote.microCents).toBe(420_000);
  expect(quote.breakdown).toEqual([
    { field: "duration", value: "5", multiplier: "5", defaulted: true },
    { field: "has_sound", value: "false", multiplier: "1", defaulted: true },
  ]);
});

test("10 s with sound is 1,260,000 and says which multipliers applied", () => {
  const quote = estimate(slug, { prompt: "x", duration: "10", has_sound: "true" });
  expect(quote).toMatchObject({ microCents: 1_260_000, exactMicroCents: "1260000", baseMicroCents: 84_000, unit: "second" });
  expect(quote.breakdown.map((b) => `${b.field}=${String(b.value)}×${b.multiplier}`)).toEqual(["duration=10×10", "has_sound=true×1.5"]);
});
