import type { Factor, ModelPricing, RoundingRule } from "@pixelbyte/pricing/runtime";
import { outputDirs } from "../config.js";
import { prefixToSrc } from "../model/names.js";
import type { ModelEntry, SpecModel } from "../model/types.js";
import type { EmitContext, ModelContext } from "./model-outputs.js";
import { docText, header, literal, render, renderChunks, renderJoined, type GeneratedFile } from "./render.js";

/** The index template's chunks of one model, rendered when it is built (kept between runs: JSON only). */
export interface PricingMapView {
  index: string[];
}

/** What the index template reads of one model. */
interface PricingMapItem {
  slugLiteral: string;
  pricingName: string;
  priceName: string;
  pricedInputName: string;
  importPath: string;
}

/** One model's price function file, and its lines in the slug -> pricing map. */
export function emitPricingModel(m: ModelEntry, ctx: ModelContext): { files: GeneratedFile[]; view: PricingMapView } {
  const item: PricingMapItem = {
    slugLiteral: literal(m.slug),
    pricingName: `${m.typeName.replace(/Input$/, "")}Pricing`,
    priceName: `${m.typeName.replace(/Input$/, "")}Price`,
    pricedInputName: `${m.typeName.replace(/Input$/, "")}PricedInput`,
    importPath: `./models/${m.slug}.gen.js`,
  };
  const content = render("pricing-model", {
    header: header(ctx.sources.pricing),
    ...item,
    summary: docText(summaryOf(m)),
    toSrc: prefixToSrc(m.slug),
    pricingLiteral: literal(m.pricing),
    pricedInputBody: pricedInputBody(m.pricing.factors),
    // Callable with no argument when every priced field has a default.
    parameter: `input: PricedInput & Readonly<Record<string, unknown>>${m.pricing.factors.every((f) => f.default !== undefined) ? " = {}" : ""}`,
    formula: docText(formulaOf(m.pricing)),
    ...priceBody(m.pricing),
  });
  return { files: [{ path: `${outputDirs.pricingGen}/models/${m.slug}.gen.ts`, content }], view: { index: renderChunks("pricing-index", item) } };
}

/** The thin slug -> pricing map over every model. */
export function emitPricingIndex(views: readonly PricingMapView[], ctx: EmitContext): GeneratedFile[] {
  return [{ path: `${outputDirs.pricingGen}/index.gen.ts`, content: renderJoined("pricing-index", { header: header(ctx.sources.pricing) }, () => [views.map((v) => v.index)]) }];
}

/** One price function per model, plus the thin slug -> pricing map. */
export function emitPricing(model: SpecModel): GeneratedFile[] {
  const ctx = { sources: model.sources, rounding: model.rounding, errorCodes: model.errorCodes };
  const outputs = model.models.map((m) => emitPricingModel(m, ctx));
  return [...outputs.flatMap((o) => o.files), ...emitPricingIndex(outputs.map((o) => o.view), ctx)];
}

function summaryOf(m: ModelEntry): string {
  const factors = m.pricing.factors.map((f) => f.field);
  const formula = [`${m.pricing.base} micro-cents per ${m.pricing.unit}`, ...factors].join(" × ");
  const fallback = m.defaultQuote ? ` Default ${m.defaultQuote.microCents} micro-cents.` : "";
  return `${m.title} (${m.slug}): ${formula}.${fallback} Source: ${m.pricingSource}`;
}

/** `{ duration?: "3" | "4"; has_sound?: "false" | "true"; }`: optional exactly when the field has a default. */
function pricedInputBody(factors: readonly Factor[]): string {
  if (factors.length === 0) return "{}";
  const members = factors.map((f) => `  ${JSON.stringify(f.field)}${f.default === undefined ? "" : "?"}: ${valueType(f)};`);
  return `{\n${members.join("\n")}\n}`;
}

function valueType(f: Factor): string {
  if (f.type === "boolean") return "boolean";
  const keys: string[] = [];
  if (f.kind === "range") for (let n = f.min; n <= f.max; n++) keys.push(String(n));
  else keys.push(...Object.keys(f.rows));
  return keys.map((k) => (f.type === "string" ? JSON.stringify(k) : k)).join(" | ");
}

