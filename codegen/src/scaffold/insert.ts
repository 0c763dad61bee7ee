import { isMap, isScalar, parseDocument, type Node, type Pair } from "yaml";

/** Code-point order, as codegen sorts slugs (model/build-model.ts compareText; not imported, to keep `new-model` light). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Why an entry cannot be inserted; the message is one line, shown to the maintainer as is. */
export class ScaffoldRefusal extends Error {
  override readonly name = "ScaffoldRefusal";
}

export interface MapEntry {
  /** The entry's key. */
  key: string;
  /** The slug the entry is sorted by. */
  slug: string;
  /** Offset of the entry's key in the text. */
  keyOffset: number;
}

/**
 * The entries of the block mapping at `mapPath` (e.g. ["models"]), each with the slug it is sorted
 * by. `slugOf` reads the slug from a pair (its key, or a field of its value).
 */
export function mapEntries(text: string, file: string, mapPath: string[], slugOf: (pair: Pair) => string | undefined): MapEntry[] {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new ScaffoldRefusal(`${file} does not parse as YAML; run \`pnpm generate\` to see where, fix it, then scaffold`);
  const map = doc.getIn(mapPath, true) as Node | undefined;
  if (!isMap(map) || map.flow || map.items.length === 0) throw new ScaffoldRefusal(`${file} has no block mapping ${mapPath.join(".")} with entries to insert into`);
  return map.items.map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const slug = slugOf(pair);
    if (key === undefined || keyOffset === undefined || slug === undefined) {
      throw new ScaffoldRefusal(`${file}: entry ${key ?? "?"} of ${mapPath.join(".")} has no slug; run \`pnpm generate\` to see the problem, fix it, then scaffold`);
    }
    return { key, slug, keyOffset };
  });
}

/**
 * `text` with `entry` (whole lines, ending in "\n") inserted among `entries` in slug order, entries
 * separated by one blank line. Nothing else in the text changes: the result is
 * text.slice(0, at) + inserted + text.slice(at).
 */
export function insertSorted(text: string, entries: MapEntry[], slug: string, entry: string): { text: string; line: number } {
  const next = entries.find((e) => compareText(e.slug, slug) > 0);
  let at: number;
  let inserted: string;
  if (next) {
    // Before the next entry's key, and before the comment lines directly above it, which describe it.
    at = lineStart(text, next.keyOffset);
    while (at > 0) {
      const previous = lineStart(text, at - 1);
      if (!/^\s*#/.test(text.slice(previous, at))) break;
      at = previous;
    }
    inserted = `${entry}\n`;
  } else {
    // After the last entry: after its last non-blank line that is indented deeper than its key.
    const last = entries[entries.length - 1]!;
    const keyColumn = last.keyOffset - lineStart(text, last.keyOffset);
    at = lineEnd(text, last.keyOffset);
    for (let cursor = at; cursor < text.length; ) {
      const end = lineEnd(text, cursor);
      const line = text.slice(cursor, end);
      if (line.trim() !== "") {
        if (indentOf(line) <= keyColumn) break;
        at = end;
      }
      cursor = end;
    }
    inserted = `${at > 0 && text.charAt(at - 1) !== "\n" ? "\n" : ""}\n${entry}`;
  }
  const result = text.slice(0, at) + inserted + text.slice(at);
  const line = countLines(result, at + inserted.indexOf(entry));
  return { text: result, line };
}

/** The indentation of the key at `offset` (the prefix of its line). */
export function indentAt(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), offset);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset just past the "\n" that ends the line containing `offset` (or the end of the text). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
