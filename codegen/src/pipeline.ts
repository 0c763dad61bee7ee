import { isDeepStrictEqual } from "node:util";
import { hashOf } from "./cache/cache-dir.js";
import type { GenerateCache } from "./cache/generate-cache.js";
import { ValidatorCache } from "./cache/validator-cache.js";
import { defaultSpecFiles, repoRoot, type SpecFiles } from "./config.js";
import { emitApiTypes } from "./emit/emit-api-types.js";
import { emitModel, emitWhole, type ModelContext, type ModelViews } from "./emit/model-outputs.js";
import type { GeneratedFile } from "./emit/render.js";
import { apiInputsHash } from "./load/api-files.js";
import { loadSpec, type LoadedSpec } from "./load/load-spec.js";
import { assembleModel, buildEntries, compareText } from "./model/build-model.js";
import { interfacePrinter } from "./model/interface-body.js";
import type { ModelEntry, SpecModel } from "./model/types.js";
import { unfilledScaffold } from "./scaffold/todos.js";
import { inProcessTools, type Tools } from "./tools/tools.js";
import { checkApiContract } from "./validate/api-contract.js";
import { checkExamples } from "./validate/check-examples.js";
import { crossCheck, inputSchemasBySlug } from "./validate/cross-check.js";
import { bundleApi, lintOpenApi } from "./validate/lint-openapi.js";
import { compareProblems, SpecError, type Problem } from "./validate/problem.js";
import { checkUniqueValues } from "./validate/unique-values.js";

export interface GenerateOptions {
  root?: string;
  files?: SpecFiles;
  /**
   * Reuse what earlier runs of this generator computed, and record what this one computes (the CLI's
   * `generate` does; see cache/generate-cache.ts). The output is the same with or without it.
   */
  cache?: GenerateCache;
  /**
   * With a cache: whether a file the previous run wrote is still on disk exactly as written. A model
   * whose inputs did not change and whose files are intact is then neither built nor rendered again:
   * its files are `kept`, and its part of the maps and docs is taken from the cache.
   */
  intact?: (path: string) => boolean;
  /** Where the linter, the bundler, ajv and openapi-typescript run (the CLI: worker threads). */
  tools?: Tools;
}

export interface GenerateResult {
  /** The models built by this run: all of them, unless some were kept. */
  model: SpecModel;
  /** Every generated file but the kept ones. */
  files: GeneratedFile[];
  /** Files of models that did not change, to be left as they are on disk. */
  kept: string[];
}

/** The result with the API types still being printed (in the worker): the other files can be written meanwhile. */
export interface GenerateParts extends GenerateResult {
  apiTypes: Promise<GeneratedFile[]>;
}

export { ownedDirs } from "./write/write-files.js";

