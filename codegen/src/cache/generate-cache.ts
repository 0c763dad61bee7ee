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
  private readonly entryMap: Map<string, { key: string; value: unknown }>;
  /** Keys of documents and model entries the OpenAPI linter found nothing in. */
  readonly lint: Set<string>;
  /** Keys of other checks that passed (the pricing JSON Schema). */
  readonly passed: Set<string>;
  /** Values computed from a key: the bundled API document, the API types. */
  readonly values: Map<string, unknown>;
  /** Models built and emitted, by the hash of everything their files depend on. */
  readonly units: Map<string, UnitRecord>;
  readonly used = { entries: new Set<string>(), lint: new Set<string>(), passed: new Set<string>(), values: new Set<string>(), units: new Set<string>() };

  private constructor(
    private readonly store: CacheDir,
    readonly generator: string,
  ) {
    const read = <T>(name: string, fallback: T): T => store.read<T>(name, generator) ?? fallback;
    const entryMap = new Map(read<[string, { key: string; value: unknown }][]>("entries.json", []));
    this.entryMap = entryMap;
    const used = this.used.entries;
    this.entries = {
      get: (hash) => {
        const entry = entryMap.get(hash);
        if (entry) used.add(hash);
        return entry;
      },
      set: (hash, entry) => {
        entryMap.set(hash, entry);
        used.add(hash);
      },
    };
    this.lint = new Set(read<string[]>("lint.json", []));
    this.passed = new Set(read<string[]>("passed.json", []));
    this.values = new Map(read<[string, unknown][]>("values.json", []));
    this.units = new Map(read<[string, UnitRecord][]>("units.json", []));
  }

  static async open(root: string): Promise<GenerateCache> {
    return new GenerateCache(new CacheDir(root), await generatorId());
  }

  /** Keeps what this run used, for the next one. */
  save(): void {
    const kept = <T>(map: Map<string, T>, used: Set<string>) => [...map].filter(([key]) => used.has(key));
    this.store.write("entries.json", this.generator, kept(this.entryMap, this.used.entries));
    this.store.write("lint.json", this.generator, [...this.lint].filter((key) => this.used.lint.has(key)));
    this.store.write("passed.json", this.generator, [...this.passed].filter((key) => this.used.passed.has(key)));
    this.store.write("values.json", this.generator, kept(this.values, this.used.values));
    this.store.write("units.json", this.generator, kept(this.units, this.used.units));
  }
}
