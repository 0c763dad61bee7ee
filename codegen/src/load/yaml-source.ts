import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Problem } from "../validate/problem.js";
import { formatPath } from "../validate/problem.js";

export type PathSegment = string | number;

/** A parsed YAML file that can say where any value came from (line and column, 1-based). */
export interface YamlSource {
  /** Path relative to the repository root, as shown in problems. */
  readonly file: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly data: unknown;
  /** Line/column of the value at `path`, or of the nearest ancestor that exists. `key: true` points at the key. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  /** A located problem at `path`. */
  problem(path: readonly PathSegment[], check: string, message: string, fix: string, options?: { key?: boolean }): Problem;
}

export async function loadYaml(absolutePath: string, file: string): Promise<YamlSource | Problem> {
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : String(error);
    return { file, line: 1, column: 1, path: "(file)", message: reason, fix: `create ${file} or pass the right path`, check: "yaml" };
  }
  return parseYamlSource(text, absolutePath, file);
}

export function parseYamlSource(text: string, absolutePath: string, file: string): YamlSource | Problem {
  const lineCounter = new LineCounter();
  // uniqueKeys: a duplicated key is an error, never a silent overwrite.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    return {
      file,
      line: pos.line,
      column: pos.col,
      path: "(syntax)",
      message: `YAML does not parse: ${first.message.split("\n")[0]}`,
      fix: "correct the YAML syntax at this position (indentation, quotes, a duplicated key)",
      check: "yaml",
    };
  }
  const locate = (path: readonly PathSegment[], options: { key?: boolean } = {}) => {
    const offset = findOffset(doc, path, options.key ?? false);
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    file,
    absolutePath,
    text,
    data: doc.toJS({ maxAliasCount: 100 }),
    locate,
    problem(path, check, message, fix, options) {
      const { line, column } = locate(path, options);
      return { file, line, column, path: formatPath(path), message, fix, check };
    },
  };
}

export function isYamlSource(value: YamlSource | Problem): value is YamlSource {
  return "locate" in value;
}

function findOffset(doc: Document, path: readonly PathSegment[], wantKey: boolean): number {
  let node: Node | null | undefined = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      if (last && wantKey) return keyNode.range?.[0] ?? offset;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as Node | undefined;
      if (!node) return offset;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}
