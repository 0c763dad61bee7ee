/**
 * A spec file cut at the entries of one block mapping (components.schemas of models.yaml, models of
 * pricing.yaml): one text per model, and the rest of the file. Read per entry, a file whose text
 * changed in one model needs only that entry read again, and linted again (see yaml-cached.ts,
 * lint-openapi.ts). Only plainly laid out files are cut: the path's keys plain, each on its own line
 * with nothing after the colon, the entries indented alike, deeper than the key above them.
 */
export interface Split {
  /** The file up to the first entry, and from after the last: together, the file with the mapping at the path empty (null). */
  before: string;
  after: string;
  /** Each entry's lines (its key line, its value, and any comment lines up to the next entry), in file order. */
  entries: string[];
}

/** The file cut at the entries of the mapping at `path`, or undefined when it is not laid out plainly. */
export function splitMapping(text: string, path: readonly string[]): Split | undefined {
  // One pass over the lines, by offsets (thousands of models: no per-line arrays or regexes).
  const starts: number[] = [];
  const indents: number[] = [];
  for (let at = 0; at <= text.length; ) {
    const end = text.indexOf("\n", at);
    const next = end < 0 ? text.length + 1 : end + 1;
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    // Blank and comment-only lines say nothing about structure: they go with the entry above them.
    const content = i < (end < 0 ? text.length : end) && c !== 35 /* # */ && !(c === 13 && i + 1 === end);
    starts.push(at);
    indents.push(content ? i - at : -1);
    at = next;
  }
  const lineCount = starts.length;
  const lineText = (n: number) => text.slice(starts[n], n + 1 < lineCount ? starts[n + 1]! - 1 : text.length);
  let from = 0;
  let to = lineCount;
  let indent = 0;
  for (const key of path) {
    // The key's line at this indent, exactly once in the range, with nothing after the colon.
    const keyLine = new RegExp(`^ {${indent}}${escape(key)}:[ ]*(?:#.*)?\\r?$`);
    let found = -1;
    for (let n = from; n < to; n++) {
      if (indents[n] !== indent || !keyLine.test(lineText(n))) continue;
      if (found >= 0) return undefined;
      found = n;
    }
    if (found < 0) return undefined;
    let end = found + 1;
    while (end < to && (indents[end] === -1 || indents[end]! > indent)) end++;
    let first = found + 1;
    while (first < end && indents[first] === -1) first++;
    if (first === end) return undefined;
    [from, to, indent] = [found + 1, end, indents[first]!];
  }
  const entryLines: number[] = [];
  for (let n = from; n < to; n++) {
    const depth = indents[n]!;
    if (depth === -1 || depth > indent) continue;
    if (depth < indent) return undefined;
    // An entry is a plain or quoted key; a "- " or "? " here is another layout.
    const c = text[starts[n]! + depth];
    if ((c === "-" || c === "?") && " \r\n".includes(text[starts[n]! + depth + 1] ?? "\n")) return undefined;
    entryLines.push(n);
  }
  if (entryLines.length === 0) return undefined;
  const offset = (n: number) => (n < lineCount ? starts[n]! : text.length + 1);
  // Blank lines after an entry are not part of it (adding an entry after the last one leaves that one's text as it was).
  const entries = entryLines.map((n, k) => text.slice(offset(n), offset(k + 1 < entryLines.length ? entryLines[k + 1]! : to) - 1).replace(/(?:\n[ \r]*)+$/, ""));
  return { before: text.slice(0, offset(entryLines[0]!)), after: text.slice(offset(to)), entries };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
