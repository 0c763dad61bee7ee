import { defaultSpecFiles, repoRoot, type SpecFiles } from "./config.js";
import { emitApiTypes } from "./emit/emit-api-types.js";
import { emitClientModels } from "./emit/emit-client-models.js";
import { emitDocs } from "./emit/emit-docs.js";
import { emitPricing } from "./emit/emit-pricing.js";
import type { GeneratedFile } from "./emit/render.js";
import { loadSpec } from "./load/load-spec.js";
import { buildModel } from "./model/build-model.js";
import { interfacePrinter } from "./model/interface-body.js";
import type { SpecModel } from "./model/types.js";
import { unfilledScaffold } from "./scaffold/todos.js";
import { checkApiContract } from "./validate/api-contract.js";
import { checkExamples } from "./validate/check-examples.js";
import { crossCheck, inputSchemasBySlug } from "./validate/cross-check.js";
import { checkUniqueValues } from "./validate/unique-values.js";
import { bundleApi, lintOpenApi } from "./validate/lint-openapi.js";
import { checkPricingSchema } from "./validate/pricing-schema.js";
import { compareProblems, SpecError, type Problem } from "./validate/problem.js";

export interface GenerateOptions {
  root?: string;
  files?: SpecFiles;
}

export interface GenerateResult {
  model: SpecModel;
  files: GeneratedFile[];
}

export { ownedDirs } from "./write/write-files.js";

/**
 * load -> validate -> model -> (worked examples) -> emit. Pure: returns the files, writes nothing.
 * Throws SpecError with every located problem when the spec is wrong.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const root = options.root ?? repoRoot;
  const spec = await loadSpec(root, options.files ?? defaultSpecFiles);
  // A model scaffolded by `pnpm new-model` and not yet filled in: name each placeholder, nothing else.
  fail(unfilledScaffold(spec));

  const [lintProblems, api] = await Promise.all([lintOpenApi(spec), bundleApi(spec)]);
  fail([...lintProblems, ...checkPricingSchema(spec), ...checkApiContract(spec, api), ...checkUniqueValues(spec)]);
  fail(crossCheck(spec));

  const model = buildModel(spec, api, await interfacePrinter([...inputSchemasBySlug(spec).values()].map((input) => input.schema)));
  fail(checkExamples(spec, model));

  const files = [...(await emitApiTypes(model)), ...emitClientModels(model), ...emitPricing(model), ...emitDocs(model)];
  return { model, files };
}

function fail(problems: Problem[]): void {
  if (problems.length > 0) throw new SpecError([...problems].sort(compareProblems));
}
