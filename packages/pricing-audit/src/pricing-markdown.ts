import { markdownTable } from "./markdown-table.js";
import { grouped, moneyText, priceText } from "./money.js";
import { defaultOf, extremeOf } from "./price.js";
import type { ModelSpec, Revision } from "./types.js";
import { factorText } from "./values.js";

/**
 * The whole price list as Markdown readable on GitHub (the body of PRICING.md): every model grouped
 * by provider (`x-provider` of its input schema; the slug's first segment when there is none), with
 * base, unit, factors, the default cost and the cheapest–dearest range. Deterministic: the same
 * revision always gives the same bytes.
 */
export function pricingMarkdown(revision: Revision): string {
  const byProvider = new Map<string, ModelSpec[]>();
  for (const m of revision.models) {
    const provider = m.provider ?? m.slug.split("/")[0]!;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), m]);
  }
  const providers = [...byProvider.keys()].sort((a, b) => order(a.toLowerCase(), b.toLowerCase()) || order(a, b));
  const out = [
    "# Prices",
    "",
    `What every PixelByte model costs: ${grouped(revision.models.length)} models from ${grouped(providers.length)} providers. ` +
      `Prices are exact, in integer micro-cents (µ¢; 1,000,000 µ¢ = $1): the base price per unit times every factor's multiplier, ` +
      `rounded once (${revision.rounding}). **Default** is a call that leaves every priced field at its default; ` +
      `**min – max** runs from the cheapest to the dearest combination.`,
    "",
  ];
  for (const provider of providers) {
    out.push(`## ${provider}`, "");
    const rows = byProvider.get(provider)!.map((m) => {
      const d = defaultOf(m, revision.rounding);
      const low = extremeOf(m, -1, revision.rounding).price;
      const high = extremeOf(m, 1, revision.rounding).price;
      return [
        `${modelLink(m)}\n\`${m.slug}\``,
        `${moneyText(m.base)} per ${m.unit}`,
        m.factors.length ? m.factors.map(factorText).join("\n") : "none (flat price)",
        "reason" in d ? `none: ${d.reason}` : priceText(d.price),
        low.microCents === high.microCents ? "flat" : `${priceText(low)} – ${priceText(high)}`,
      ];
    });
    out.push(markdownTable(["model", "base", "factors", "default", "min – max"], rows), "");
  }
  return out.join("\n");
}

function modelLink(m: ModelSpec): string {
  const name = (m.title ?? m.slug).replace(/[[\]]/g, "\\$&");
  return typeof m.source === "string" && m.source.startsWith("https://") ? `[${name}](${m.source.replace(/[()\s]/g, encodeURIComponent)})` : name;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