/**
 * load -> validate -> model -> (worked examples) -> emit. Pure: returns the files, writes nothing.
 * Throws SpecError with every located problem when the spec is wrong: the problems of the first
 * stage that has any (placeholders; lint, pricing schema and API contract; cross-checks; worked examples).
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const { apiTypes, ...result } = await generateParts(options);
  return { ...result, files: [...(await apiTypes), ...result.files] };
}

/** generate(), but returning before the API types are printed (see GenerateParts). */
export async function generateParts(options: GenerateOptions = {}): Promise<GenerateParts> {
  const root = options.root ?? repoRoot;
  const files = options.files ?? defaultSpecFiles;
  const { cache, tools = inProcessTools } = options;
  const spec = await loadSpec(root, files, cache?.entries);
  // A model scaffolded by `pnpm new-model` and not yet filled in: name each placeholder, nothing else.
  fail(unfilledScaffold(spec));

  // The linter and the bundler (in the worker, when there is one) run while this thread goes on with
  // the checks, the models and their files. Those are only used once the linter has found nothing.
  const apiInputs = cache ? await apiInputsHash(root, files) : undefined;
  const lintCache = cache && { generator: cache.generator, apiInputs, clean: cache.lint, used: cache.used.lint };
  const linted = settle(lintOpenApi(spec, lintCache, tools));
  const bundling = bundledApi(spec, cache, apiInputs, tools);
  const bundled = settle(bundling);
  // The API types too: openapi-typescript prints the document as soon as it is bundled.
  const typesKey = cache && apiInputs && hashOf("api-types", cache.generator, files.openapi, apiInputs);
  if (!(cache && typesKey && cache.values.has(typesKey))) tools.prepare?.("printApiTypes");
  const typesFile = settle(bundling.then((apiDocument) => cached(cache, typesKey, () => emitApiTypes({ sources: { openapi: files.openapi }, apiDocument }, (doc) => tools.printApiTypes(doc)))));
  // The pricing schema check (in the worker, when it runs ajv) and the models, side by side: the
  // models are used only when the pricing passes its schema.
  const schemaChecked = pricingSchemaProblems(spec, cache, tools);
  const ahead = await attempt(() => modelsAhead(spec, cache, options.intact));
  const schemaProblems = await schemaChecked;
  const api = await bundled;
  const apiDocument = api.value as Record<string, unknown>;
  fail([...(await linted).get(), ...schemaProblems, ...(api.error === undefined ? checkApiContract(spec, apiDocument) : []), ...checkUniqueValues(spec)]);
  api.get();
  const { crossProblems, units, entries, context, built } = ahead!.get();
  fail(crossProblems);

  const model = assembleModel(spec, apiDocument, entries);
  fail(checkExamples(spec, model));
  const views: ModelViews[] = [];
  const out: GeneratedFile[] = [];
  const kept: string[] = [];
  for (const unit of units) {
    const emitted = built.get(unit.slug);
    if (emitted) {
      out.push(...emitted.files);
      views.push(emitted.views);
      cache?.units.set(unit.unitKey, { views: emitted.views, files: emitted.files.map((f) => f.path) });
    } else {
      kept.push(...unit.reused!.files);
      views.push(unit.reused!.views);
    }
    if (cache) cache.used.units.add(unit.unitKey);
  }
  const whole = emitWhole(views, { ...context, errorCodes: model.errorCodes });
  return { model, files: [...out, ...whole], kept, apiTypes: typesFile.then((types) => types.get()) };
}

/**
 * Cross-checks, then builds and renders the models that need building (with a cache: those whose inputs or files
 * changed). Each model is a unit: its files and views depend only on its schema, its price and the
 * context, so a unit with the same key whose files are intact is reused as it is.
 */
async function modelsAhead(spec: LoadedSpec, cache: GenerateCache | undefined, intact: ((path: string) => boolean) | undefined) {
  const crossProblems = crossCheck(spec);
  const context: ModelContext = {
    sources: { openapi: spec.files.openapi, models: spec.files.models, pricing: spec.files.pricing },
    rounding: (spec.pricing.data as { rounding: ModelContext["rounding"] }).rounding,
  };
  if (crossProblems.length > 0) return { crossProblems, units: [], entries: [] as ModelEntry[], context, built: new Map<string, ReturnType<typeof emitModel>>() };
  const pricing = (spec.pricing.data as { models: Record<string, unknown> }).models;
  const inputs = inputSchemasBySlug(spec);
  const contextKey = cache && hashOf("unit", cache.generator, JSON.stringify(context));
  // A model's inputs: the hash of its entry's text where the file was read entry by entry, else of its data.
  const inputKey = (source: LoadedSpec["models"], key: string, value: unknown) => {
    const text = source.entryHashes?.get(key);
    return text === undefined ? `data:${hashOf(JSON.stringify(value))}` : `text:${text}`;
  };
  const units = [...inputs.keys()].sort(compareText).map((slug) => {
    const { key, schema } = inputs.get(slug)!;
    const unitKey = contextKey ? hashOf(contextKey, key, inputKey(spec.models, key, schema), inputKey(spec.pricing, slug, pricing[slug])) : "";
    const record = cache?.units.get(unitKey);
    const reused = record && intact && record.files.every(intact) ? record : undefined;
    return { slug, unitKey, reused };
  });
  const toBuild = new Set(units.filter((u) => !u.reused).map((u) => u.slug));
  const entries = buildEntries(spec, await interfacePrinter([...toBuild].map((slug) => inputs.get(slug)!.schema)), toBuild);
  // Each model's files and views too: they read the model alone, and are used only once the linter and
  // the worked examples pass (rendering writes nothing), so they are rendered while the linter runs.
  const built = new Map(entries.map((m) => [m.slug, emitModel(m, context)]));
  return { crossProblems, units, entries, context, built };
}