/** Largest price product the number path computes exactly (every intermediate stays a safe integer). */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** One factor as the generated code computes it: its multipliers scaled to one power-of-ten denominator. */
interface ScaledFactor {
  factor: Factor;
  /** The factor's denominator: the largest of its multipliers' (each a power of ten). */
  den: bigint;
  /** The largest scaled numerator, to decide at generate time whether the product stays below 2^53. */
  max: bigint;
}

function scaled(factor: Factor): ScaledFactor {
  if (factor.kind === "range") return { factor, den: 1n, max: BigInt(factor.max) };
  const rows = Object.values(factor.rows);
  const den = rows.reduce((d, r) => (BigInt(r.den) > d ? BigInt(r.den) : d), 1n);
  const max = rows.reduce((m, r) => {
    const n = (BigInt(r.num) * den) / BigInt(r.den);
    return n > m ? n : m;
  }, 0n);
  return { factor, den, max };
}

/** "84000 micro-cents per second × duration × has_sound ÷ 10, rounded half-up" for the docstring. */
function formulaOf(p: ModelPricing): string {
  const factors = p.factors.map(scaled);
  const den = factors.reduce((d, f) => d * f.den, 1n);
  return [`${p.base} micro-cents per ${p.unit}`, ...p.factors.map((f) => f.field)].join(" × ") + (den === 1n ? "" : ` ÷ ${den}`) + `, rounded ${p.rounding}`;
}

/**
 * The body of a model's price function, straight-line: per factor, its own field (or default), an
 * exact-value switch giving the scaled multiplier (only the values the spec writes, compared with ===:
 * no prototype, no other spelling), then base × multipliers ÷ one denominator, rounded once. Number
 * arithmetic when the dearest product is a safe integer (decided here), BigInt otherwise.
 */
