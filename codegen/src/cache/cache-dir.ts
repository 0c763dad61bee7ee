import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/** Where a checkout's generator caches live: outside git, removed with node_modules. */
export const CACHE_DIR = "node_modules/.cache/pixelbyte-codegen";

/** sha256 of the parts, each length-prefixed so that no two different lists hash alike. */
export function hashOf(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part);
  return hash.digest("hex");
}

/**
 * Records in the cache folder (V8's serialization: faster to read and write than JSON for megabytes of
 * model data), each stamped with the key it was written for and the V8 that wrote it: a record read
 * for another key (another generator, other inputs), or one that does not deserialize, is no record at
 * all. So a stale or damaged cache costs time, never correctness; and only results of a clean run are recorded.
 */
export class CacheDir {
  readonly dir: string;

  constructor(root: string) {
    this.dir = path.join(root, CACHE_DIR);
  }

  read<T>(name: string, key: string): T | undefined {
    try {
      const record = deserialize(readFileSync(path.join(this.dir, name))) as { key?: unknown; value?: T };
      return record.key === stamped(key) ? record.value : undefined;
    } catch {
      return undefined;
    }
  }

  write(name: string, key: string, value: unknown): void {
    const file = path.join(this.dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then moved into place: a concurrent reader sees the old record or the new one.
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, serialize({ key: stamped(key), value }));
      renameSync(temporary, file);
    } catch {
      // Not recorded (a value V8 cannot serialize): the next run computes it again.
      rmSync(temporary, { force: true });
    }
  }
}

function stamped(key: string): string {
  return `${key} v8 ${process.versions.v8}`;
}
