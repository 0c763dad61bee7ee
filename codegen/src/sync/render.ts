import { changeText, definitionChangeText, grouped, percentText, priceChangeInputText, priceText, type PriceChange } from "@pixelbyte/pricing-audit";
import type { InputChange } from "./compare-inputs.js";
import type { ChangedModel, ExampleChange, SyncReport } from "./report.js";

/** Price changes listed per model in the text report; `--json` lists every one. */
export const PRICE_LINES_PER_MODEL = 20;

/** How many differences the report holds (new + removed + changed models). */
export function differences(report: SyncReport): number {
  return report.added.length + report.removed.length + report.changed.length;
}

/**
 * The text report, one finding per line, each starting with what it is ("new", "removed", "changed",
 * "problem", "not compared") and naming the page (file:line, relative to the docs directory) or the
 * spec line; a changed model's differences follow it, indented.
 */
export function renderReport(report: SyncReport): string {
  const out: string[] = [];
  const p = report.pages;
  const extra = [p.notModelPages.length ? `${p.notModelPages.length} not a model page` : "", p.ignoredFiles ? `${p.ignoredFiles} other file${p.ignoredFiles === 1 ? "" : "s"} ignored` : ""].filter(Boolean);
  out.push(`models sync: ${p.read} page${p.read === 1 ? "" : "s"} under ${join(report.docsDir, "models/")}${extra.length ? ` (${extra.join(", ")})` : ""}, ${p.slugs} model slug${p.slugs === 1 ? "" : "s"}; the spec has ${report.specModels}`);
  out.push("");
  for (const m of report.added) {
    const price = report.prices.added.find((a) => a.slug === m.slug);
    out.push(`new       ${m.slug}  ${m.file}:${m.line}${price ? `  (${Object.keys((m.merged.schema.properties as object) ?? {}).length} inputs, base ${grouped(price.base)} µ¢ per ${price.unit}, ${price.factors.length} factor${price.factors.length === 1 ? "" : "s"})` : ""}`);
  }
  for (const m of report.removed) out.push(`removed   ${m.slug}  ${report.files.models}:${m.line.models}  (no page under models/ documents it${m.url ? `; its docs URL: ${m.url}` : ""})`);
  for (const m of report.changed) out.push(...changedLines(m, report));
  for (const problem of report.problems) {
    const head = problem.kind === "not-compared" ? "not compared" : "problem";
    out.push(`${head.padEnd(9)} ${problem.file}:${problem.line}  ${problem.message}`);
  }
  for (const note of report.notes) out.push(`note      ${note}`);
  if (out[out.length - 1] !== "") out.push("");
  out.push(summary(report));
  return out.map(printable).join("\n") + "\n";
}

/** One report line as a terminal shows it: control characters from a page or a file name (escapes, line breaks) written as \xNN. */
export function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export function summary(report: SyncReport): string {
  const n = differences(report);
  const inputs = report.changed.reduce((k, m) => k + m.inputs.length, 0);
  const prices = report.changed.reduce((k, m) => k + m.priceChanges.length, 0);
  const head =
    n === 0
      ? `0 differences: the spec says what the pages say (${report.unchanged} model${report.unchanged === 1 ? "" : "s"} compared)`
      : `${n} difference${n === 1 ? "" : "s"}: ${report.added.length} new, ${report.removed.length} removed, ${report.changed.length} changed (${inputs} input change${inputs === 1 ? "" : "s"}, ${prices} price${prices === 1 ? "" : "s"} changed); ${report.unchanged} unchanged`;
  const problems = report.problems.length;
  return `${head}${problems ? `; ${problems} problem${problems === 1 ? "" : "s"} (see above)` : ""}.`;
}

