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
    // Thousands of models' rendered chunks: kept as a table of strings, sliced out of the file on reading.
    const units = new KeptMap<UnitRecord>(store, "units", generator, UNIT_CODEC);
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

/** Stores a value as a list of strings (see CacheDir.writeStrings). */
interface StringCodec<V> {
  encode(value: V): string[];
  decode(strings: string[]): V;
}

/** A unit as strings: provider, the file count, the files, then each view's chunk count and chunks, in a fixed order. */
const UNIT_CODEC: StringCodec<UnitRecord> = {
  encode: ({ views, files }) => {
    const lists = [views.client.inputs, views.client.schemas, views.client.registry, views.pricing.index, views.docs.modelsMd, views.docs.pricingMd];
    return [views.docs.provider, String(files.length), ...files, ...lists.flatMap((list) => [String(list.length), ...list])];
  },
  decode: (strings) => {
    let at = 0;
    const provider = strings[at++]!;
    const take = () => {
      const count = Number(strings[at++]);
      at += count;
      return strings.slice(at - count, at);
    };
    const files = take();
    const [inputs, schemas, registry, index, modelsMd, pricingMd] = [take(), take(), take(), take(), take(), take()];
    if (at !== strings.length) throw new Error("unit record: not the layout written");
    return { files, views: { client: { inputs, schemas, registry }, pricing: { index }, docs: { provider, modelsMd, pricingMd } } };
  },
};

/**
 * A map kept in the cache folder as a base record and a delta of what changed since (added and removed
 * keys): a run that changes a few of thousands of models writes those few, not megabytes. Its keys are
 * content hashes, so a key's value never changes; the delta names the base it applies to.
 */
class KeptMap<V> {
  readonly map: Map<string, V>;
  private base: ReadonlySet<string>;
  private baseId: string | undefined;

  constructor(
    private readonly store: CacheDir,
    private readonly name: string,
    private readonly key: string,
    private readonly codec?: StringCodec<V>,
  ) {
    if (codec) {
      this.map = new Map();
      this.base = new Set();
      try {
        const base = store.readStrings(`${name}.strings`, key);
        const baseId = (base?.meta as { id?: unknown } | undefined)?.id;
        if (base && typeof baseId === "string") {
          for (const [k, strings] of base.entries) this.map.set(k, codec.decode(strings));
          this.base = new Set(this.map.keys());
          this.baseId = baseId;
          const delta = store.readStrings(`${name}.delta.strings`, key);
          const meta = delta?.meta as { base?: unknown; removed?: string[] } | undefined;
          if (delta && meta?.base === baseId && Array.isArray(meta.removed)) {
            for (const removed of meta.removed) this.map.delete(removed);
            for (const [k, strings] of delta.entries) this.map.set(k, codec.decode(strings));
          }
        }
      } catch {
        // Not the layout written: no record.
        this.map.clear();
        this.base = new Set();
        this.baseId = undefined;
      }
      return;
    }
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
    const codec = this.codec;
    const ext = codec ? "strings" : "json";
    if (this.baseId !== undefined && set.length + removed.length <= Math.max(64, this.base.size / 10)) {
      if (codec) this.store.writeStrings(`${this.name}.delta.strings`, this.key, { base: this.baseId, removed }, set.map(([k, v]) => [k, codec.encode(v)]));
      else this.store.write(`${this.name}.delta.json`, this.key, { base: this.baseId, set, removed });
      return;
    }
    const entries = [...used].filter((k) => this.map.has(k)).map((k): [string, V] => [k, this.map.get(k)!]);
    if (codec) this.store.writeStrings(`${this.name}.strings`, this.key, { id: randomUUID() }, entries.map(([k, v]) => [k, codec.encode(v)]));
    else this.store.write(`${this.name}.json`, this.key, { id: randomUUID(), entries });
    this.store.remove(`${this.name}.delta.${ext}`);
  }
}
