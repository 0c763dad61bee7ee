// An independent exact price oracle for the tests: reads spec/ directly and multiplies BigInt
// rationals. It shares no code with the generator or the pricing runtime.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface Fraction {
  n: bigint;
  d: bigint;
}

export interface OracleFactor {
  field: string;
  type: string;
  /** Every value the field can take, with its exact multiplier. */
  values: { value: string | number | boolean; multiplier: Fraction }[];
}

export interface OracleModel {
  slug: string;
  base: bigint;
  factors: OracleFactor[];
  examples: { input: Record<string, unknown>; micro_cents: number; exact?: string }[];
}

function fraction(text: string): Fraction {
  const [whole, frac = ""] = text.split(".");
  return { n: BigInt(whole! + frac), d: 10n ** BigInt(frac.length) };
}

function typed(type: string, key: string): string | number | boolean {
  if (type === "boolean") return key === "true";
  if (type === "integer" || type === "number") return Number(key);
  return key;
}

export function loadOracle(): OracleModel[] {
  const pricing = parse(readFileSync(path.join(root, "spec/pricing.yaml"), "utf8"));
  const models = parse(readFileSync(path.join(root, "spec/models.yaml"), "utf8"));
  const schemas = Object.values(models.components.schemas) as { "x-slug": string; properties: Record<string, { type: string }> }[];
  return Object.entries(pricing.models as Record<string, any>).map(([slug, entry]) => {
    const props = schemas.find((s) => s["x-slug"] === slug)!.properties;
    const factors: OracleFactor[] = entry.factors.map((f: any) => {
      const type = props[f.field]!.type;
      const values = f.range
        ? Array.from({ length: f.range.max - f.range.min + 1 }, (_, i) => f.range.min + i).map((n: number) => ({
            value: type === "string" ? String(n) : n,
            multiplier: { n: BigInt(n), d: 1n },
          }))
        : Object.entries(f.table as Record<string, string>).map(([k, m]) => ({ value: typed(type, k), multiplier: fraction(m) }));
      return { field: f.field, type, values };
    });
    return { slug, base: BigInt(entry.base), factors, examples: entry.examples };
  });
}

/** Every combination of a model's priced values, as inputs with their exact product. */
export function* combinations(model: OracleModel): Generator<{ input: Record<string, unknown>; exact: Fraction }> {
  function* walk(i: number, input: Record<string, unknown>, acc: Fraction): Generator<{ input: Record<string, unknown>; exact: Fraction }> {
    if (i === model.factors.length) {
      yield { input: { ...input }, exact: acc };
      return;
    }
    const factor = model.factors[i]!;
    for (const { value, multiplier } of factor.values) {
      yield* walk(i + 1, { ...input, [factor.field]: value }, { n: acc.n * multiplier.n, d: acc.d * multiplier.d });
    }
  }
  yield* walk(0, {}, { n: model.base, d: 1n });
}

/** Round half up (the rule spec/pricing.yaml declares), by comparing twice the remainder with the divisor. */
export function roundHalfUp({ n, d }: Fraction): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

/** The exact value as a trimmed decimal string: the divisor is a power of ten. */
export function decimal({ n, d }: Fraction): string {
  const digits = d.toString().length - 1;
  if (digits === 0) return n.toString();
  const s = n.toString().padStart(digits + 1, "0");
  const out = `${s.slice(0, -digits)}.${s.slice(-digits)}`.replace(/0+$/, "").replace(/\.$/, "");
  return out;
}
