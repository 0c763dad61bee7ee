import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import { fileName, pointerToPath, type Problem } from "./problem.js";

type Redocly = typeof import("@redocly/openapi-core");

let redocly: Promise<{ core: Redocly; config: Config }> | undefined;

/** What a lint result depends on besides the text and the linter's version: its rules (below). */
export const LINT_RULES = "redocly recommended; no-unused-components off";

/**
 * Redocly, imported on first use (half a second), with its recommended rules; model inputs are a
 * components-only document, so unused components are expected there.
 */
function linter(): Promise<{ core: Redocly; config: Config }> {
  redocly ??= (async () => {
    const core = await import("@redocly/openapi-core");
    const config = await core.createConfig({ extends: ["recommended"], rules: { "no-unused-components": "off" } });
    return { core, config };
  })();
  return redocly;
}

/** Imports the linter now, ahead of its first use (a worker thread does this as it starts). */
export async function warmUp(): Promise<void> {
  await linter();
}

/** Every error the linter finds in an OpenAPI file (and the files it $refs), located. */
export async function lintFile(root: string, absolutePath: string): Promise<Problem[]> {
  const { core, config } = await linter();
  const problems = await core.lint({ ref: absolutePath, config });
  return problems.filter((p) => p.severity === "error").map((p) => toProblem(core, root, p));
}

/** Whether the linter finds any error in this text, read as the file at `absolutePath`. */
export async function lintTextHasErrors(text: string, absolutePath: string): Promise<boolean> {
  const { core, config } = await linter();
  const problems = await core.lintFromString({ source: text, absoluteRef: absolutePath, config });
  return problems.some((p) => p.severity === "error");
}

/** The API document with every external $ref inlined, for the type emitter and the model stage. */
export async function bundleFile(absolutePath: string): Promise<Record<string, unknown>> {
  const { core, config } = await linter();
  const result = await core.bundle({ ref: absolutePath, config, dereference: false });
  return result.bundle.parsed as Record<string, unknown>;
}

function toProblem(core: Redocly, root: string, p: NormalizedProblem): Problem {
  const location = p.location[0];
  const lineCol = location ? core.getLineColLocation(location) : undefined;
  return {
    file: location ? fileName(root, location.source.absoluteRef) : "(unknown)",
    line: lineCol?.start.line ?? 1,
    column: lineCol?.start.col ?? 1,
    path: location ? pointerToPath(location.pointer ?? "#") : "(document)",
    message: p.message,
    fix: p.suggest.length > 0 ? `did you mean ${p.suggest.map((s) => `"${s}"`).join(" or ")}?` : (RULE_FIXES[p.ruleId] ?? `change it so the OpenAPI linter's "${p.ruleId}" rule passes`),
    check: `openapi-lint/${p.ruleId}`,
  };
}

/** What to do about the rules an author trips over most, where the linter itself suggests nothing. */
const RULE_FIXES: Record<string, string> = {
  "no-enum-type-mismatch": "make every enum value the field's type (quote a number on a string field so YAML keeps it a string)",
  struct: "give this key the shape OpenAPI 3.1 expects here (a schema is a mapping such as {type: string})",
  "spec-components-invalid-map-name": "use only letters, digits, '.', '-' and '_' in component names",
  "no-unresolved-refs": "point the $ref at a file and JSON pointer that exist",
};
