import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import type { Problem } from "../validate/problem.js";
import { SpecError } from "../validate/problem.js";
import { isYamlSource, loadYaml, type YamlSource } from "./yaml-source.js";

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
  const [openapi, models, pricing] = await Promise.all(
    [files.openapi, files.models, files.pricing].map((file) => loadYaml(path.resolve(root, file), file)),
  );
  const problems = [openapi, models, pricing].filter((r): r is Problem => !isYamlSource(r!));
  if (problems.length > 0) throw new SpecError(problems);
  const pricingSchema = JSON.parse(await readFile(path.resolve(root, files.pricingSchema), "utf8")) as Record<string, unknown>;
  return {
    root,
    files,
    openapi: openapi as YamlSource,
    models: models as YamlSource,
    pricing: pricing as YamlSource,
    pricingSchema,
  };
}
