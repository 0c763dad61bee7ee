// What `pricing verify` plans to send: every combination in enumeration order, or a seeded sample.
import { combinationAt, combinationsOf, estimateInput, loadWorkingTree, planCombinations } from "@pixelbyte/pricing-audit";
import { validateModelInput } from "@pixelbyte/client";
import { describe, expect, test } from "vitest";
import { here } from "./helpers.js";

const revision = await loadWorkingTree({ cwd: here });
const keys = (c: readonly { key: string }[]) => c.map((v) => v.key).join(",");

describe("planned combinations", () => {
  test("combinationAt(i) is the i-th combination of combinationsOf, for every model of the spec", () => {
    for (const model of revision.models) {
      const all = [...combinationsOf(model)];
      all.forEach((c, i) => expect(keys(combinationAt(model, BigInt(i))), model.slug).toBe(keys(c)));
      expect(() => combinationAt(model, BigInt(all.length))).toThrow(RangeError);
    }
  });

  test("a sample: min(N, all) distinct combinations per model, in enumeration order, the same for the same seed", () => {
    const a = planCombinations(revision.models, { perModel: 5, seed: 42 });
    const b = planCombinations(revision.models, { perModel: 5, seed: 42 });
    const c = planCombinations(revision.models, { perModel: 5, seed: 43 });
    const indices = (p: typeof a) => p.map((m) => m.combinations.map((x) => x.index));
    expect(indices(a)).toEqual(indices(b));
    expect(indices(a)).not.toEqual(indices(c));
    for (const m of a) {
      const total = [...combinationsOf(m.model)].length;
      const idx = m.combinations.map((x) => x.index);
      expect(idx).toHaveLength(Math.min(5, total));
      expect([...idx].sort((x, y) => (x < y ? -1 : 1))).toEqual(idx);
      expect(new Set(idx).size).toBe(idx.length);
      expect(idx.every((i) => i >= 0n && i < BigInt(total))).toBe(true);
    }
  });

  test("every estimate input (priced values plus placeholders for required fields) passes the client's own validation", () => {
    for (const { model, combinations } of planCombinations(revision.models, undefined)) {
      for (const { combination } of combinations) expect(() => validateModelInput(model.slug, estimateInput(model, combination)), model.slug).not.toThrow();
    }
  });
});
