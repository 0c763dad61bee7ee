/** One Markdown cell: pipes escaped, line breaks as <br> (GitHub renders both inside a table). */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A GitHub Markdown table; `align` is "l" or "r" per column. Cells are escaped here. */
export function markdownTable(head: readonly string[], rows: Iterable<readonly string[]>, align: string = ""): string {
  const lines = [`| ${head.map(cell).join(" | ")} |`, `| ${head.map((_, i) => (align[i] === "r" ? "---:" : "---")).join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}
