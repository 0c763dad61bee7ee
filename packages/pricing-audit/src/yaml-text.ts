import { isNode, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { inputError } from "./errors.js";

export type Path = readonly (string | number)[];

/** A parsed YAML text that can say on which line a value sits. */
export interface ParsedYaml {
  /** Mappings as Map (key order kept, even for integer-like keys), sequences as arrays. */
  readonly data: unknown;
  /** "line 12" of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: Path): string;
  /** Line and column (1-based) of the value at `path`, or of its nearest ancestor that exists. */
  positionOf(path: Path): { readonly line: number; readonly column: number };
}

/**
 * Parses YAML 1.2 (dates stay strings, integers become BigInt so none loses a digit); a syntax
 * error or a duplicated key is one line naming where, as `file:line:column: …` (the form editors
 * and terminals turn into a link).
 */
export function parseYaml(text: string, label: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, intAsBigInt: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    throw inputError(`${label}:${line}:${col}: YAML does not parse: ${first.message.split("\n")[0]}`);
  }
  // An alias inside the value it repeats would make the data circular; one past the alias limit is a "billion laughs" document.
  let firstAlias: number | undefined;
  let cycle: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, alias) {
      const offset = alias.range?.[0] ?? 0;
      firstAlias ??= offset;
      const source = alias.resolve(doc) as Node | undefined;
      if (source?.range && alias.range && source.range[0] <= alias.range[0] && alias.range[1] <= source.range[1]) cycle ??= { name: alias.source, offset };
    },
  });
  const at = (offset: number) => `${label}:${lines.linePos(offset).line}:${lines.linePos(offset).col}`;
  if (cycle) throw inputError(`${at(cycle.offset)}: alias *${cycle.name} is inside the value it repeats; write the value out`);
  let data: unknown;
  try {
    data = doc.toJS({ mapAsMap: true, maxAliasCount: 100 });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw inputError(`${at(firstAlias ?? 0)}: YAML aliases do not expand (${error.message.split("\n")[0]}); write the values out`);
  }
  return {
    data,
    lineOf: (path) => `line ${lines.linePos(offsetOf(doc, path)).line}`,
    positionOf: (path) => {
      const { line, col } = lines.linePos(offsetOf(doc, path));
      return { line, column: col };
    },
  };
}

function offsetOf(doc: Document, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

/** A path as a reader writes it: models["a/b"].factors[0].table["720p"]. */
export function formatPath(path: Path): string {
  return path
    .map((seg, i) => (typeof seg === "number" ? `[${seg}]` : /^[a-z_][a-z0-9_]*$/i.test(seg) ? `${i === 0 ? "" : "."}${seg}` : `[${JSON.stringify(seg)}]`))
    .join("");
}

/**
 * A value read by `parseYaml` as plain JSON-like data: mappings as objects (keys as strings),
 * integers as numbers where they are safe (as BigInt beyond).
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "bigint" && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value;
}
