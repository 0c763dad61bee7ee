import { formatMicroCents, formatUsd } from "@pixelbyte/pricing/runtime";

/** "1,260,000 µ¢ ($1.26)": micro-cents with dollars beside them, both exact. */
export function money(microCents: number | string): string {
  return `${formatMicroCents(microCents)} µ¢ (${formatUsd(microCents)})`;
}

/** A plain-text table; `right` lists the columns to right-align (numbers). */
export function table(head: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