/** The bundled API document; with a cache, from the last run that bundled the same files. */
async function bundledApi(spec: LoadedSpec, cache: GenerateCache | undefined, apiInputs: string | undefined, tools: Tools): Promise<Record<string, unknown>> {
  const key = cache && apiInputs && hashOf("bundle", cache.generator, apiInputs);
  return cached(cache, key, () => bundleApi(spec, tools));
}

/**
 * spec/pricing.yaml against its JSON Schema. With a cache: passed before for the same schema and
 * text, or passing the validator compiled before for the same schema. Otherwise ajv says whether it
 * passes where the tools run (the CLI: in the worker thread, while this one builds the models), and
 * only on a fail is it loaded here, to say what is wrong with every problem located.
 */
async function pricingSchemaProblems(spec: LoadedSpec, cache: GenerateCache | undefined, tools: Tools): Promise<Problem[]> {
  const key = cache && hashOf("pricing-schema", cache.generator, JSON.stringify(spec.pricingSchema), spec.pricing.text);
  const pass = () => {
    if (cache && key) {
      cache.passed.add(key);
      cache.used.passed.add(key);
    }
    return [];
  };
  if (cache && key && cache.passed.has(key)) return pass();
  const compiled = cache && new ValidatorCache(spec.root, cache.generator, spec.pricingSchema);
  const validate = await compiled?.load();
  if (validate?.(spec.pricing.data)) return pass();
  const checked = await tools.pricingSchemaPasses(spec.pricingSchema, spec.pricing.data).catch(() => ({ passes: false, code: undefined }));
  if (checked.passes) {
    if (compiled && checked.code) compiled.save(checked.code);
    return pass();
  }
  const { checkPricingSchema, standaloneValidator } = await import("./validate/pricing-schema.js");
  const problems = checkPricingSchema(spec);
  if (problems.length > 0) return problems;
  const code = compiled && standaloneValidator(spec.pricingSchema);
  if (code) compiled.save(code);
  return pass();
}

/** `compute()`, or its value recorded under `key`. Only a value JSON keeps exactly is recorded. */
async function cached<T>(cache: GenerateCache | undefined, key: string | undefined, compute: () => Promise<T>): Promise<T> {
  if (cache && key && cache.values.has(key)) {
    cache.used.values.add(key);
    return cache.values.get(key) as T;
  }
  const value = await compute();
  if (cache && key && isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) {
    cache.values.set(key, value);
    cache.used.values.add(key);
  }
  return value;
}

/** A result or the error it ended with, to be looked at later, in the stages' order. */
interface Settled<T> {
  value?: T;
  error?: unknown;
  get(): T;
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value, get: () => value }),
    (error: unknown) => ({
      error,
      get: () => {
        throw error;
      },
    }),
  );
}

/** Work done ahead of the stages before it: an error it ends with (on a spec those stages refuse) is reported only if they pass. */
async function attempt<T>(work: () => Promise<T>): Promise<Settled<T>> {
  return settle(Promise.resolve().then(work));
}

function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new SpecError([...problems].sort(compareProblems));
}
