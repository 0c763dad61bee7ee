import { stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../validate/problem.js";
import { fileName } from "../validate/problem.js";
import { isYamlSource, loadYaml, mayHold, type PathSegment, type YamlSource } from "./yaml-source.js";

/** One `$ref` as written: where it is and what it says. */
interface RefSite {
  source: YamlSource;
  /** Path of the `$ref` key's value. */
  at: PathSegment[];
  ref: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * Every file the given documents reach through relative `$ref`s, loaded (and so checked) like the
 * spec files themselves: the OpenAPI tools read them too, and would otherwise meet an alias bomb, a
 * NUL byte or invalid UTF-8 there unchecked. A `$ref` to a URL is refused (generate reads only local
 * files). A file that does not exist is left to the OpenAPI linter, which reports it at the `$ref`.
 */
export async function loadReferenced(root: string, documents: readonly YamlSource[]): Promise<{ sources: YamlSource[]; problems: Problem[] }> {
  const byPath = new Map<string, YamlSource>(documents.map((d) => [d.absolutePath, d]));
  const refused = new Set<string>();
  const sources: YamlSource[] = [];
  const problems: Problem[] = [];
  const queue = [...documents];
  for (let source = queue.shift(); source; source = queue.shift()) {
    for (const site of refSites(source)) {
      const file = site.ref.split("#")[0]!;
      if (file === "") continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
        problems.push(source.problem(site.at, "ref", `$ref ${JSON.stringify(site.ref)} points at a URL; generate reads only local files`, "save the document next to the spec and point at it with a relative path"));
        continue;
      }
      const target = refFile(source, file);
      if (target === undefined || byPath.has(target) || refused.has(target) || !(await isFile(target))) continue;
      const loaded = await loadYaml(target, fileName(root, target));
      if (!isYamlSource(loaded)) {
        refused.add(target);
        problems.push(loaded);
        continue;
      }
      byPath.set(target, loaded);
      sources.push(loaded);
      queue.push(loaded);
    }
  }
  if (problems.length === 0) problems.push(...refCycles([...byPath.values()], byPath));
  return { sources, problems };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Every `$ref: <string>` in a document, in document order. */
function refSites(source: YamlSource): RefSite[] {
  const sites: RefSite[] = [];
  if (!mayHold(source, "$ref")) return sites;
  const visit = (value: unknown, at: PathSegment[]): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...at, i]));
    else if (isObj(value)) {
      if (typeof value.$ref === "string") sites.push({ source, at: [...at, "$ref"], ref: value.$ref });
      for (const [key, item] of Object.entries(value)) visit(item, [...at, key]);
    }
  };
  visit(source.data, []);
  return sites;
}

/**
 * `$ref`s that lead back to themselves through other `$ref`s without reaching a value (A -> B -> A,
 * or A -> A): there is no schema at the end, and the OpenAPI tools stop with a bare exception. A
 * schema that refers to itself inside its properties (a tree) is fine: it reaches a value first.
 * Each loop is reported once, at its first `$ref` in document order.
 */
function refCycles(sources: readonly YamlSource[], byPath: ReadonlyMap<string, YamlSource>): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const source of sources) {
    for (const site of refSites(source)) {
      const self = `${source.absolutePath}#${pointerOf(site.at.slice(0, -1))}`;
      const chain = [self];
      let ref: { source: YamlSource; ref: string } | undefined = site;
      while (ref) {
        const target = resolve(ref.source, ref.ref, byPath);
        if (!target) break;
        const id = `${target.source.absolutePath}#${target.pointer}`;
        if (chain.includes(id)) {
          const loop = chain.slice(chain.indexOf(id));
          const key = [...loop].sort().join("|");
          // Only a $ref inside the loop reports it (a $ref merely leading into a loop is not the mistake).
          if (id === self && !reported.has(key)) {
            reported.add(key);
            const names = [...loop, id].map((n) => {
              const [file, pointer] = n.split("#") as [string, string];
              return `${file === source.absolutePath ? "" : path.basename(file)}#${pointer}`;
            });
            problems.push(source.problem(site.at, "ref", `$ref ${JSON.stringify(site.ref)} leads back to itself (${names.join(" -> ")}) without reaching a schema`, "point one $ref of the loop at the schema itself, or write the schema there"));
          }
          break;
        }
        chain.push(id);
        const value = target.value;
        ref = isObj(value) && typeof value.$ref === "string" ? { source: target.source, ref: value.$ref } : undefined;
      }
    }
  }
  return problems;
}

/** A JSON pointer ("/components/schemas/A") to a path in a document. */
function pointerOf(at: readonly PathSegment[]): string {
  return at.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The absolute path of the file part of a `$ref`, relative to the document it is written in. */
function refFile(from: YamlSource, file: string): string | undefined {
  try {
    return path.resolve(path.dirname(from.absolutePath), decodeURIComponent(file));
  } catch {
    return undefined;
  }
}

/** The value a `$ref` points at, when its file is loaded and its JSON pointer exists. */
function resolve(from: YamlSource, ref: string, byPath: ReadonlyMap<string, YamlSource>): { source: YamlSource; pointer: string; value: unknown } | undefined {
  const hash = ref.indexOf("#");
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? "" : ref.slice(hash + 1);
  const absolute = file === "" ? from.absolutePath : refFile(from, file);
  const source = absolute === undefined ? undefined : byPath.get(absolute);
  if (!source) return undefined;
  let value: unknown = source.data;
  const segments: string[] = [];
  for (const raw of pointer.split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (!isObj(value) || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
    segments.push(segment);
  }
  return { source, pointer: pointerOf(segments), value };
}
