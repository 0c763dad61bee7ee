import { isCollection, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node, type YAMLError } from "yaml";
import type { Problem } from "../validate/problem.js";
import { readYamlEntries, type EntryCache } from "./yaml-cached.js";
import type { Split } from "./yaml-chunks.js";
import { readYamlFast } from "./yaml-fast.js";
import { formatPath } from "../validate/problem.js";
import { readSpecText } from "./read-text.js";
import { aliasBombIssue, isAliasBomb, MAX_ALIAS_COUNT, valueIssues, type ValueIssue } from "./yaml-values.js";

export type PathSegment = string | number;

/** A parsed YAML file that can say where any value came from (line and column, 1-based). */
export interface YamlSource {
  /** Path relative to the repository root, as shown in problems. */
  readonly file: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly data: unknown;
  /** The file cut at its model entries, when it was read entry by entry (see yaml-cached.ts). */
  readonly split?: Split;
  /** Then also: each entry's key, and the hash of its text. */
  readonly entryHashes?: ReadonlyMap<string, string>;
  /** Line/column of the value at `path`; when it does not exist, of the key of its nearest ancestor that does. `key: true` points at the key. */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): { line: number; column: number };
  /** A located problem at `path`. */
  problem(path: readonly PathSegment[], check: string, message: string, fix: string, options?: { key?: boolean }): Problem;
}

/**
 * Whether the file's data may hold `word` in a key or a value: false only when its text has neither
 * the word nor a backslash (with no escape, no quoted string can spell it otherwise; and YAML folds
 * lines only between words). Lets a walk over thousands of models be skipped.
 */
export function mayHold(source: YamlSource, word: string): boolean {
  return source.text.includes(word) || source.text.includes("\\");
}

/** Read entry by entry at `path`, reusing the entries in `cache` (models and pricing, when generate keeps a cache). */
export interface ByEntry {
  path: readonly string[];
  cache: EntryCache;
}

export async function loadYaml(absolutePath: string, file: string, byEntry?: ByEntry): Promise<YamlSource | Problem> {
  const text = await readSpecText(absolutePath, file, "yaml", (lossy, offset) => {
    const path = pathAt(parseDocument(lossy, { prettyErrors: false }), offset);
    return path.length > 0 ? formatPath(path) : "(document)";
  });
  return typeof text === "string" ? parseYamlSource(text, absolutePath, file, byEntry) : text;
}

/**
 * Parses one spec file. Refused, with the first problem located: a syntax error, an alias that
 * cannot be expanded (undefined, cyclic or exponential), a number the data would not carry exactly,
 * and a file whose top level is not a mapping (every spec file is one).
 */
export function parseYamlSource(text: string, absolutePath: string, file: string, byEntry?: ByEntry): YamlSource | Problem {
  const fast = byEntry ? readYamlEntries(text, byEntry.path, byEntry.cache) : readWhole(text);
  if (fast === undefined) return parseWithPositions(text, absolutePath, file);
  // Read fast: the positions are read only when a problem needs locating (the same reader, the same answer).
  let positioned: YamlSource | undefined;
  const withPositions = (): YamlSource => {
    if (!positioned) {
      const read = parseWithPositions(text, absolutePath, file);
      if (!isYamlSource(read)) throw new Error(`${file}: the fast YAML reader read a file the positioned reader refuses (${read.message})`);
      positioned = read;
    }
    return positioned;
  };
  return {
    file,
    absolutePath,
    text,
    data: fast.data,
    ...(fast.split ? { split: fast.split } : {}),
    ...(fast.entryHashes ? { entryHashes: fast.entryHashes } : {}),
    locate: (path, options) => withPositions().locate(path, options),
    problem: (path, check, message, fix, options) => withPositions().problem(path, check, message, fix, options),
  };
}

function readWhole(text: string): { data: Record<string, unknown>; split?: Split; entryHashes?: Map<string, string> } | undefined {
  const data = readYamlFast(text);
  return data === undefined ? undefined : { data };
}

