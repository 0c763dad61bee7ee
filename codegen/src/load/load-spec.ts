import path from "node:path";
import type { SpecFiles } from "../config.js";
import type { Problem } from "../validate/problem.js";
import { fileName, SpecError } from "../validate/problem.js";
import { readSpecText } from "./read-text.js";
import { loadReferenced } from "./refs.js";
import type { EntryCache } from "./yaml-cached.js";
import { isYamlSource, loadYaml, type YamlSource } from "./yaml-source.js";

/** The authored spec as read from disk: every YAML file with its positions, nothing interpreted yet. */
export interface LoadedSpec {
  root: string;
  files: SpecFiles;
  /** The root of the HTTP API document (its $refs are followed by the linter and the bundler). */
  openapi: YamlSource;
  models: YamlSource;
  pricing: YamlSource;
  /** Every file openapi.yaml and models.yaml reach through relative $refs (spec/api/...), loaded and checked alike. */
  referenced: YamlSource[];
  pricingSchema: Record<string, unknown>;
}

/** Where each model's entry is in the files read entry by entry. */
export const MODEL_ENTRIES = { models: ["components", "schemas"], pricing: ["models"] } as const;

/**
 * Stage 1: read and parse every spec file, and every file the OpenAPI documents $ref. Throws
 * SpecError naming each file that cannot be read as what it should be: missing, not UTF-8 text, not
 * YAML or JSON, not a mapping, not OpenAPI 3.1, or with $refs that loop or leave the disk. With
 * `entries`, models and pricing are read model by model, reusing the models read before.
 */
export async function loadSpec(root: string, files: SpecFiles, entries?: EntryCache): Promise<LoadedSpec> {
  const loadOne = (file: string, at?: readonly string[]) => {
    const absolutePath = path.resolve(root, file);
    return loadYaml(absolutePath, fileName(root, absolutePath), at && entries ? { path: at, cache: entries } : undefined);
  };
  const [openapi, models, pricing, schema] = await Promise.all([
    loadOne(files.openapi),
    loadOne(files.models, MODEL_ENTRIES.models),
    loadOne(files.pricing, MODEL_ENTRIES.pricing),
    loadJson(root, files.pricingSchema),
  ]);
  const problems = [openapi, models, pricing, schema].filter((r) => "check" in r) as Problem[];
  if (problems.length > 0 || "check" in schema) throw new SpecError(problems);
  const documents = [openapi, models] as YamlSource[];
  const versions = documents.flatMap(openApiVersionProblem);
  if (versions.length > 0) throw new SpecError(versions);
  const referenced = await loadReferenced(root, documents);
  if (referenced.problems.length > 0) throw new SpecError(referenced.problems);
  return {
    root,
    files,
    openapi: openapi as YamlSource,
    models: models as YamlSource,
    pricing: pricing as YamlSource,
    referenced: referenced.sources,
    pricingSchema: schema.json,
  };
}

/**
 * Both OpenAPI documents are OpenAPI 3.1: the linter, the type emitter and the JSON Schema of the
 * inputs all read 3.1. A Swagger 2.0 or other version is named as such rather than failing later
 * on a missing component or inside the linter.
 */
function openApiVersionProblem(source: YamlSource): Problem[] {
  const data = source.data as Record<string, unknown>;
  const fix = "write the document as OpenAPI 3.1, starting with `openapi: 3.1.0`";
  if ("swagger" in data) {
    return [source.problem(["swagger"], "openapi-version", `this is a Swagger / OpenAPI ${String(data.swagger)} document; the spec is OpenAPI 3.1`, `${fix} (a converter such as swagger2openapi, then review the result)`, { key: true })];
  }
  if (!("openapi" in data)) return [source.problem([], "openapi-version", "no `openapi:` version key: this is not an OpenAPI document", fix)];
  if (typeof data.openapi !== "string" || !/^3\.1\.\d+$/.test(data.openapi)) {
    return [source.problem(["openapi"], "openapi-version", `OpenAPI ${JSON.stringify(data.openapi)} is not supported; the spec is OpenAPI 3.1`, `write openapi: 3.1.0${typeof data.openapi === "number" ? " (a version is text: YAML reads an unquoted 3.1 as a number)" : ""}`)];
  }
  return [];
}

async function loadJson(root: string, file: string): Promise<{ json: Record<string, unknown> } | Problem> {
  const absolutePath = path.resolve(root, file);
  const name = fileName(root, absolutePath);
  const problem = (message: string, fix: string, at = { line: 1, column: 1 }): Problem => ({ file: name, ...at, path: "(file)", message, fix, check: "json" });
  const text = await readSpecText(absolutePath, name, "json");
  if (typeof text !== "string") return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    return problem(`JSON does not parse: ${message}`, "correct the JSON syntax at this position", position ? lineColumn(text, Number(position[1])) : undefined);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return problem(`the file holds ${Array.isArray(json) ? "a list" : "a single value"}, not a JSON Schema object`, `write ${name} as a JSON object ({"$schema": ..., "type": "object", ...})`);
  }
  return { json: json as Record<string, unknown> };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
