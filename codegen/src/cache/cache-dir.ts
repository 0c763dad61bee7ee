import * as crypto from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where a checkout's generator caches live: outside git, removed with node_modules. */
export const CACHE_DIR = "node_modules/.cache/pixelbyte-codegen";

/** crypto.hash: Node 20.12 and later (the engines field says 20). */
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** sha256 of the parts, each length-prefixed so that no two different lists hash alike. */
export function hashOf(...parts: (string | Buffer)[]): string {
  // Thousands of model entries are hashed per run: text alone goes through the one-shot hash (half the cost of a Hash object), to the same digest.
  if (oneShot && parts.every((part) => typeof part === "string")) return oneShot("sha256", parts.map((part) => `${Buffer.byteLength(part)}:${part}`).join(""));
  const digest = crypto.createHash("sha256");
  for (const part of parts) digest.update(`${Buffer.byteLength(part)}:`).update(part);
  return digest.digest("hex");
}

/** With the u flag, a surrogate matches alone only: a pair is one astral character. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * JSON records in the cache folder (for megabytes of model data, JSON reads and writes faster than
 * V8's serializer), each stamped with the key it was written for and the hash of its value's text: a
 * record read for another key (another generator, other inputs), or whose text is not the one written
 * (truncated, or damaged and still parsing: a changed character in a kept model's data would
 * otherwise be used as it is), is no record at all. So a stale or damaged cache costs time, never
 * correctness; and only results of a clean run are recorded. File: one JSON line `{key, sum}`, then
 * the value's JSON. String tables (writeStrings) carry the same `sum` of the text after their head line.
 */
export class CacheDir {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(root, CACHE_DIR);
  }

  read<T>(name: string, key: string): T | undefined {
    try {
      const record = this.record(name, key);
      return record && (JSON.parse(record.body) as T);
    } catch {
      return undefined;
    }
  }

  /** Record `name`'s head line and the text after it, when it was written for `key` and that text is the one written. */
  private record(name: string, key: string): { head: Record<string, unknown>; body: string } | undefined {
    const text = readFileSync(path.join(this.dir, name), "utf8");
    const cut = text.indexOf("\n");
    const head = JSON.parse(text.slice(0, cut)) as Record<string, unknown>;
    if (cut < 0 || head.key !== key) return undefined;
    const body = text.slice(cut + 1);
    return head.sum === hashOf(body) ? { head, body } : undefined;
  }

  /**
   * A record whose value is string lists by key (see writeStrings), or undefined. The strings are
   * sliced out of the file's text: no JSON parse of megabytes of rendered code.
   */
  readStrings(name: string, key: string): { meta: unknown; entries: [string, string[]][] } | undefined {
    try {
      const record = this.record(name, key);
      if (!record) return undefined;
      const head = record.head as { meta: unknown; keys: string[]; counts: number[]; lengths: number[] };
      const text = record.body;
      const entries: [string, string[]][] = [];
      let at = 0;
      let n = 0;
      for (const [i, k] of head.keys.entries()) {
        const list: string[] = new Array(head.counts[i]!);
        for (let j = 0; j < list.length; j++) {
          const length = head.lengths[n++]!;
          list[j] = text.slice(at, at + length);
          at += length;
        }
        entries.push([k, list]);
      }
      return at === text.length ? { meta: head.meta, entries } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Writes string lists by key: one JSON line (key, meta, each list's length and each string's), then every string as it is. */
  writeStrings(name: string, key: string, meta: unknown, entries: readonly (readonly [string, readonly string[]])[]): void {
    const lengths: number[] = [];
    const texts: string[] = [];
    for (const [, list] of entries) {
      for (const text of list) {
        lengths.push(text.length);
        texts.push(text);
      }
    }
    const body = texts.join("");
    // A lone surrogate (a spec's "\uD800") cannot be written as UTF-8: the file would hold U+FFFD, with
    // the same length and sum, and be read back as another string. Not recorded: rendered again next run.
    if (LONE_SURROGATE.test(body)) return this.remove(name);
    const head = JSON.stringify({ key, sum: hashOf(body), meta, keys: entries.map(([k]) => k), counts: entries.map(([, list]) => list.length), lengths });
    this.writeText(name, `${head}\n${body}`);
  }

  remove(name: string): void {
    rmSync(path.join(this.dir, name), { force: true });
  }

  write(name: string, key: string, value: unknown): void {
    const body = JSON.stringify(value);
    this.writeText(name, `${JSON.stringify({ key, sum: hashOf(body) })}\n${body}`);
  }

  private writeText(name: string, text: string): void {
    const file = path.join(this.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then moved into place: a concurrent reader sees the old record or the new one.
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, text);
      renameSync(temporary, file);
    } catch {
      // Not recorded: the next run computes it again.
      rmSync(temporary, { force: true });
    }
  }
}
