import path from "node:path";

/** One thing wrong with the spec, located so that a maintainer can go straight to it. */
export interface Problem {
  /** Path relative to the repository root, e.g. "spec/pricing.yaml" (absolute for a file outside it; see fileName). */
  file: string;
  line: number;
  column: number;
  /** Where in the document: models["kling-plus/..."].factors[1].table["true"]. */
  path: string;
  message: string;
  fix: string;
  /** Which check found it: "yaml", "openapi-lint", "pricing-schema", "cross-check", "example". */
  check: string;
}

/** Thrown when the spec cannot be generated from; carries every problem found, not just the first. */
export class SpecError extends Error {
  override readonly name = "SpecError";
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the spec`);
  }
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column} ${p.path}: ${p.message}\n  fix: ${p.fix}  [${p.check}]`;
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
}

/** How problems name a file: relative to the repository root with "/" separators, or absolute when outside it. */
export function fileName(root: string, absolutePath: string): string {
  const relative = path.relative(root, absolutePath);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return absolutePath.split(path.sep).join("/");
  return relative.split(path.sep).join("/");
}

/**
 * `["models", "a/b", "factors", 1, "table", "true"]` -> `models["a/b"].factors[1].table["true"]`.
 * A table key is an input value, never a property name, so it is always written in brackets.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const [i, seg] of path.entries()) {
    const tableKey = i >= 2 && path[i - 1] === "table" && typeof path[i - 2] === "number";
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg) && !tableKey) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(document)" : out;
}

/** `#/paths/~1v1~1jobs/post` (a JSON pointer, as the OpenAPI linter reports) -> `paths["/v1/jobs"].post`. */
export function pointerToPath(pointer: string): string {
  const segments = pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter((s) => s !== "")
    .map((s) => decodeSegment(s).replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
  return formatPath(segments);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