/** Reads a file with every value's position (the yaml library's document), and says what is wrong with it. */
function parseWithPositions(text: string, absolutePath: string, file: string): YamlSource | Problem {
  const lineCounter = new LineCounter();
  // uniqueKeys: a duplicated key is an error, never a silent overwrite.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) return syntaxProblem(doc, lineCounter, text, first, file);
  const at = (issue: ValueIssue): Problem => {
    const pos = lineCounter.linePos(issue.offset);
    const path = pathAt(doc, issue.offset);
    return { file, line: pos.line, column: pos.col, path: path.length > 0 ? formatPath(path) : "(document)", message: issue.message, fix: issue.fix, check: "yaml" };
  };
  const issue = valueIssues(doc)[0];
  if (issue) return at(issue);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (isAliasBomb(error)) return at(aliasBombIssue(doc));
    throw error;
  }
  if (!isMap(doc.contents)) {
    const what = doc.contents === null || data === null || data === undefined ? "nothing (the file is empty or only comments)" : isSeq(doc.contents) ? "a list" : "a single value";
    const pos = lineCounter.linePos(doc.contents?.range?.[0] ?? 0);
    return { file, line: pos.line, column: pos.col, path: "(document)", message: `the file holds ${what}, not a mapping of keys`, fix: `write ${file} as a YAML mapping (key: value lines at the top level)`, check: "yaml" };
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
    data,
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
  // Where a missing child is reported: the key that names its parent (the line a reader looks for), not the parent's first line.
  let anchor = offset;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return anchor;
      const keyNode = pair.key as Node;
      if (last && wantKey) return keyNode.range?.[0] ?? offset;
      anchor = keyNode.range?.[0] ?? offset;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? anchor;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg] as Node | undefined;
      if (!node) return anchor;
      offset = node.range?.[0] ?? offset;
      anchor = offset;
    } else {
      return anchor;
    }
  }
  return offset;
}

/** The first YAML error as a located problem, worded for the mistakes people make by hand. */
function syntaxProblem(doc: Document, lineCounter: LineCounter, text: string, error: YAMLError, file: string): Problem {
  let offset = error.pos[0];
  let message = `YAML does not parse: ${error.message.split("\n")[0]}`;
  let fix = 'correct the YAML at this position: indentation, brackets and quotes (quote a value that contains ": ")';
  const unclosed = error.code === "BAD_INDENT" || error.code === "MISSING_CHAR" ? unclosedBefore(doc, offset) : undefined;
  if (unclosed !== undefined) {
    // The parser notices an unclosed bracket or quote only on a later line; point at where it was opened.
    offset = unclosed;
    const open = text.charAt(offset);
    const close = open === "{" ? "}" : open === "[" ? "]" : open;
    message = `YAML does not parse: the ${open} opened here is never closed`;
    fix = `add the closing ${close} on this line`;
  } else if (error.code === "DUPLICATE_KEY") {
    const key = keyAt(doc, offset);
    message = `YAML does not parse: key ${JSON.stringify(key)} appears twice in the same mapping`;
    fix = `keep one "${key}" and delete the other (YAML would silently keep only the last)`;
  } else if (error.code === "TAB_AS_INDENT") {
    fix = "indent with spaces: YAML does not allow tabs";
  } else if (error.code === "MULTIPLE_DOCS") {
    fix = "keep one YAML document: remove the --- or ... line";
  } else if (error.code === "BLOCK_AS_IMPLICIT_KEY") {
    const end = text.indexOf("\n", offset);
    if (/:\s/.test(text.slice(offset, end < 0 ? undefined : end))) {
      message = 'YAML does not parse: this unquoted value contains ": ", which YAML reads as a nested mapping';
      fix = "put the whole value in quotes";
    } else {
      fix = "correct the indentation: a line indented deeper than the keys beside it continues the value above it";
    }
  }
  const pos = lineCounter.linePos(offset);
  const path = pathAt(doc, offset);
  // The parser made the start of a "a: b: c" value into a key of its own; the problem is the value, not that key.
  if (error.code === "BLOCK_AS_IMPLICIT_KEY" && keyAt(doc, offset) !== "") path.pop();
  return { file, line: pos.line, column: pos.col, path: path.length > 0 ? formatPath(path) : "(syntax)", message, fix, check: "yaml" };
}

/** Start of the flow collection or quoted string that runs, unclosed, up to `offset`. */
function unclosedBefore(doc: Document, offset: number): number | undefined {
  let found: number | undefined;
  const visit = (node: unknown): void => {
    if (!isNode(node) || !node.range) return;
    const [start, end] = node.range;
    const opener = (isCollection(node) && node.flow) || (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE));
    if (opener && end === offset && start < offset && (found === undefined || start > found)) found = start;
    if (isMap(node)) for (const pair of node.items) [pair.key, pair.value].forEach(visit);
    if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return found;
}

/** The text of the key that starts at `offset`. */
function keyAt(doc: Document, offset: number): string {
  let found = "";
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.range?.[0] === offset) found = String(pair.key.value);
        visit(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return found;
}

/** The path of the deepest key or value that contains `offset`: where in the document a syntax error is. */
function pathAt(doc: Document, offset: number): PathSegment[] {
  const out: PathSegment[] = [];
  const contains = (node: unknown) => isNode(node) && node.range !== undefined && node.range !== null && node.range[0] <= offset && offset < node.range[2];
  let node: unknown = doc.contents;
  while (isCollection(node)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key) || contains(p.value));
      if (!pair || !isScalar(pair.key)) break;
      out.push(String(pair.key.value));
      if (contains(pair.key)) break;
      node = pair.value;
    } else {
      const i = (node as { items: unknown[] }).items.findIndex(contains);
      if (i < 0) break;
      out.push(i);
      node = (node as { items: unknown[] }).items[i];
    }
  }
  return out;
}
