import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where a checkout's generator caches live: outside git, removed with node_modules. */
export const CACHE_DIR = "node_modules/.cache/pixelbyte-codegen";

/** sha256 of the parts, each length-prefixed so that no two different lists hash alike. */
export function hashOf(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest("hex");
}

/**
 * JSON records in the cache folder (for megabytes of model data, JSON reads and writes faster than
 * V8's serializer), each stamped with the key it was written for and the hash of its value's text: a
 * record read for another key (another generator, other inputs), or whose text is not the one written
 * (truncated, or damaged and still parsing: a changed character in a kept model's data would
 * otherwise be used as it is), is no record at all. So a stale or damaged cache costs time, never
 * correctness; and only results of a clean run are recorded. File: one JSON line `{key, sum}`, then
 * the value's JSON.
 */
export class CacheDir {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(root, CACHE_DIR);
  }

  read<T>(name: string, key: string): T | undefined {
    try {
      const text = readFileSync(path.join(this.dir, name), "utf8");
      const cut = text.indexOf("\n");
      const head = JSON.parse(text.slice(0, cut)) as { key?: unknown; sum?: unknown };
      if (cut < 0 || head.key !== key) return undefined;
      const body = text.slice(cut + 1);
      return head.sum === hashOf(body) ? (JSON.parse(body) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  remove(name: string): void {
    rmSync(path.join(this.dir, name), { force: true });
  }

  write(name: string, key: string, value: unknown): void {
    const file = path.join(this.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then moved into place: a concurrent reader sees the old record or the new one.
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      const body = JSON.stringify(value);
      writeFileSync(temporary, `${JSON.stringify({ key, sum: hashOf(body) })}\n${body}`);
      renameSync(temporary, file);
    } catch {
      // Not recorded: the next run computes it again.
      rmSync(temporary, { force: true });
    }
  }
}
