import type { Factor } from "@pixelbyte/pricing/runtime";
import { outputDirs } from "../config.js";
import { prefixToSrc } from "../model/names.js";
import type { ModelEntry, SpecModel } from "../model/types.js";
import { docText, header, literal, render, type GeneratedFile } from "./render.js";

/** One price function per model, plus the thin slug -> pricing map. */
export function emitPricing(model: SpecModel): GeneratedFile[] {
  const headerText = header(model.sources.pricing);
  const views = model.models.map((m) => ({
    slugLiteral: literal(m.slug),
    pricingName: `${m.typeName.replace(/Input$/, "")}Pricing`,
    pricedInputName: `${m.typeName.replace(/Input$/, "")}PricedInput`,
    summary: docText(summaryOf(m)),
    toSrc: prefixToSrc(m.slug),
    pricingLiteral: literal(m.pricing),
    pricedInputBody: pricedInputBody(m.pricing.factors),
    // Callable with no argument when every priced field has a default.
    parameter: `input: PricedInput & Readonly<Record<string, unknown>>${m.pricing.factors.every((f) => f.default !== undefined) ? " = {}" : ""}`,
    importPath: `./models/${m.slug}.gen.js`,
    path: `${outputDirs.pricingGen}/models/${m.slug}.gen.ts`,
  }));
  return [
    ...views.map((view) => ({ path: view.path, content: render("pricing-model", { header: headerText, ...view }) })),
    { path: `${outputDirs.pricingGen}/index.gen.ts`, content: render("pricing-index", { header: headerText, models: views }) },
  ];
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
