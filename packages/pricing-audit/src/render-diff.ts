import type { DefinitionChange, PriceChange, RevisionDiff } from "./diff.js";
import { markdownTable } from "./markdown-table.js";
import { changeText, grouped, moneyText, percentText, priceText } from "./money.js";
import { combinationCount, extremeOf } from "./price.js";
import { jsonInteger, jsonText, priceJson } from "./price-json.js";
import { compare, toFixed, type Rational } from "./rational.js";
import { factorJson } from "./render-table.js";
import type { ModelSpec, Revision } from "./types.js";
import { factorText } from "./values.js";

export type DiffFormat = "md" | "json";

/** The outcome of `--fail-on-increase`, when it was asked for. */
export interface GateResult {
  readonly thresholdPercent: Rational;
  readonly violations: readonly PriceChange[];
}

function plural(n: number | bigint, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 || n === 1n ? one : many}`;
}

export function summaryLine(diff: RevisionDiff): string {
  const s = diff.summary;
  const parts = [
    `${plural(s.modelsAdded, "model")} added, ${s.modelsRemoved} removed, ${s.modelsChanged} changed`,
    `${plural(s.basesChanged, "base")} changed`,
    `${plural(s.factorsAdded, "factor")} added, ${s.factorsRemoved} removed`,
    `${plural(s.valuesAdded, "value")} added, ${s.valuesRemoved} removed`,
    `${plural(s.multipliersChanged, "multiplier")} changed`,
    `${plural(s.combinationsCompared, "combination")} compared: ${grouped(s.combinationsChanged)} changed price (${grouped(s.increases)} up, ${grouped(s.decreases)} down), ${grouped(s.combinationsAdded)} added, ${grouped(s.combinationsRemoved)} removed`,
  ];
  if (s.unitsChanged) parts.splice(2, 0, `${plural(s.unitsChanged, "unit")} changed`);
  if (s.defaultsChanged) parts.splice(parts.length - 1, 0, `${plural(s.defaultsChanged, "default")} changed`);
  return `${parts.join("; ")}.`;
}

/** One change to a model's price definition, as a line: "base: 84,000 µ¢ ($0.084) → 90,000 µ¢ ($0.09) per second". */
export function changeLine(c: DefinitionChange, model: ModelSpec): string {
  switch (c.kind) {
    case "base":
      return `base: ${moneyText(c.from)} → ${moneyText(c.to)} per ${model.unit}`;
    case "unit":
      return `unit: per ${c.from} → per ${c.to}`;
    case "factor-added":
      return `factor added: ${factorText(c.factor)}`;
    case "factor-removed":
      return `factor removed: ${factorText(c.factor)}`;
    case "factor-kind":
      return `factor \`${c.field}\`: ${c.from} → ${c.to}`;
    case "value-added":
      return `value added: ${c.field}=${c.value} ×${c.multiplier}`;
    case "value-removed":
      return `value removed: ${c.field}=${c.value} (was ×${c.multiplier})`;
    case "multiplier":
      return `multiplier: ${c.field}=${c.value} ×${c.from} → ×${c.to}`;
    case "default":
      return `default of \`${c.field}\`: ${c.from ?? "(none)"} → ${c.to ?? "(none)"}`;
    case "source":
    case "checked":
      return `${c.kind}: ${String(c.from ?? "(none)")} → ${String(c.to ?? "(none)")}`;
  }
}

/** The combination a price change is about: "duration=10, has_sound=true", or "default call (...)". */
export function inputText(c: PriceChange): string {
  const entries = Object.entries(c.input);
  const text = entries.length === 0 ? "(no priced fields)" : entries.map(([k, v]) => `${k}=${v}`).join(", ");
  return c.isDefault ? `default call (${text})` : text;
}

function modelsTable(models: readonly ModelSpec[], revision: Revision): string {
  return markdownTable(
    ["model", "base", "factors", "combinations", "min – max"],
    models.map((m) => [
      `\`${m.slug}\``,
      `${moneyText(m.base)} per ${m.unit}`,
      m.factors.length ? m.factors.map(factorText).join("\n") : "(none: flat)",
      grouped(combinationCount(m)),
      rangeText(m, revision),
    ]),
    "lllrl",
  );
}

function rangeText(m: ModelSpec, revision: Revision): string {
  const low = extremeOf(m, -1, revision.rounding).price;
  const high = extremeOf(m, 1, revision.rounding).price;
  return low.microCents === high.microCents ? `${priceText(low)} (flat)` : `${priceText(low)} – ${priceText(high)}`;
}

