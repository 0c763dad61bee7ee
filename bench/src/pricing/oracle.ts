// An exact oracle for every combination of every model's priced values: BigInt rationals, rounded
// once half-up, read straight from a root's spec/ YAML. Independent of the generator and the runtime.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { decimal, fraction, roundHalfUp, times, type Fraction } from "../synth/exact.js";

type Obj = Record<string, any>;

export interface OracleModel {
  slug: string;
  base: number;
  unit: string;
  factors: { field: string; type: string; range?: { min: number; max: number }; values: { value: unknown; multiplier: Fraction }[] }[];
}

export function loadOracle(root: string): OracleModel[] {
  const pricing = parse(readFileSync(path.join(root, "spec/pricing.yaml"), "utf8")) as Obj;
  const models = parse(readFileSync(path.join(root, "spec/models.yaml"), "utf8")) as Obj;
  const bySlug = new Map<string, Obj>(Object.values(models.components.schemas as Obj).map((s: Obj) => [s["x-slug"], s]));
  return Object.entries(pricing.models as Obj).map(([slug, entry]) => {
    const props = bySlug.get(slug)!.properties as Obj;
    return {
      slug,
      base: entry.base,
      unit: entry.unit,
      factors: (entry.factors as Obj[]).map((f) => {
        const type = props[f.field].type as string;
        const typed = (k: string) => (type === "boolean" ? k === "true" : type === "integer" || type === "number" ? Number(k) : k);
        const values = f.range
          ? Array.from({ length: f.range.max - f.range.min + 1 }, (_, i) => f.range.min + i).map((n: number) => ({ value: type === "string" ? String(n) : n, multiplier: { n: BigInt(n), d: 1n } }))
          : Object.entries(f.table as Record<string, string>).map(([k, m]) => ({ value: typed(k), multiplier: fraction(m) }));
        return { field: f.field, type, ...(f.range ? { range: f.range } : {}), values };
      }),
    };
  });
}

export function* combinations(model: OracleModel): Generator<{ input: Record<string, unknown>; exact: Fraction }> {
  function* walk(i: number, input: Record<string, unknown>, acc: Fraction): Generator<{ input: Record<string, unknown>; exact: Fraction }> {
    if (i === model.factors.length) {
      yield { input: { ...input }, exact: acc };
      return;
    }
    const factor = model.factors[i]!;
    for (const { value, multiplier } of factor.values) {
      input[factor.field] = value;
      yield* walk(i + 1, input, times(acc, multiplier));
    }
    delete input[factor.field];
  }
  yield* walk(0, {}, { n: BigInt(model.base), d: 1n });
}

export interface OracleReport {
  models: number;
  combinations: number;
  mismatches: number;
  examples: string[];
}

/** Every combination of every model through `estimate`, against the oracle: price and exact decimal. */
export function checkAll(models: OracleModel[], estimate: (slug: string, input: Record<string, unknown>) => { microCents: number; exactMicroCents: string }): OracleReport {
  let count = 0;
  const examples: string[] = [];
  let mismatches = 0;
  for (const model of models) {
    for (const { input, exact } of combinations(model)) {
      count++;
      const expected = Number(roundHalfUp(exact));
      const exactText = decimal(exact);
      let got: { microCents: number; exactMicroCents: string } | string;
      try {
        got = estimate(model.slug, input);
      } catch (error) {
        got = String(error);
      }
      if (typeof got === "string" || got.microCents !== expected || got.exactMicroCents !== exactText) {
        mismatches++;
        if (examples.length < 5) examples.push(`${model.slug} ${JSON.stringify(input)}: ${typeof got === "string" ? got : `${got.microCents} (${got.exactMicroCents})`} != ${expected} (${exactText})`);
      }
    }
  }
  return { models: models.length, combinations: count, mismatches, examples };
}
