import { estimate, pricedSlugs, type PricedSlug } from "@pixelbyte/pricing";
import { expect, test } from "vitest";
import { combinations, decimal, loadOracle, roundHalfUp } from "./oracle.js";

const models = loadOracle();

test("every priced combination of every model equals the exact-rational oracle", () => {
  let checked = 0;
  const mismatches: string[] = [];
  for (const model of models) {
    for (const { input, exact } of combinations(model)) {
      const quote = estimate(model.slug as PricedSlug, input as never);
      const expected = Number(roundHalfUp(exact));
      if (quote.microCents !== expected || quote.exactMicroCents !== decimal(exact)) {
        mismatches.push(`${model.slug} ${JSON.stringify(input)}: ${quote.microCents} (${quote.exactMicroCents}) != ${expected} (${decimal(exact)})`);
      }
      checked++;
    }
  }
  expect(mismatches).toEqual([]);
  // Every generated price is checked by the oracle, and nothing else: no hard-coded count, so adding a
  // model changes only the spec and the generated files.
  expect(models.map((m) => m.slug).sort()).toEqual([...pricedSlugs].sort());
  // Reported in the closing note; the exact count moves only when spec/pricing.yaml does.
  console.log(`pricing oracle: ${checked} combinations of ${models.length} models checked`);
  expect(checked).toBeGreaterThan(1000);
});

test("every worked example in spec/pricing.yaml reproduces exactly", () => {
  let count = 0;
  for (const model of models) {
    for (const example of model.examples) {
      const quote = estimate(model.slug as PricedSlug, example.input as never);
      expect(quote.microCents, `${model.slug} ${JSON.stringify(example.input)}`).toBe(example.micro_cents);
      if (example.exact !== undefined) expect(quote.exactMicroCents).toBe(example.exact);
      count++;
    }
  }
  expect(count).toBeGreaterThanOrEqual(models.length);
});
