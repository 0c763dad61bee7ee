import { hashOf } from "../cache/cache-dir.js";
import type { LoadedSpec } from "../load/load-spec.js";
import { inProcessTools, type Tools } from "../tools/tools.js";
import { SpecError, type Problem } from "./problem.js";
import { LINT_RULES } from "./redocly.js";

/**
 * Documents, and model entries of the model-inputs document, that linted clean, by key. Problems are
 * never recorded: a key is in the set only after the linter said nothing about exactly that text.
 */
export interface LintCache {
  generator: string;
  /** The API document's inputs hashed (see apiInputsHash), or undefined when they cannot be. */
  apiInputs: string | undefined;
  clean: Set<string>;
  /** The keys this run relied on or recorded: what is worth keeping for the next one. */
  used: Set<string>;
}

/**
 * Lints the API document and the model-inputs document with a real OpenAPI 3.1 validator (Redocly).
 * With a cache, a document (or a model entry) that linted clean before is not linted again, and the
 * model entries that changed are linted in a document made of the rest of the file and those entries
 * alone; if that reports anything, the whole document is linted, and its report is the answer.
 */
export async function lintOpenApi(spec: LoadedSpec, cache?: LintCache, tools: Tools = inProcessTools): Promise<Problem[]> {
  const [api, models] = await Promise.all([lintApi(spec, cache, tools), lintModels(spec, cache, tools)]);
  return [...api, ...models];
}

async function lintApi(spec: LoadedSpec, cache: LintCache | undefined, tools: Tools): Promise<Problem[]> {
  const key = cache?.apiInputs === undefined ? undefined : hashOf("lint-api", cache.generator, LINT_RULES, cache.apiInputs);
  if (cache && key && known(cache, key)) return [];
  const problems = await lintSource(spec, spec.openapi, tools);
  if (cache && key && problems.length === 0) record(cache, key);
  return problems;
}

async function lintModels(spec: LoadedSpec, cache: LintCache | undefined, tools: Tools): Promise<Problem[]> {
  const source = spec.models;
  const whole = lintWhole(spec, tools);
  if (!cache) return whole();
  const wholeKey = hashOf("lint-models", cache.generator, LINT_RULES, source.absolutePath, source.text);
  if (known(cache, wholeKey)) return [];
  // Entry by entry only where an entry stands alone: no $ref (one could point into another entry).
  const split = source.split && !source.text.includes("$ref") ? source.split : undefined;
  if (!split) {
    const problems = await whole();
    if (problems.length === 0) record(cache, wholeKey);
    return problems;
  }
  const context = hashOf("lint-model-entry", cache.generator, LINT_RULES, source.absolutePath, split.before, split.after);
  const keys = split.entries.map((entry) => hashOf(context, entry));
  const changed = split.entries.filter((_, i) => !known(cache, keys[i]!));
  const clean = () => {
    for (const key of [wholeKey, ...keys]) record(cache, key);
    return [];
  };
  if (changed.length === 0) return clean();
  // The linter stopping on the partial document is a report like any other: the whole document then decides.
  const partial = changed.length < split.entries.length && (await tools.lintTextHasErrors(`${split.before}${changed.join("\n")}\n${split.after}`, source.absolutePath).catch(() => true));
  if (partial === false) return clean();
  const problems = await whole();
  return problems.length === 0 ? clean() : problems;
}

function lintWhole(spec: LoadedSpec, tools: Tools): () => Promise<Problem[]> {
  return () => lintSource(spec, spec.models, tools);
}

/** The linter's errors in one document (and what it $refs); the linter stopping is a located problem too. */
async function lintSource(spec: LoadedSpec, source: LoadedSpec["openapi"], tools: Tools): Promise<Problem[]> {
  try {
    return await tools.lintFile(spec.root, source.absolutePath);
  } catch (error) {
    return [stopped(source, "linter", error)];
  }
}

/** The API document with every external $ref inlined, for the type emitter and the model stage. Throws SpecError when the bundler stops. */
export async function bundleApi(spec: LoadedSpec, tools: Tools = inProcessTools): Promise<Record<string, unknown>> {
  try {
    return await tools.bundleFile(spec.openapi.absolutePath);
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

function known(cache: LintCache, key: string): boolean {
  if (!cache.clean.has(key)) return false;
  cache.used.add(key);
  return true;
}

function record(cache: LintCache, key: string): void {
  cache.clean.add(key);
  cache.used.add(key);
}
