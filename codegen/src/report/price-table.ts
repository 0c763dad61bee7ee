import { formatMicroCents, formatUsd, type PriceQuote } from "@pixelbyte/pricing/runtime";
import type { ModelEntry } from "../model/types.js";

/** A plain-text table of every model's price: base, unit, default cost, and cheapest–dearest, in µ¢ and dollars. */
export function priceTable(models: readonly ModelEntry[]): string {
  const head = ["model", "base", "default", "min – max"];
  const rows = models.map((m) => [
    m.slug,
    `${formatMicroCents(m.pricing.base)} µ¢/${m.pricing.unit}`,
    m.defaultQuote ? money(m.defaultQuote) : "(no default: priced fields required)",
    m.cheapest.microCents === m.dearest.microCents
      ? "flat"
      : `${formatMicroCents(m.cheapest.microCents)} – ${formatMicroCents(m.dearest.microCents)} µ¢ (${formatUsd(m.cheapest.microCents)} – ${formatUsd(m.dearest.microCents)})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function money(q: PriceQuote): string {
  const exact = q.rounded ? ` (exact ${formatMicroCents(q.exactMicroCents)}, ${q.rounding})` : "";
  return `${formatMicroCents(q.microCents)} µ¢ ${formatUsd(q.microCents)}${exact}`;
}
