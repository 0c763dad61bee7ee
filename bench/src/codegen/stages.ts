// Where codegen's time goes, stage by stage, in one warm process: load, lint, bundle, schema checks,
// model, emit (per emitter) and write. Run as a child: `tsx --conditions=source stages.ts <root> <runs>`;
// prints one JSON object of per-stage milliseconds (median over runs after one warm-up).
import { performance } from "node:perf_hooks";
import { defaultSpecFiles } from "../../../codegen/src/config.js";
import { emitApiTypes } from "../../../codegen/src/emit/emit-api-types.js";
import { emitClientModels } from "../../../codegen/src/emit/emit-client-models.js";
import { emitDocs } from "../../../codegen/src/emit/emit-docs.js";
import { emitPricing } from "../../../codegen/src/emit/emit-pricing.js";
import { loadSpec } from "../../../codegen/src/load/load-spec.js";
import { buildModel } from "../../../codegen/src/model/build-model.js";
import { ownedDirs } from "../../../codegen/src/pipeline.js";
import { checkApiContract } from "../../../codegen/src/validate/api-contract.js";
import { checkExamples } from "../../../codegen/src/validate/check-examples.js";
import { crossCheck } from "../../../codegen/src/validate/cross-check.js";
import { bundleApi, lintOpenApi } from "../../../codegen/src/validate/lint-openapi.js";
import { checkPricingSchema } from "../../../codegen/src/validate/pricing-schema.js";
import { findStale } from "../../../codegen/src/write/write-files.js";
import { loadYaml } from "../../../codegen/src/load/yaml-source.js";
import { interfaceBodyOf } from "../../../codegen/src/model/schema-to-ts.js";
import { createConfig, lint } from "@redocly/openapi-core";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const jsYaml = createRequire(import.meta.url)("js-yaml") as { load(text: string, options?: object): unknown; CORE_SCHEMA: unknown };

/**
 * Attribution and what-ifs (warm): what each spec file costs to load, what a YAML parser without
 * positions would cost, what linting each document costs, and what openapi-typescript's per-model
 * transform costs inside the model stage.
 */
async function whatIf(root: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const time = async (name: string, f: () => unknown) => {
    const t0 = performance.now();
    await f();
    out[name] = performance.now() - t0;
  };
  const file = (name: string) => path.join(root, "spec", name);
  for (const name of ["openapi.yaml", "models.yaml", "pricing.yaml"]) await time(`load ${name} (yaml, positions)`, () => loadYaml(file(name), name));
  for (const name of ["models.yaml", "pricing.yaml"]) {
    const text = await readFile(file(name), "utf8");
    await time(`load ${name} (js-yaml core schema, no positions)`, () => jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
  }
  const config = await createConfig({ extends: ["recommended"], rules: { "no-unused-components": "off" } });
  for (const name of ["openapi.yaml", "models.yaml"]) await time(`lint ${name} alone`, () => lint({ ref: file(name), config }));
  const spec = await loadSpec(root, defaultSpecFiles);
  const schemas = Object.entries(((spec.models.data as { components: { schemas: Record<string, Record<string, unknown>> } }).components.schemas));
  await time("model: openapi-typescript per-model transform (interfaceBodyOf, every model)", () => schemas.forEach(([key, schema]) => interfaceBodyOf(schema, `#/components/schemas/${key}`)));
  return out;
}

export const STAGES = ["load", "lint", "bundle", "pricingSchema", "crossCheck", "model", "examples", "emitApiTypes", "emitClientModels", "emitPricing", "emitDocs", "check"] as const;
export type Stage = (typeof STAGES)[number];

async function once(root: string): Promise<Record<Stage, number>> {
  const out = {} as Record<Stage, number>;
  const time = async <T>(stage: Stage, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await f();
    out[stage] = performance.now() - t0;
    return value;
  };
  const spec = await time("load", () => loadSpec(root, defaultSpecFiles));
  const lint = await time("lint", () => lintOpenApi(spec));
  const api = await time("bundle", () => bundleApi(spec));
  const problems = [...lint, ...(await time("pricingSchema", () => checkPricingSchema(spec))), ...checkApiContract(spec, api), ...(await time("crossCheck", () => crossCheck(spec)))];
  const model = await time("model", () => buildModel(spec, api));
  problems.push(...(await time("examples", () => checkExamples(spec, model))));
  if (problems.length > 0) throw new Error(`${problems.length} problems in ${root}: ${JSON.stringify(problems[0])}`);
  const files = [
    ...(await time("emitApiTypes", () => emitApiTypes(model))),
    ...(await time("emitClientModels", () => emitClientModels(model))),
    ...(await time("emitPricing", () => emitPricing(model))),
    ...(await time("emitDocs", () => emitDocs(model))),
  ];
  await time("check", () => findStale(root, files, ownedDirs));
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const [root, runsText = "3"] = process.argv.slice(2);
  const runs = Number(runsText);
  const t0 = performance.now();
  const first = await once(root!);
  const firstMs = performance.now() - t0;
  const samples: Record<Stage, number>[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once(root!));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const warm = Object.fromEntries(STAGES.map((s) => [s, median(samples.map((x) => x[s]))]));
  const ifs: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) ifs.push(await whatIf(root!));
  const attribution = Object.fromEntries(Object.keys(ifs[0]!).map((k) => [k, median(ifs.map((x) => x[k]!))]));
  process.stdout.write(JSON.stringify({ cold: first, coldTotal: firstMs, warm, attribution, rss: process.resourceUsage().maxRSS * 1024 }) + "\n");
}
