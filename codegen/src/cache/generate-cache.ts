import { randomUUID } from "node:crypto";
import type { ModelViews } from "../emit/model-outputs.js";
import { generatorId } from "../generator-id.js";
import type { EntryCache } from "../load/yaml-cached.js";
import { CacheDir } from "./cache-dir.js";

/** A model that was built and emitted: its views (for the maps and docs) and the files it wrote. */
export interface UnitRecord {
  views: ModelViews;
  files: string[];
}

/**
 * What `generate` keeps between runs, each part keyed by content hashes and recorded for one
 * generator (see generatorId): a cache written by another generator, or damaged, is read as empty.
 * Only a run that generated (no problem in the spec) saves it, and it keeps only what that run used.
 */
export class GenerateCache {
  /** Model entries of models.yaml and pricing.yaml read before, by the hash of their text. */
  readonly entries: EntryCache;
  /** Keys of documents and model entries the OpenAPI linter found nothing in. */
  readonly lint: Set<string>;
  /** Keys of other checks that passed (the pricing JSON Schema). */
  readonly passed: Set<string>;
  /** Values computed from a key: the bundled API document, the API types. */
  readonly values: Map<string, unknown>;
  /** Models built and emitted, by the hash of everything their files depend on. */
  readonly units: Map<string, UnitRecord>;
  readonly used = { entries: new Set<string>(), lint: new Set<string>(), passed: new Set<string>(), values: new Set<string>(), units: new Set<string>() };
  private readonly kept: Record<"entries" | "lint" | "passed" | "values" | "units", KeptMap<unknown>>;

  private constructor(store: CacheDir, readonly generator: string) {
    const kept = <T>(name: string) => new KeptMap<T>(store, name, generator);
    const entryMap = kept<{ key: string; value: unknown }>("entries");
    const lint = kept<true>("lint");
    const passed = kept<true>("passed");
    const values = kept<unknown>("values");
    const units = kept<UnitRecord>("units");
    this.kept = { entries: entryMap, lint, passed, values, units } as GenerateCache["kept"];
    const used = this.used.entries;
    this.entries = {
      get: (hash) => {
        const entry = entryMap.map.get(hash);
        if (entry) used.add(hash);
        return entry;
      },
      set: (hash, entry) => {
        entryMap.map.set(hash, entry);
        used.add(hash);
      },
    };
    this.lint = new Set(lint.map.keys());
    this.passed = new Set(passed.map.keys());
    this.values = values.map;
    this.units = units.map;
  }

  static async open(root: string): Promise<GenerateCache> {
    return new GenerateCache(new CacheDir(root), await generatorId());
  }

  /** Keeps what this run used, for the next one. */
  save(): void {
    for (const key of this.lint) this.kept.lint.map.set(key, true);
    for (const key of this.passed) this.kept.passed.map.set(key, true);
    for (const name of Object.keys(this.kept) as (keyof GenerateCache["kept"])[]) this.kept[name].save(this.used[name]);
  }
}

/**
 * A map kept in the cache folder as a base record and a delta of what changed since (added and removed
 * keys): a run that changes a few of thousands of models writes those few, not megabytes. Its keys are
 * content hashes, so a key's value never changes; the delta names the base it applies to.
 */
class KeptMap<V> {
  readonly map: Map<string, V>;
  private readonly base: ReadonlySet<string>;
  private readonly baseId: string | undefined;

  constructor(
    private readonly store: CacheDir,
    private readonly name: string,
    private readonly key: string,
  ) {
    const base = store.read<{ id: string; entries: [string, V][] }>(`${name}.json`, key);
    this.map = new Map(base?.entries ?? []);
    this.base = new Set(this.map.keys());
    this.baseId = base?.id;
    const delta = base && store.read<{ base: string; set: [string, V][]; removed: string[] }>(`${name}.delta.json`, key);
    if (delta?.base === base?.id && delta) {
      for (const removed of delta.removed) this.map.delete(removed);
      for (const [k, v] of delta.set) this.map.set(k, v);
    }
  }

  /** Records the keys `used` (and only those): as a delta of the base when few changed, else as a new base. */
  save(used: ReadonlySet<string>): void {
    const set = [...used].filter((k) => !this.base.has(k) && this.map.has(k)).map((k): [string, V] => [k, this.map.get(k)!]);
    const removed = [...this.base].filter((k) => !used.has(k));
    if (this.baseId !== undefined && set.length + removed.length <= Math.max(64, this.base.size / 10)) {
      this.store.write(`${this.name}.delta.json`, this.key, { base: this.baseId, set, removed });
      return;
    }
    this.store.write(`${this.name}.json`, this.key, { id: randomUUID(), entries: [...used].filter((k) => this.map.has(k)).map((k) => [k, this.map.get(k)!]) });
    this.store.remove(`${this.name}.delta.json`);
  }
}
