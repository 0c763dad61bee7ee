import { isMap, isScalar, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { inputTypeName } from "../model/names.js";
import { indentAt, insertEntries, ScaffoldRefusal } from "../scaffold/insert.js";
import { PRICES, priceSlug, SCHEMAS, schemaSlug } from "../scaffold/new-model.js";
import { pairText } from "../scaffold/page-entries.js";
import { isObj, type Obj } from "./spec-index.js";
import { deepEqual } from "./values.js";

export type EntryFile = "models" | "pricing";

/** What to do to one model's entry: write `value` (added or changed), or remove it (`value` undefined). */
export interface EntryChange {
  slug: string;
  value: Obj | undefined;
  /** Write the entry anew rather than key by key (a `pnpm new-model` scaffold: its comments are instructions for the placeholders). */
  rewrite?: boolean;
}

export interface EditResult {
  text: string;
  /** Comment lines that sat inside a part a page replaced or removed (the rest of the file keeps all of its own). */
  droppedComments: string[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/**
 * `text` (spec/models.yaml or spec/pricing.yaml) with each change applied, and nothing else touched:
 * an entry's unchanged keys, fields, comments and blank lines stay byte for byte. A changed entry is
 * edited key by key (into nested block mappings such as `properties` and a field's schema), each
 * changed key rewritten as `pnpm new-model --from` writes it (scaffold/page-entries.ts), a one-line
 * scalar in place so a comment after it stays. A new entry is inserted in slug order; a removed one
 * goes with the comment lines directly above it.
 */
export function editEntries(text: string, file: string, kind: EntryFile, changes: readonly EntryChange[]): EditResult {
  const mapPath = kind === "models" ? SCHEMAS : PRICES;
  const slugOf = kind === "models" ? schemaSlug : priceSlug;
  const wanted = new Map(changes.map((c) => [c.slug, c]));
  const droppedComments: string[] = [];
  const edits: Edit[] = [];
  const ctx: Ctx = { text, kind, edits, droppedComments };

  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new ScaffoldRefusal(`${file} does not parse as YAML; run \`pnpm generate\` to see where, fix it, then sync`);
  const map = doc.getIn(mapPath, true) as Node | undefined;
  const present = new Set<string>();
  if (isMap(map)) {
    const data = map.toJSON() as Obj;
    const removing = (pair: Pair) => {
      const slug = slugOf(pair);
      return slug !== undefined && wanted.has(slug) && wanted.get(slug)!.value === undefined;
    };
    let removed = 0;
    for (const [i, pair] of map.items.entries()) {
      const slug = slugOf(pair);
      const change = slug === undefined ? undefined : wanted.get(slug);
      if (change === undefined || !isScalar(pair.key)) continue;
      present.add(change.slug);
      if (change.value === undefined) {
        removeEntry(ctx, pair, map.items.slice(i + 1).some((p) => !removing(p)));
        removed++;
      } else if (change.rewrite) {
        const keyStart = (pair.key as Node).range![0];
        const { start, end } = block(text, keyStart);
        edits.push({ start, end, text: pairText(kind, String(pair.key.value), change.value, indentAt(text, keyStart)), seq: edits.length });
      } else editPair(ctx, pair, data[String(pair.key.value)], change.value);
    }
    // Every entry removed: the mapping stays a mapping (`models: {}`), not an empty value YAML reads as null.
    const parent = doc.getIn(mapPath.slice(0, -1), true) as Node | undefined;
    const key = isMap(parent) ? parent.items.find((p) => p.value === map)?.key : undefined;
    if (removed === map.items.length && !map.flow && isScalar(key) && key.range) {
      const end = text.indexOf("\n", key.range[1]);
      edits.push({ start: end === -1 ? text.length : end, end: end === -1 ? text.length : end, text: " {}", seq: edits.length });
    }
  }
  const edited = apply(text, edits);
  const added = changes.filter((c) => c.value !== undefined && !present.has(c.slug));
  if (added.length === 0) return { text: edited, droppedComments };

  // New entries go among the entries that stay: a second parse, of the edited text, places them all.
  const key = (slug: string) => (kind === "models" ? inputTypeName(slug) : slug);
  const entries = added.map((c) => ({ slug: c.slug, entry: (indent: string) => pairText(kind, key(c.slug), c.value, indent) }));
  const after = parseDocument(edited, { uniqueKeys: true }).getIn(mapPath, true) as Node | undefined;
  // An empty mapping (`models: {}`) becomes a block mapping: the scaffold's insertion does that, at once.
  if (!isMap(after) || after.items.length === 0) return { text: insertEntries(edited, file, mapPath, slugOf, entries), droppedComments };
  const inserts: Edit[] = [];
  insertSorted({ text: edited, kind, edits: inserts, droppedComments }, after, slugOf, entries);
  return { text: apply(edited, inserts), droppedComments };
}

/**
 * New entries in slug order among the existing ones, found from the one parse: each goes before the
 * first entry whose slug sorts after it (and the comment lines above that entry), or after the last
 * one, separated by one blank line, as scaffold/insert.ts places one entry. Any number of entries
 * costs one pass, where inserting them one by one would parse the file once per entry.
 */
function insertSorted(ctx: Ctx, map: YAMLMap, slugOf: (pair: Pair) => string | undefined, added: { slug: string; entry: (indent: string) => string }[]): void {
  const existing = map.items.map((pair) => ({ pair, slug: slugOf(pair) ?? "" })).sort((a, b) => compareText(a.slug, b.slug));
  const indent = indentAt(ctx.text, (map.items[0]!.key as Node).range![0]);
  const last = existing.reduce((a, b) => ((b.pair.key as Node).range![0] > (a.pair.key as Node).range![0] ? b : a));
  const end = block(ctx.text, (last.pair.key as Node).range![0]).end;
  for (const a of [...added].sort((x, y) => compareText(x.slug, y.slug))) {
    const next = existing.find((e) => compareText(e.slug, a.slug) > 0);
    if (next) {
      const at = commentsAbove(ctx.text, lineStart(ctx.text, (next.pair.key as Node).range![0]));
      ctx.edits.push({ start: at, end: at, text: `${a.entry(indent)}\n`, seq: ctx.edits.length });
    } else {
      ctx.edits.push({ start: end, end, text: `${end > 0 && ctx.text.charAt(end - 1) !== "\n" ? "\n" : ""}\n${a.entry(indent)}`, seq: ctx.edits.length });
    }
  }
}

/** Code-point order, as codegen sorts slugs. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Ctx {
  text: string;
  kind: EntryFile;
  edits: Edit[];
  droppedComments: string[];
}

function push(ctx: Ctx, start: number, end: number, text: string): void {
  for (const line of ctx.text.slice(start, end).split("\n")) if (/^\s*#/.test(line)) ctx.droppedComments.push(line.trim());
  ctx.edits.push({ start, end, text, seq: ctx.edits.length });
}

/** One `key: value` whose value should become `now`. */
function editPair(ctx: Ctx, pair: Pair, old: unknown, now: unknown): void {
  if (deepEqual(old, now)) return;
  const keyNode = pair.key as Node;
  const key = String((pair.key as { value: unknown }).value);
  const value = pair.value as Node | null;
  if (isMap(value) && !value.flow && value.items.length > 0 && isObj(old) && isObj(now)) return editMap(ctx, value, old, now);
  const keyStart = keyNode.range![0];
  const indent = indentAt(ctx.text, keyStart);
  const written = pairText(ctx.kind, key, now, indent);
  // A one-line scalar becoming another: only the value changes, so a comment after it stays.
  if (isScalar(value) && isScalarData(now) && !written.slice(0, -1).includes("\n") && !ctx.text.slice(keyStart, value.range![1]).includes("\n")) {
    const replacement = valueText(written);
    if (replacement !== undefined) return push(ctx, value.range![0], value.range![1], replacement);
  }
  const { start, end } = block(ctx.text, keyStart);
  push(ctx, start, end, written);
}

/** A block mapping whose data should become `now`: key by key, new keys next to their neighbours in `now`'s order. */
function editMap(ctx: Ctx, map: YAMLMap, old: Obj, now: Obj): void {
  const pairs = new Map<string, Pair>();
  for (const pair of map.items) if (isScalar(pair.key)) pairs.set(String(pair.key.value), pair as Pair);
  const first = map.items[0]!.key as Node;
  const indent = indentAt(ctx.text, first.range![0]);
  for (const [key, pair] of pairs) {
    if (Object.hasOwn(now, key)) continue;
    const keyStart = (pair.key as Node).range![0];
    push(ctx, commentsAbove(ctx.text, lineStart(ctx.text, keyStart)), block(ctx.text, keyStart).end, "");
  }
  let pending: string[] = [];
  let previousEnd: number | undefined;
  const flush = (at: number) => {
    if (pending.length > 0) push(ctx, at, at, pending.map((k) => pairText(ctx.kind, k, now[k], indent)).join(""));
    pending = [];
  };
  for (const key of Object.keys(now)) {
    const pair = pairs.get(key);
    if (pair === undefined) {
      pending.push(key);
      continue;
    }
    const keyStart = (pair.key as Node).range![0];
    flush(previousEnd ?? commentsAbove(ctx.text, lineStart(ctx.text, keyStart)));
    editPair(ctx, pair, old[key], now[key]);
    previousEnd = block(ctx.text, keyStart).end;
  }
  flush(previousEnd ?? commentsAbove(ctx.text, lineStart(ctx.text, first.range![0])));
}

/**
 * A whole entry of the models / pricing map, with the comment lines above it and the blank lines
 * that separated it: those after it when an entry stays after it, else those before it.
 */
function removeEntry(ctx: Ctx, pair: Pair, survivorAfter: boolean): void {
  const text = ctx.text;
  const keyStart = (pair.key as Node).range![0];
  let start = commentsAbove(text, lineStart(text, keyStart));
  let end = block(text, keyStart).end;
  if (survivorAfter) while (end < text.length && /^[ \t]*\n/.test(text.slice(end, lineEndOf(text, end)))) end = lineEndOf(text, end);
  else while (start > 0 && /^[ \t]*$/.test(text.slice(lineStart(text, start - 1), start - 1))) start = lineStart(text, start - 1);
  push(ctx, start, end, "");
}

/** The lines of `key: value` from the key's line start to the end of its last line indented deeper (blank lines after it excluded). */
function block(text: string, keyStart: number): { start: number; end: number } {
  const start = lineStart(text, keyStart);
  const column = keyStart - start;
  let end = lineEndOf(text, keyStart);
  for (let cursor = end; cursor < text.length; ) {
    const next = lineEndOf(text, cursor);
    const line = text.slice(cursor, next);
    if (line.trim() !== "") {
      // Deeper lines belong to the value; so does a compact sequence ("key:\n- item") at the key's own column.
      if (indentOf(line) > column || (indentOf(line) === column && /^\s*-(\s|$)/.test(line))) end = next;
      else break;
    }
    cursor = next;
  }
  return { start, end };
}

/** The start of the comment lines directly above the line at `start` (no blank line between), or `start`. */
function commentsAbove(text: string, start: number): number {
  let at = start;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!/^[ \t]*#/.test(text.slice(previous, at))) break;
    at = previous;
  }
  return at;
}

function apply(text: string, edits: Edit[]): string {
  // In text order; at one offset, insertions (first recorded first) before the part replaced there.
  const sorted = [...edits].sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.seq - b.seq);
  const pieces: string[] = [];
  let cursor = 0;
  for (const [i, e] of sorted.entries()) {
    let end = e.end;
    const next = sorted[i + 1];
    if (next && next.start < end) {
      // Two removed neighbours share the blank lines between them: the later one takes them.
      if (e.text !== "" || next.text !== "" || next.end < end || next.end === next.start) throw new Error(`internal: overlapping edits at ${e.start}-${e.end} and ${next.start}-${next.end}`);
      end = next.start;
    }
    if (e.start < cursor) throw new Error(`internal: overlapping edits at ${e.start}-${e.end}`);
    pieces.push(text.slice(cursor, e.start), e.text);
    cursor = end;
  }
  pieces.push(text.slice(cursor));
  return pieces.join("");
}

/** The value part of a one-line `key: value` (as the yaml library reads it back), or undefined. */
function valueText(line: string): string | undefined {
  const doc = parseDocument(line.trim());
  const contents = doc.contents;
  if (doc.errors.length > 0 || !isMap(contents) || contents.items.length !== 1) return undefined;
  const node = contents.items[0]!.value as Node | null;
  if (!node?.range) return undefined;
  return line.trim().slice(node.range[0], node.range[1]);
}

function isScalarData(value: unknown): boolean {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
