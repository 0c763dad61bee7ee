import path from "node:path";
import { bundle, createConfig, getLineColLocation, lint, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import type { LoadedSpec } from "../load/load-spec.js";
import type { Problem } from "./problem.js";

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
    [spec.openapi, spec.models].map((source) => lint({ ref: source.absolutePath, config })),
  );
  return results.flat().filter((p) => p.severity === "error").map((p) => toProblem(spec.root, p));
}

/** The API document with every external $ref inlined, for the type emitter and the model stage. */
export async function bundleApi(spec: LoadedSpec): Promise<Record<string, unknown>> {
  const config = await lintConfig();
  const result = await bundle({ ref: spec.openapi.absolutePath, config, dereference: false });
  return result.bundle.parsed as Record<string, unknown>;
}

function toProblem(root: string, p: NormalizedProblem): Problem {
  const location = p.location[0];
  const lineCol = location ? getLineColLocation(location) : undefined;
  const file = location ? path.relative(root, location.source.absoluteRef) : "(unknown)";
  return {
    file: file.split(path.sep).join("/"),
    line: lineCol?.start.line ?? 1,
    column: lineCol?.start.col ?? 1,
    path: location?.pointer ?? "#",
    message: p.message,
    fix: p.suggest.length > 0 ? `did you mean ${p.suggest.map((s) => `"${s}"`).join(" or ")}?` : `see the "${p.ruleId}" rule of the OpenAPI linter`,
    check: `openapi-lint/${p.ruleId}`,
  };
}
