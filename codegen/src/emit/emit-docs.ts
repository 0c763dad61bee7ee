import { formatMicroCents, formatUsd, type Factor, type PriceQuote } from "@pixelbyte/pricing/runtime";
import { outputDirs } from "../config.js";
import { compareText } from "../model/build-model.js";
import type { FieldEntry, ModelEntry, SpecModel } from "../model/types.js";
import type { EmitContext } from "./model-outputs.js";
import { header, mdCell, render, renderChunks, renderJoined, type GeneratedFile } from "./render.js";

/** One model's part of the docs, rendered when it is built (kept between runs: JSON only): its provider, and its chunks of docs/models.md and PRICING.md. */
export interface DocsView {
  provider: string;
  modelsMd: string[];
  pricingMd: string[];
}

/** One model's part of docs/models.md and PRICING.md. */
export function emitDocsModel(m: ModelEntry): DocsView {
  const section = render("models-md-model", {
    slug: m.slug,
    title: mdCell(m.title),
    provider: mdCell(m.provider),
    docsUrl: m.docsUrl,
    fields: m.fields.map(fieldRow),
    formula: mdCell(formulaOf(m)),
    defaultCost: m.defaultQuote ? money(m.defaultQuote) : "none: a priced field has no default",
    range: rangeOf(m),
    factors: m.pricing.factors.map((f) => ({ field: mdCell(f.field), multipliers: mdCell(multipliersOf(f)) })),
    // A quoted block after the factor list, only when the pricing entry carries a note.
    note: m.pricingNote ? `\n> ${linkDecisions(mdCell(m.pricingNote))}\n` : "",
  });
  const item = {
    slug: m.slug,
    anchor: anchorOf(m.slug),
    title: mdCell(m.title),
    // Its section of docs/models.md, without the blank line that ends it.
    section: section.slice(0, -1),
    base: `${formatMicroCents(m.pricing.base)} µ¢/${m.pricing.unit}`,
    factors: mdCell(m.pricing.factors.map((f) => f.field).join(" × ") || "flat"),
    defaultCost: m.defaultQuote ? money(m.defaultQuote) : "required fields",
    range: rangeOf(m),
    checked: m.pricingChecked,
  };
  return { provider: m.provider, modelsMd: renderChunks("models-md", item), pricingMd: renderChunks("pricing-md", item) };
}

/** docs/models.md (every model's inputs and price table) and PRICING.md (every price, by provider), from each model's part. */
export function emitDocsFiles(views: readonly DocsView[], ctx: EmitContext): GeneratedFile[] {
  const providers = byProvider(views);
  const view = { count: views.length, rounding: ctx.rounding, providers: providers.map(({ provider }) => ({ provider: mdCell(provider) })) };
  // In docs/models.md, block 0 is the index (once per provider), block 1 the sections (once); in PRICING.md, block 0 is the table of each provider.
  const perProvider = providers.map((p) => p.models.map((m) => m.modelsMd));
  const all = [views.map((m) => m.modelsMd)];
  return [
    {
      path: `${outputDirs.docs}/models.md`,
      content: renderJoined("models-md", { header: header(`${ctx.sources.models} and ${ctx.sources.pricing}`, "md"), ...view }, (block) => (block === 0 ? perProvider : all)),
    },
    {
      path: "PRICING.md",
      content: renderJoined("pricing-md", { header: header(ctx.sources.pricing, "md"), ...view }, () => providers.map((p) => p.models.map((m) => m.pricingMd))),
    },
  ];
}

/** docs/models.md (every model's inputs and price table) and PRICING.md (every price, by provider). */
export function emitDocs(model: SpecModel): GeneratedFile[] {
  return emitDocsFiles(model.models.map(emitDocsModel), { sources: model.sources, rounding: model.rounding, errorCodes: model.errorCodes });
}

function byProvider<T extends { provider: string }>(models: readonly T[]): { provider: string; models: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const m of models) {
    const list = groups.get(m.provider);
    if (list) list.push(m);
    else groups.set(m.provider, [m]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareText(a, b)).map(([provider, list]) => ({ provider, models: list }));
}

/** GitHub's heading anchors: lower case, punctuation but dashes dropped. */
function anchorOf(slug: string): string {
  return slug.toLowerCase().replace(/[^a-z0-9 -]/g, "");
}

function fieldRow(f: FieldEntry) {
  return {
    name: mdCell(f.name),
    type: mdCell(f.type),
    required: f.required ? "yes" : "",
    default: f.default === undefined ? "" : mdCell(JSON.stringify(f.default)),
    options: f.enum ? mdCell(f.enum.map((v) => JSON.stringify(v)).join(", ")) : "",
    limits: mdCell(f.limits.join(", ")),
    priced: f.priced ? "yes" : "",
    description: f.description ? linkDecisions(mdCell(f.description)) : "",
  };
}

/** "decision 9 in docs/decisions.md" as a link to that decision (docs/models.md sits beside decisions.md). */
function linkDecisions(text: string): string {
  return text.replace(/\bdecision (\d+) in docs\/decisions\.md/g, "[decision $1](decisions.md#decision-$1)");
}

function formulaOf(m: ModelEntry): string {
  return [`${formatMicroCents(m.pricing.base)} µ¢ per ${m.pricing.unit}`, ...m.pricing.factors.map((f) => f.field)].join(" × ");
}

function multipliersOf(f: Factor): string {
  if (f.kind === "range") return `${f.min}..${f.max}: the multiplier is the value`;
  return Object.entries(f.rows).map(([value, m]) => `${f.type === "string" ? JSON.stringify(value) : value} ×${m.text}`).join(", ");
}

function money(q: PriceQuote): string {
  const exact = q.rounded ? ` (exact ${formatMicroCents(q.exactMicroCents)}, ${q.rounding})` : "";
  return `${formatMicroCents(q.microCents)} µ¢ (${formatUsd(q.microCents)})${exact}`;
}

function rangeOf(m: ModelEntry): string {
  if (m.cheapest.microCents === m.dearest.microCents) return "flat";
  return `${formatMicroCents(m.cheapest.microCents)} – ${formatMicroCents(m.dearest.microCents)} µ¢ (${formatUsd(m.cheapest.microCents)} – ${formatUsd(m.dearest.microCents)})`;
}