function priceBody(p: ModelPricing): { tables: string; body: string; runtimeImports: string } {
  const factors = p.factors.map(scaled);
  const den = factors.reduce((d, f) => d * f.den, 1n);
  let dearest = BigInt(p.base);
  let largest = dearest;
  for (const f of factors) {
    dearest *= f.max;
    if (dearest > largest) largest = dearest;
  }
  const big = largest > MAX_SAFE || den * 2n > MAX_SAFE;
  const n = (v: bigint) => (big ? `${v}n` : String(v));
  const imports = new Set(["fieldsOf", "ownField", ...(big ? ["quoteBigInt"] : [])]);
  const lines: string[] = ["const fields = fieldsOf(slug, input);"];
  const tables: string[] = [];
  const breakdown: string[] = [];
  factors.forEach(({ factor: f, den: fden }, i) => {
    const [v, d, m, t] = [`v${i}`, `d${i}`, `m${i}`, `t${i}`];
    const field = JSON.stringify(f.field);
    lines.push(`let ${v} = ownField(fields, ${field});`);
    if (f.default === undefined) {
      imports.add("missingField");
      lines.push(`if (${v} === undefined) throw missingField(slug, ${field});`);
      lines.push(`const ${d} = false;`);
    } else {
      lines.push(`const ${d} = ${v} === undefined;`);
      lines.push(`if (${d}) ${v} = ${JSON.stringify(f.default)};`);
    }
    let text: string;
    if (f.kind === "range") {
      imports.add("rangeValue");
      const value = `rangeValue(slug, ${field}, ${JSON.stringify(f.type)}, ${f.min}, ${f.max}, ${v})`;
      lines.push(`const ${m} = ${big ? `BigInt(${value})` : value};`);
      text = `String(${m})`;
    } else {
      imports.add("unpricedValue");
      // The values the spec prices, as the caller writes them, and each one's multiplier (× the factor's
      // denominator): found by indexOf, that is by ===, so no other spelling and no prototype member.
      const entries = Object.entries(f.rows).filter(([key]) => caseLabel(f, key) !== undefined);
      const allCanonical = entries.length === Object.keys(f.rows).length;
      const sameText = entries.every(([key, row]) => row.text === key);
      tables.push(`const values${i} = [${entries.map(([key]) => caseLabel(f, key)).join(", ")}];`);
      tables.push(`const times${i} = [${entries.map(([, row]) => n((BigInt(row.num) * fden) / BigInt(row.den))).join(", ")}];`);
      if (!sameText) tables.push(`const texts${i} = ${JSON.stringify(entries.map(([, row]) => row.text))};`);
      const allowed = allCanonical ? `values${i}` : JSON.stringify(Object.keys(f.rows));
      lines.push(`const i${i} = values${i}.indexOf(${v} as never);`);
      lines.push(`if (i${i} < 0) throw unpricedValue(slug, ${field}, ${JSON.stringify(f.type)}, ${v}, ${allowed});`);
      lines.push(`const ${m} = times${i}[i${i}]!;`);
      text = sameText ? (f.type === "string" ? `${v} as string` : `String(${v})`) : `texts${i}[i${i}]!`;
    }
    breakdown.push(`{ field: ${field}, value: ${v} as string | number | boolean, multiplier: ${text}, defaulted: ${d} }`);
  });
  const product = [n(BigInt(p.base)), ...factors.map((_, i) => `m${i}`)].join(" * ");
  const items = breakdown.length ? `\n  ${breakdown.join(",\n  ")},\n` : "";
  if (big) {
    lines.push(`return quoteBigInt(slug, ${p.base}, ${JSON.stringify(p.unit)}, ${JSON.stringify(p.rounding)}, ${product}, ${n(den)}, [${items}]);`);
  } else if (den === 1n) {
    lines.push(`const microCents = ${product};`);
    lines.push(`return ${quoteLiteral(p, "String(microCents)", "false", items)};`);
  } else {
    const digits = String(den).length - 1;
    lines.push(`const num = ${product};`);
    lines.push(`// One exact division by ${den}, rounded ${p.rounding}.`);
    lines.push(`const rest = num % ${den};`);
    lines.push(`const whole = (num - rest) / ${den};`);
    lines.push(`const microCents = ${roundedQuotient(p.rounding, den)};`);
    // The exact decimal: the digits of the remainder, without trailing zeros.
    if (digits > 1) imports.add("fractionDigits");
    const fraction = digits === 1 ? "rest" : `fractionDigits(rest, ${digits})`;
    lines.push(`const exact = rest === 0 ? String(whole) : whole + "." + ${fraction};`);
    lines.push(`return ${quoteLiteral(p, "exact", "rest !== 0", items)};`);
  }
  return { tables: tables.join("\n"), body: lines.map((l) => `  ${l.replace(/\n/g, "\n  ")}`).join("\n"), runtimeImports: [...imports].sort().join(", ") };
}

/**
 * `num / den` rounded by `rule`, as a TypeScript expression of `whole` (= (num - rest) / den, exact)
 * and `rest` (= num % den), both safe integers: the rule adds one or not.
 */
export function roundedQuotient(rule: RoundingRule, den: bigint): string {
  switch (rule) {
    case "floor":
      return "whole";
    case "ceil":
      return "whole + (rest > 0 ? 1 : 0)";
    case "half-up":
      return `whole + (rest * 2 >= ${den} ? 1 : 0)`;
    case "half-even":
      return `whole + (rest * 2 > ${den} || (rest * 2 === ${den} && whole % 2 === 1) ? 1 : 0)`;
  }
}

/** The PriceQuote object, its fields in the order computePrice gives them. */
function quoteLiteral(p: ModelPricing, exact: string, rounded: string, items: string): string {
  const fields = [
    "model: slug",
    "microCents",
    `exactMicroCents: ${exact}`,
    `rounded: ${rounded}`,
    `rounding: ${JSON.stringify(p.rounding)}`,
    `baseMicroCents: ${p.base}`,
    `unit: ${JSON.stringify(p.unit)}`,
    `breakdown: [${items.replace(/\n/g, "\n  ")}]`,
  ];
  return `{\n  ${fields.join(",\n  ")},\n}`;
}

/** The `case` label matching exactly the values the table key stands for, or undefined when none does. */
function caseLabel(f: Factor, key: string): string | undefined {
  switch (f.type) {
    case "string":
      return JSON.stringify(key);
    case "boolean":
      return key === "true" || key === "false" ? key : undefined;
    case "integer":
    case "number":
      return String(Number(key)) === key && Number.isFinite(Number(key)) ? key : undefined;
  }
}
