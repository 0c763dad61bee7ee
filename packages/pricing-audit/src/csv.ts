/** RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; CRLF-free (LF) lines. */
export function csv(head: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [head.map(field).join(",")];
  for (const row of rows) lines.push(row.map(field).join(","));
  return lines.join("\n");
}

function field(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
