import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import type { Problem } from "../validate/problem.js";
import { fileName, SpecError } from "../validate/problem.js";
import { loadYaml, type YamlSource } from "./yaml-source.js";

/** The authored spec as read from disk: every YAML file with its positions, nothing interpreted yet. */
export interface LoadedSpec {
  root: string;
  files: SpecFiles;
  /** The root of the HTTP API document (its $refs are followed by the linter and the bundler). */
  openapi: YamlSource;
  models: YamlSource;
  pricing: YamlSource;
  pricingSchema: Record<string, unknown>;
}

/** Stage 1: read and parse every spec file. Throws SpecError naming each file that does not parse. */
export async function loadSpec(root: string, files: SpecFiles): Promise<LoadedSpec> {
  const loadOne = (file: string) => {
    const absolutePath = path.resolve(root, file);
    return loadYaml(absolutePath, fileName(root, absolutePath));
  };
  const [openapi, models, pricing, schema] = await Promise.all([
    loadOne(files.openapi),
    loadOne(files.models),
    loadOne(files.pricing),
    loadJson(root, files.pricingSchema),
  ]);
  const problems = [openapi, models, pricing, schema].filter((r) => "check" in r) as Problem[];
  if (problems.length > 0 || "check" in schema) throw new SpecError(problems);
  return {
    root,
    files,
    openapi: openapi as YamlSource,
    models: models as YamlSource,
    pricing: pricing as YamlSource,
    pricingSchema: schema.json,
  };
}

async function loadJson(root: string, file: string): Promise<{ json: Record<string, unknown> } | Problem> {
  const absolutePath = path.resolve(root, file);
  const name = fileName(root, absolutePath);
  const problem = (message: string, fix: string, at = { line: 1, column: 1 }): Problem => ({ file: name, ...at, path: "(file)", message, fix, check: "json" });
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    return problem(missing ? "the file does not exist" : String(error), `create ${name} or pass the right path`);
  }
  try {
    return { json: JSON.parse(text) as Record<string, unknown> };
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    return problem(`JSON does not parse: ${message}`, "correct the JSON syntax at this position", position ? lineColumn(text, Number(position[1])) : undefined);
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
