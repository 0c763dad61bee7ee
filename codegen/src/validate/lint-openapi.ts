import { bundle, createConfig, getLineColLocation, lint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import type { LoadedSpec } from "../load/load-spec.js";
import { fileName, pointerToPath, SpecError, type Problem } from "./problem.js";

let configPromise: Promise<Config> | undefined;

/** Redocly's recommended rules; model inputs are a components-only document, so unused components are expected there. */
function lintConfig(): Promise<Config> {
  configPromise ??= createConfig({
    extends: ["recommended"],
    rules: { "no-unused-components": "off" },
  });
  return configPromise;
}

/** Lints the API document and the model-inputs document with a real OpenAPI 3.1 validator. */
export async function lintOpenApi(spec: LoadedSpec): Promise<Problem[]> {
  const config = await lintConfig();
  const results = await Promise.all(
    [spec.openapi, spec.models].map(async (source) => {
      try {
        return (await lint({ ref: source.absolutePath, config })).filter((p) => p.severity === "error").map((p) => toProblem(spec.root, p));
      } catch (error) {
        return [stopped(source, "linter", error)];
      }
    }),
  );
  return results.flat();
}

/** The API document with every external $ref inlined, for the type emitter and the model stage. Throws SpecError when the bundler stops. */
export async function bundleApi(spec: LoadedSpec): Promise<Record<string, unknown>> {
  const config = await lintConfig();
  try {
    const result = await bundle({ ref: spec.openapi.absolutePath, config, dereference: false });
    return result.bundle.parsed as Record<string, unknown>;
  } catch (error) {
    throw new SpecError([stopped(spec.openapi, "bundler", error)]);
  }
}

/**
 * The loader already refuses what makes the OpenAPI tools throw (empty files, other versions, $ref
 * loops, binary files); anything else that stops them is still a located problem, not a stack trace.
 */
function stopped(source: LoadedSpec["openapi"], tool: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return source.problem([], `openapi-${tool}`, `the OpenAPI ${tool} stopped on this document: ${message.split("\n")[0]}`, "correct what the message names; if it names nothing in the spec, report it as a codegen bug");
}

function toProblem(root: string, p: NormalizedProblem): Problem {
  const location = p.location[0];
  const lineCol = location ? getLineColLocation(location) : undefined;
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
