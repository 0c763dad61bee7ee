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
    // Callable with no argument when every priced field has a default. Else the signature requires the
    // input, and the body still prices a JavaScript caller's undefined as {} (MISSING_FIELD): inputOf
    // never sees undefined.
    parameter: "input: PricedInput & Readonly<Record<string, unknown>>",
    overload: !m.pricing.factors.every((f) => f.default !== undefined),
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

/** Largest number of value combinations whose exact decimal and breakdown are kept (one small frozen object each). */
const MEMO_LIMIT = 4096n;

/**
 * The body of a model's price function, straight-line: the input's own enumerable fields read in one
 * for-in (what JSON.stringify sends), each factor's slot by === among the values the spec prices (or
 * the integer itself for a range), then base × scaled multipliers ÷ one denominator, rounded once by
 * the declared rule. Number arithmetic when the dearest product plus the denominator stays below 2^53
 * (decided here), BigInt otherwise. The exact decimal and the breakdown of a combination are the same
 * every time: kept per combination when there are at most MEMO_LIMIT of them, else built per call.
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
  const big = largest + den > MAX_SAFE || den * 2n > MAX_SAFE;
  const n = (v: bigint) => (big ? `${v}n` : String(v));
  const imports = new Set<string>(["inputOf", ...(big ? ["quoteBigInt"] : [])]);
  const tables: string[] = [];
  const lines: string[] = [];
  const reads: string[] = [];
  const terms: string[] = [n(BigInt(p.base))];
  const parts: string[] = [];
  // The memo key: each factor's state (a table's slot; a range's value - min + 1, 0 when defaulted) in mixed radix.
  const key: string[] = [];
  let states = 1n;
  factors.forEach(({ factor: f, den: fden }, i) => {
    const [v, s, r] = [`v${i}`, `s${i}`, `f${i}`];
    reads.push(`${JSON.stringify(f.field)}) ${v} = fields[key];`);
    const fallback = f.default === undefined ? "undefined" : JSON.stringify(f.default);
    if (f.kind === "range") {
      imports.add("range").add("count").add("rangeEntry");
      tables.push(`const ${r} = range(${JSON.stringify(f.field)}, ${JSON.stringify(f.type)}, ${fallback}, ${f.min}, ${f.max});`);
      lines.push(`const ${s} = count(slug, ${r}, ${v});`);
      terms.push(big ? `BigInt(${s})` : s);
      parts.push(`rangeEntry(${r}, ${s}, ${v} === undefined)`);
      key.push(`${states === 1n ? "" : `${states} * `}(${v} === undefined ? 0 : ${s} - ${f.min - 1})`);
      states *= BigInt(f.max - f.min + 2);
    } else {
      const pickOf = f.default === undefined ? "need" : "pick";
      imports.add("table").add(pickOf).add("at");
      // The values the spec prices, as the caller writes them (typed), found by ===: no other spelling,
      // no prototype member. A key no caller can write (an integer spelt "1.0") has no value here.
      const entries = Object.entries(f.rows).filter(([k]) => caseLabel(f, k) !== undefined);
      const values = entries.map(([k]) => caseLabel(f, k)!);
      const times = entries.map(([, row]) => (BigInt(row.num) * fden) / BigInt(row.den));
      const identity = fden === 1n && entries.every(([k], j) => String(times[j]) === k && f.type !== "boolean");
      const texts = entries.map(([, row]) => row.text);
      const allKeys = entries.length === Object.keys(f.rows).length;
      const args = [JSON.stringify(f.field), JSON.stringify(f.type), fallback, `[${values.join(", ")}]`];
      const optional = [
        identity && !big ? undefined : `[${times.map(n).join(", ")}]`,
        texts.every((t, j) => t === String(times[j])) ? undefined : JSON.stringify(texts),
        allKeys ? undefined : JSON.stringify(Object.keys(f.rows)),
      ];
      while (optional.length && optional[optional.length - 1] === undefined) optional.pop();
      args.push(...optional.map((a) => a ?? "undefined"));
      tables.push(`const ${r} = table${big ? "<bigint>" : ""}(${args.join(", ")});`);
      lines.push(`const ${s} = ${pickOf}(slug, ${r}, ${v});`);
      terms.push(`${r}.t[${s}]!`);
      parts.push(`at(${r}, ${s})`);
      key.push(`${states === 1n ? "" : `${states} * `}${s}`);
      states *= BigInt(values.length + 1);
    }
  });
  // Checked even when nothing is priced: an input that is not an object is refused the same way.
  const head: string[] = [reads.length ? "const fields = inputOf(slug, input);" : "inputOf(slug, input);"];
  if (reads.length) {
    head.push(`let ${factors.map((_, i) => `v${i}: unknown`).join(", ")};`);
    head.push("// The input's own enumerable fields, what JSON.stringify sends (V8 runs this for-in from the object's enum cache).");
    head.push("for (const key in fields) {");
    // hasOwnProperty.call, not the shorter Object.hasOwn: V8 answers the former from the for-in enum cache
    // (Object.hasOwn measured 5.9-6.6x the bare multiply against 4.0-4.2x, one noisy run each).
    head.push("  if (!Object.prototype.hasOwnProperty.call(fields, key)) continue;");
    head.push(`  ${reads.map((r) => `if (key === ${r}`).join("\n  else ")}`);
    head.push("}");
  }
  const body = [...head, ...lines];
  const breakdown = `[${parts.join(", ")}]`;
  const product = terms.join(" * ");
  if (big) {
    body.push(`return quoteBigInt(slug, ${p.base}, ${JSON.stringify(p.unit)}, ${JSON.stringify(p.rounding)}, ${product}, ${n(den)}, ${breakdown});`);
  } else {
    imports.add("detail");
    const digits = String(den).length - 1;
    if (den === 1n) {
      body.push(`const whole = ${product};`);
      body.push("const rest = 0;");
    } else {
      body.push(`const num = ${product};`);
      body.push(`// One exact division by ${den} (see runtime/straight.ts), rounded ${p.rounding}.`);
      body.push(`const whole = Math.floor(num / ${den});`);
      body.push(`const rest = num - whole * ${den};`);
    }
    const make = `detail(whole, rest, ${digits}, ${breakdown})`;
    if (states <= MEMO_LIMIT) {
      // Every slot an own undefined from the start: a hole would read an index that polluted Object.prototype has.
      imports.add("slots");
      tables.push(`const memo = slots<Detail>(${states});`);
      body.push(`const d = (memo[${key.join(" + ") || "0"}] ??= ${make});`);
    } else {
      body.push(`const d = ${make};`);
    }
    body.push(`return ${quoteLiteral(p, den === 1n ? "whole" : roundedQuotient(p.rounding, den))};`);
  }
  return { tables: tables.join("\n"), body: body.map((l) => `  ${l.replace(/\n/g, "\n  ")}`).join("\n"), runtimeImports: [...[...imports].sort(), ...(states <= MEMO_LIMIT && !big ? ["type Detail"] : [])].join(", ") };
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

/** The PriceQuote object, its fields in the order computePrice gives them (one shape for every model). */
function quoteLiteral(p: ModelPricing, microCents: string): string {
  const fields = ["model: slug", `microCents: ${microCents}`, "exactMicroCents: d.exact", "rounded: rest !== 0", `rounding: ${JSON.stringify(p.rounding)}`, `baseMicroCents: ${p.base}`, `unit: ${JSON.stringify(p.unit)}`, "breakdown: d.breakdown"];
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
