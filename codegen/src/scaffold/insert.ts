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
  // An empty mapping (`models: {}` or nothing after the key): a spec with no model yet.
  if ((isMap(map) && map.items.length === 0) || map === null || (isScalar(map) && map.value === null)) return [];
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

/**
 * `text` with `entry(indent)` inserted into the mapping at `mapPath`, in slug order: among its
 * entries (insertSorted), or as the first entry of an empty one (`models: {}` becomes a block).
 */
export function insertEntry(text: string, file: string, mapPath: string[], slugOf: (pair: Pair) => string | undefined, slug: string, entry: (indent: string) => string): { text: string; line: number; entries: MapEntry[] } {
  const entries = mapEntries(text, file, mapPath, slugOf);
  if (entries.length > 0) return { ...insertSorted(text, entries, slug, entry(indentAt(text, entries[0]!.keyOffset))), entries };
  const doc = parseDocument(text);
  let parent: Node | null | undefined = doc.contents as Node | null;
  let keyOffset = 0;
  let valueNode: Node | null | undefined;
  for (const key of mapPath) {
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
    if (!pair || !isScalar(pair.key)) throw new ScaffoldRefusal(`${file} has no mapping ${mapPath.join(".")} to insert into`);
    keyOffset = pair.key.range![0];
    valueNode = pair.value as Node | null;
    parent = valueNode;
  }
  const indent = `${indentAt(text, keyOffset)}  `;
  const body = entry(indent);
  // Replace an empty `{}` (or nothing) after the key with the block entry.
  const lineEndAt = lineEnd(text, keyOffset);
  const valueStart = valueNode?.range ? valueNode.range[0] : undefined;
  const valueEnd = valueNode?.range ? valueNode.range[1] : undefined;
  const before = valueStart !== undefined && valueStart < lineEndAt ? text.slice(0, valueStart).replace(/[ \t]+$/, "") : text.slice(0, lineEndAt).replace(/\n$/, "");
  const after = valueEnd !== undefined && valueStart !== undefined && valueStart < lineEndAt ? text.slice(valueEnd).replace(/^[ \t]*\n?/, "") : text.slice(lineEndAt);
  const result = `${before}\n${body}${after}`;
  return { text: result, line: countLines(result, before.length + 1), entries };
}

/**
 * `text` with several entries inserted in slug order: into an empty mapping all at once (one parse,
 * however many), otherwise one by one with insertEntry.
 */
export function insertEntries(text: string, file: string, mapPath: string[], slugOf: (pair: Pair) => string | undefined, entries: { slug: string; entry: (indent: string) => string }[]): string {
  const sorted = [...entries].sort((a, b) => compareText(a.slug, b.slug));
  if (sorted.length === 0) return text;
  if (mapEntries(text, file, mapPath, slugOf).length > 0) {
    return sorted.reduce((acc, e) => insertEntry(acc, file, mapPath, slugOf, e.slug, e.entry).text, text);
  }
  return insertEntry(text, file, mapPath, slugOf, sorted[0]!.slug, (indent) => sorted.map((e) => e.entry(indent)).join("\n")).text;
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
