/** One thing wrong with the spec, located so that a maintainer can go straight to it. */
export interface Problem {
  /** Path relative to the repository root, e.g. "spec/pricing.yaml". */
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

/** `["models", "a/b", "factors", 1]` -> `models["a/b"].factors[1]` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(document)" : out;
}