export function diffMarkdown(diff: RevisionDiff, gate?: GateResult): string {
  const out = [`# Pricing diff: ${diff.from.label} → ${diff.to.label}`, "", `**Summary:** ${summaryLine(diff)}`, ""];
  if (diff.rounding) out.push(`**Rounding:** ${diff.rounding.from} → ${diff.rounding.to}`, "");
  if (diff.added.length) out.push("## Models added", "", modelsTable(diff.added, diff.to), "");
  if (diff.removed.length) out.push("## Models removed", "", modelsTable(diff.removed, diff.from), "");
  if (diff.models.length) {
    out.push("## Models changed", "");
    const now = new Map(diff.to.models.map((m) => [m.slug, m]));
    for (const m of diff.models) {
      const model = now.get(m.slug)!;
      out.push(`### \`${m.slug}\``, "");
      for (const c of m.changes) out.push(`- ${changeLine(c, model)}`);
      if (m.defaultChange) {
        const d = m.defaultChange;
        out.push(`- default cost: ${priceText(d.from)} → ${priceText(d.to)}: ${changeText(d.delta)}, ${percentText(d.percent)}`);
      }
      const extra = [m.combinationsAdded ? `${grouped(m.combinationsAdded)} added` : "", m.combinationsRemoved ? `${grouped(m.combinationsRemoved)} removed` : ""].filter(Boolean);
      out.push(`- combinations: ${grouped(m.compared)} compared, ${grouped(m.changed)} changed price (${m.increases} up, ${m.decreases} down)${extra.length ? `; ${extra.join(", ")}` : ""}`, "");
    }
  }
  if (diff.priceChanges.length) {
    out.push(
      "## Price changes",
      "",
      markdownTable(
        ["model", "combination", "old", "new", "change", "%"],
        diff.priceChanges.map((c) => [`\`${c.model}\``, inputText(c), priceText(c.from), priceText(c.to), changeText(c.delta), percentText(c.percent)]),
        "llrrrr",
      ),
      "",
    );
  }
  if (!diff.added.length && !diff.removed.length && !diff.models.length && !diff.rounding) out.push("No differences.", "");
  if (gate) out.push(`**Gate:** ${gateLine(gate)}`, "");
  return out.join("\n");
}

/** "passed: no price rose beyond 5%" or "failed: 3 prices rose beyond 5% (largest: … +20%)". */
export function gateLine(gate: GateResult): string {
  const limit = gate.thresholdPercent.num === 0n ? "" : ` beyond ${toFixed(gate.thresholdPercent, 4)}%`;
  if (gate.violations.length === 0) return `passed: no price rose${limit}.`;
  // The largest relative rise first; a price that was 0 rose without bound.
  const worst = [...gate.violations].sort((a, b) => (a.percent === undefined ? -1 : b.percent === undefined ? 1 : compare(b.percent, a.percent)))[0]!;
  return `failed: ${plural(gate.violations.length, "price")} rose${limit} (largest: ${worst.model} ${inputText(worst)}, ${changeText(worst.delta)}, ${percentText(worst.percent)}).`;
}

/** A price change as `pricing diff --format json` writes it (old and new price, change, percent with up to 4 decimals). */
export function changeJson(c: PriceChange) {
  return {
    model: c.model,
    input: c.input,
    ...(c.isDefault ? { default: true } : {}),
    from: priceJson(c.from),
    to: priceJson(c.to),
    changeMicroCents: jsonInteger(c.delta),
    percent: c.percent === undefined ? null : toFixed(c.percent, 4),
  };
}

function revisionJson(r: Revision) {
  return { label: r.label, ...(r.origin.kind === "git" ? { ref: r.origin.ref, commit: r.origin.commit } : {}), rounding: r.rounding, models: r.models.length };
}

function modelJson(m: ModelSpec) {
  return { slug: m.slug, unit: m.unit, baseMicroCents: jsonInteger(m.base), factors: m.factors.map(factorJson), combinations: jsonInteger(combinationCount(m)) };
}

/** A price definition change as `pricing diff --format json` writes it. */
export function definitionJson(c: DefinitionChange): unknown {
  switch (c.kind) {
    case "base":
      return { kind: c.kind, from: jsonInteger(c.from), to: jsonInteger(c.to) };
    case "factor-added":
    case "factor-removed":
      return { kind: c.kind, field: c.field, factor: factorJson(c.factor) };
    default:
      return c;
  }
}

export function diffJson(diff: RevisionDiff, gate?: GateResult): string {
  const s = diff.summary;
  return `${jsonText({
    from: revisionJson(diff.from),
    to: revisionJson(diff.to),
    rounding: diff.rounding ?? null,
    summary: {
      ...s,
      combinationsCompared: jsonInteger(s.combinationsCompared),
      combinationsAdded: jsonInteger(s.combinationsAdded),
      combinationsRemoved: jsonInteger(s.combinationsRemoved),
    },
    modelsAdded: diff.added.map(modelJson),
    modelsRemoved: diff.removed.map(modelJson),
    modelsChanged: diff.models.map((m) => ({
      slug: m.slug,
      changes: m.changes.map(definitionJson),
      combinations: {
        compared: jsonInteger(m.compared),
        changed: m.changed,
        increases: m.increases,
        decreases: m.decreases,
        added: jsonInteger(m.combinationsAdded),
        removed: jsonInteger(m.combinationsRemoved),
      },
      defaultCost: m.defaultChange ? changeJson(m.defaultChange) : null,
    })),
    priceChanges: diff.priceChanges.map(changeJson),
    ...(gate
      ? { gate: { thresholdPercent: toFixed(gate.thresholdPercent, 4), failed: gate.violations.length > 0, increases: gate.violations.map(changeJson) } }
      : {}),
  })}\n`;
}

export function renderDiff(diff: RevisionDiff, format: DiffFormat, gate?: GateResult): string {
  return format === "json" ? diffJson(diff, gate) : diffMarkdown(diff, gate);
}
