import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { CacheDir, hashOf } from "./cache-dir.js";

type Validate = (data: unknown) => boolean;

const PREFIX = "pricing-validator-";

/**
 * The pricing JSON Schema's validator compiled to a module in the cache folder (ajv's standalone
 * code, by the hash of the generator and the schema), so that a run in which the pricing changed but
 * its schema did not tells pass from fail without loading and compiling ajv. It only ever says "passes":
 * on a fail, ajv itself runs and says what is wrong.
 */
export class ValidatorCache {
  private readonly dir: string;
  private readonly file: string;

  constructor(root: string, generator: string, schema: Record<string, unknown>) {
    this.dir = new CacheDir(root).dir;
    this.file = path.join(this.dir, `${PREFIX}${hashOf(generator, JSON.stringify(schema)).slice(0, 32)}.cjs`);
  }

  load(): Validate | undefined {
    try {
      // Its first line is the hash of the rest: a damaged module that still runs (and might say "passes") is not loaded.
      const text = readFileSync(this.file, "utf8");
      const cut = text.indexOf("\n");
      if (cut < 0 || text.slice(0, cut) !== `// ${hashOf(text.slice(cut + 1))}`) return undefined;
      return createRequire(import.meta.url)(this.file) as Validate;
    } catch {
      return undefined;
    }
  }

  /** Records this schema's validator, and removes those of other schemas or generators. */
  save(code: string): void {
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) if (name.startsWith(PREFIX)) rmSync(path.join(this.dir, name), { force: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `// ${hashOf(code)}\n${code}`);
    renameSync(temporary, this.file);
  }
}
