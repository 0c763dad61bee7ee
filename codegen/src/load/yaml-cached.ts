import { hashOf } from "../cache/cache-dir.js";
import { readYamlFast } from "./yaml-fast.js";
import { splitMapping, type Split } from "./yaml-chunks.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Entries read before, by the hash of their text: their one key and its value. */
export interface EntryCache {
  get(hash: string): { key: string; value: unknown } | undefined;
  set(hash: string, entry: { key: string; value: unknown }): void;
}

/**
 * The fast read of a spec file (yaml-fast.ts), entry by entry at `path` when the file is laid out
 * plainly (yaml-chunks.ts): each entry is read alone, or taken from `cache` when its text was read
 * before, and the entries are put back under the path of the rest of the file. Entries read alone are
 * read as within the file (no anchors, no tabs, nothing open across lines: the fast reader steps aside
 * otherwise), and every key must be new. Undefined when the fast reader cannot vouch for the file.
 */
export function readYamlEntries(text: string, path: readonly string[], cache: EntryCache): { data: Obj; split?: Split; entryHashes?: Map<string, string> } | undefined {
  const split = splitMapping(text, path);
  if (split === undefined) {
    const data = readYamlFast(text);
    return data === undefined ? undefined : { data };
  }
  const hashes = split.entries.map((entry) => hashOf(entry));
  // Nothing read before (a first run): the whole file at once is faster than entry by entry.
  if (!hashes.some((hash) => cache.get(hash) !== undefined)) {
    const whole = readWhole(text, path, split, hashes, cache);
    if (whole) return whole;
  }
  const rest = readYamlFast(split.before + split.after);
  let parent: unknown = rest;
  for (const key of path.slice(0, -1)) parent = isObj(parent) && Object.hasOwn(parent, key) ? parent[key] : undefined;
  const last = path[path.length - 1]!;
  if (!isObj(parent) || !Object.hasOwn(parent, last) || parent[last] !== null) return undefined;
  const mapping: Obj = {};
  const entryHashes = new Map<string, string>();
  for (const [i, entry] of split.entries.entries()) {
    const hash = hashes[i]!;
    let read = cache.get(hash);
    if (read === undefined) {
      const data = readYamlFast(entry);
      const keys = data === undefined ? [] : Object.keys(data);
      if (keys.length !== 1) return undefined;
      read = { key: keys[0]!, value: data![keys[0]!] };
      cache.set(hash, read);
    }
    // A key twice: the positioned reader reports it.
    if (Object.hasOwn(mapping, read.key)) return undefined;
    mapping[read.key] = read.value;
    entryHashes.set(read.key, hash);
  }
  parent[last] = mapping;
  return { data: rest!, split, entryHashes };
}

/**
 * The whole file read at once, each entry's value recorded under its text's hash. Entries and keys
 * pair up in order (an object keeps its keys in insertion order, but for keys that look like array
 * indices: then, undefined, and the file is read entry by entry).
 */
function readWhole(text: string, path: readonly string[], split: Split, hashes: string[], cache: EntryCache): { data: Obj; split: Split; entryHashes: Map<string, string> } | undefined {
  const data = readYamlFast(text);
  let mapping: unknown = data;
  for (const key of path) mapping = isObj(mapping) && Object.hasOwn(mapping, key) ? mapping[key] : undefined;
  if (!isObj(mapping)) return undefined;
  const keys = Object.keys(mapping);
  if (keys.length !== split.entries.length || keys.some((key) => /^(?:0|[1-9][0-9]*)$/.test(key))) return undefined;
  // And each entry's text must begin with its key, plainly written: else read entry by entry.
  if (keys.some((key, i) => !split.entries[i]!.trimStart().startsWith(`${key}:`))) return undefined;
  const entryHashes = new Map<string, string>();
  keys.forEach((key, i) => {
    cache.set(hashes[i]!, { key, value: mapping[key] });
    entryHashes.set(key, hashes[i]!);
  });
  return { data: data!, split, entryHashes };
}
