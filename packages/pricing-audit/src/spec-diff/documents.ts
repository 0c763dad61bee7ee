import { posix } from "node:path";
import { inputError } from "../errors.js";
import { parseYaml, type ParsedYaml, type Path } from "../yaml-text.js";
import type { SpecTree } from "./source.js";

/**
 * A value of a spec revision and where it was written: the file and the keys leading to it. Mappings
 * are `Map<string, unknown>` (never plain objects, so a key such as "constructor" is just a key),
 * integers are numbers (BigInt beyond 2^53).
 */
export interface Located {
  readonly value: unknown;
  readonly file: string;
  readonly path: Path;
}

export type YamlMap = Map<string, unknown>;

export function isMap(value: unknown): value is YamlMap {
  return value instanceof Map;
}

/** The key's value of a mapping, with its location; undefined value when there is no such key. */
export function child(node: Located, key: string | number): Located {
  const v = node.value;
  const value = isMap(v) ? v.get(String(key)) : Array.isArray(v) && typeof key === "number" ? v[key] : undefined;
  return { value, file: node.file, path: [...node.path, key] };
}

/** Most refs one chain may follow before it is called a loop. */
const MAX_HOPS = 64;

/**
 * The YAML files of one revision, parsed with positions, and the `$ref`s between them (a relative
 * file and/or a JSON pointer, RFC 6901: `../components/jobs.yaml#/SubmitJobRequest`, `#/ModelSlug`).
 * Loading reads every file a ref reaches and checks every ref, so a broken one is reported before
 * anything is compared, and resolving afterwards is synchronous.
 */
export class SpecFiles {
  private readonly files = new Map<string, { readonly yaml: ParsedYaml; readonly data: unknown }>();

  constructor(readonly tree: SpecTree) {}

  /** Reads `file` and everything its refs reach; its root value. Throws one line for a missing file, bad YAML or a broken ref. */
  async load(file: string): Promise<Located> {
    const pending: { file: string; from?: { ref: string; at: Located } }[] = [{ file }];
    const refs: { ref: string; at: Located }[] = [];
    while (pending.length > 0) {
      const next = pending.shift()!;
      if (this.files.has(next.file)) continue;
      const text = await this.tree.read(next.file);
      if (text === undefined) {
        if (next.from === undefined) throw inputError(`${this.tree.name(next.file)}: no such file`);
        throw inputError(`${this.where(next.from.at)}: $ref "${next.from.ref}" names ${this.tree.name(next.file)}, which does not exist in ${this.tree.label}`);
      }
      const yaml = parseYaml(text, this.tree.name(next.file));
      const data = normalise(yaml.data);
      this.files.set(next.file, { yaml, data });
      for (const found of refsIn({ value: data, file: next.file, path: [] })) {
        refs.push(found);
        const target = this.targetFile(found.ref, found.at);
        if (!this.files.has(target)) pending.push({ file: target, from: found });
      }
    }
    // Every ref points at something: checked now, so a comparison never stops half-way.
    for (const { at } of refs) this.resolve(at);
    return this.root(file);
  }

  /** `file` as an empty document: what a whole spec directory without it defines (nothing). */
  empty(file: string): Located {
    this.files.set(file, { yaml: parseYaml("{}", this.tree.name(file)), data: new Map() });
    return this.root(file);
  }

  root(file: string): Located {
    const loaded = this.files.get(file);
    if (loaded === undefined) throw new Error(`${file} was not loaded`);
    return { value: loaded.data, file, path: [] };
  }

  /**
   * The value a node stands for: itself, or what its `$ref` (chain) points at. Keys written beside a
   * `$ref` (OpenAPI 3.1 allows description, summary…) override the target's.
   */
  resolve(node: Located): Located {
    let current = node;
    const siblings: [string, unknown][] = [];
    for (let hops = 0; ; hops++) {
      const v = current.value;
      if (!isMap(v) || typeof v.get("$ref") !== "string") break;
      if (hops >= MAX_HOPS) throw inputError(`${this.where(node)}: $ref "${String(isMap(node.value) ? node.value.get("$ref") : "")}" loops back to itself`);
      for (const [k, value] of v) if (k !== "$ref") siblings.push([k, value]);
      current = this.follow(v.get("$ref") as string, current);
    }
    if (siblings.length === 0 || !isMap(current.value)) return current;
    return { ...current, value: new Map([...current.value, ...siblings.reverse()]) };
  }

  /** `file:line:column` of a node, for messages. */
  where(node: Located): string {
    const loaded = this.files.get(node.file);
    const { line, column } = loaded ? loaded.yaml.positionOf(node.path) : { line: 1, column: 1 };
    return `${this.tree.name(node.file)}:${line}:${column}`;
  }

  private follow(ref: string, at: Located): Located {
    const file = this.targetFile(ref, at);
    const loaded = this.files.get(file);
    if (loaded === undefined) throw inputError(`${this.where(at)}: $ref "${ref}" names ${this.tree.name(file)}, which does not exist in ${this.tree.label}`);
    const hash = ref.indexOf("#");
    const pointer = hash < 0 ? "" : ref.slice(hash + 1);
    if (pointer !== "" && !pointer.startsWith("/")) throw inputError(`${this.where(at)}: $ref "${ref}": the part after # must be a JSON pointer such as #/components/schemas/Name`);
    let node: Located = { value: loaded.data, file, path: [] };
    for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      const next = child(node, Array.isArray(node.value) && /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key);
      if (next.value === undefined) throw inputError(`${this.where(at)}: $ref "${ref}" points at nothing: ${this.tree.name(file)} has no ${JSON.stringify(key)} at #${pointer.slice(0, pointer.indexOf(raw) + raw.length)}`);
      node = next;
    }
    return node;
  }

  /** The file a ref names, relative to the spec directory; refs stay inside it and are never fetched. */
  private targetFile(ref: string, at: Located): string {
    const hash = ref.indexOf("#");
    const file = hash < 0 ? ref : ref.slice(0, hash);
    if (file === "") return at.file;
    if (/^[a-z][a-z0-9+.-]*:/i.test(file)) throw inputError(`${this.where(at)}: $ref "${ref}" is a URL; only refs to files of the spec are compared`);
    const target = posix.normalize(posix.join(posix.dirname(at.file), decodeURIComponent(file)));
    if (target.startsWith("../") || posix.isAbsolute(target)) throw inputError(`${this.where(at)}: $ref "${ref}" leaves the spec directory`);
    return target;
  }
}

/** Every `$ref` string under a node, with where it is written (the ref's mapping). */
function* refsIn(node: Located): Generator<{ ref: string; at: Located }> {
  const v = node.value;
  if (isMap(v)) {
    const ref = v.get("$ref");
    if (typeof ref === "string") yield { ref, at: node };
    for (const key of v.keys()) if (key !== "$ref") yield* refsIn(child(node, key));
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* refsIn(child(node, i));
  }
}

/** Mapping keys as strings (YAML may have read `200:` as a number), integers as numbers where safe. */
function normalise(value: unknown): unknown {
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [String(k), normalise(v)]));
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value;
}