function changedLines(m: ChangedModel, report: SyncReport): string[] {
  const out = [`changed   ${m.slug}  ${m.file}:${m.line}`];
  const at = (line: number | undefined) => (line === undefined ? "" : `${m.file}:${line}  `);
  if (m.scaffold) out.push("  fills in the placeholders `pnpm new-model` left, from the page (the scaffold's changeset stands)");
  for (const c of m.inputs) out.push(`  ${at(c.line)}input ${inputText(c)}`);
  if (m.source) out.push(`  price source: ${String(m.source.from)} → ${String(m.source.to)}`);
  const model = report.prices.to.models.find((x) => x.slug === m.slug);
  for (const c of m.price?.changes ?? []) {
    // Defaults are input changes above; source / checked are bookkeeping.
    if (c.kind === "default" || c.kind === "source" || c.kind === "checked" || !model) continue;
    out.push(`  price ${definitionChangeText(c, model)}`);
  }
  if (m.price?.defaultChange) {
    const d = m.price.defaultChange;
    out.push(`  price default cost: ${priceText(d.from)} → ${priceText(d.to)}, ${changeText(d.delta)}, ${percentText(d.percent)}`);
  }
  for (const c of m.priceChanges.slice(0, PRICE_LINES_PER_MODEL)) out.push(`  price ${priceLine(c)}`);
  if (m.priceChanges.length > PRICE_LINES_PER_MODEL) out.push(`  price … ${m.priceChanges.length - PRICE_LINES_PER_MODEL} more combination${m.priceChanges.length - PRICE_LINES_PER_MODEL === 1 ? "" : "s"} changed price (--json lists every one)`);
  if (m.price && (m.price.combinationsAdded > 0n || m.price.combinationsRemoved > 0n)) {
    out.push(`  price combinations: ${m.price.combinationsAdded} added, ${m.price.combinationsRemoved} removed (${m.price.compared} priced by both)`);
  }
  for (const e of m.examples) out.push(`  example ${exampleText(e)}`);
  for (const o of m.other) out.push(`  ${o}`);
  for (const d of m.dropped) out.push(`  note: the ${d.file}.yaml note at ${d.path || "the entry"} is about a part the page changed; it is ${d.replacedBy ? "replaced by the page's" : "dropped"} on --write: "${d.text}"`);
  return out;
}

/** "duration=10, has_sound=true: 1,260,000 µ¢ ($1.26) → 1,350,000 µ¢ ($1.35), +90,000 µ¢ (+$0.09), +7.14%". */
export function priceLine(c: PriceChange): string {
  return `${priceChangeInputText(c)}: ${priceText(c.from)} → ${priceText(c.to)}, ${changeText(c.delta)}, ${percentText(c.percent)}`;
}

export function inputText(c: InputChange): string {
  const v = (x: unknown) => (x === undefined ? "(none)" : JSON.stringify(x));
  switch (c.kind) {
    case "field-added":
      return `${c.field}: field added (${c.required ? "required" : "optional"}${c.type !== undefined ? `, ${String(c.type)}` : ""})`;
    case "field-removed":
      return `${c.field}: field removed`;
    case "type":
      return `${c.field}: type ${v(c.from)} → ${v(c.to)}`;
    case "enum-value-added":
      return `${c.field}: option ${v(c.value)} added`;
    case "enum-value-removed":
      return `${c.field}: option ${v(c.value)} removed`;
    case "enum-order":
      return `${c.field}: options reordered ${v(c.from)} → ${v(c.to)}`;
    case "default":
      return `${c.field}: default ${v(c.from)} → ${v(c.to)}`;
    case "limit":
      return `${c.field}: ${c.keyword} ${v(c.from)} → ${v(c.to)}`;
    case "required":
      return `${c.field}: ${c.to ? "now required" : "no longer required"}`;
    case "description":
      return `${c.field}: description ${v(c.from)} → ${v(c.to)}`;
    case "keyword":
      return `${c.field}: ${c.keyword} ${v(c.from)} → ${v(c.to)}`;
    case "title":
    case "provider":
    case "docs-url":
      return `${c.kind === "docs-url" ? "docs URL" : c.kind}: ${v(c.from)} → ${v(c.to)}`;
  }
}

function exampleText(e: ExampleChange): string {
  const input = JSON.stringify(e.input);
  if (e.kind === "example-changed") return `${input}: ${String(e.from)} → ${String(e.to)} µ¢`;
  return `${e.kind === "example-added" ? "added" : "removed"}: ${input} = ${String(e.microCents)} µ¢`;
}

function join(dir: string, sub: string): string {
  return `${dir.replace(/[\\/]+$/, "")}/${sub}`;
}
