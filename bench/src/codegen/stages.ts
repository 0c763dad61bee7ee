// Where codegen's time goes, stage by stage, in one process (no worker thread, no cache): load, lint,
// bundle, schema checks, model, emit and the stale-file check. Run as a child:
// `tsx --conditions=source stages.ts <root> <runs>`; prints one JSON object of per-stage milliseconds
// (the first, cold pass, and the median of the warm passes after it) and the attribution below.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { defaultSpecFiles } from "../../../codegen/src/config.js";
import { printApiTypes } from "../../../codegen/src/emit/api-printer.js";
import { emitModel, emitWhole } from "../../../codegen/src/emit/model-outputs.js";
import { loadSpec } from "../../../codegen/src/load/load-spec.js";
import { readYamlEntries } from "../../../codegen/src/load/yaml-cached.js";
import { readYamlFast } from "../../../codegen/src/load/yaml-fast.js";
import { parseYamlSource } from "../../../codegen/src/load/yaml-source.js";
import { assembleModel, buildEntries } from "../../../codegen/src/model/build-model.js";
import { interfacePrinter } from "../../../codegen/src/model/interface-body.js";
import { interfaceBodyOf } from "../../../codegen/src/model/schema-to-ts.js";
import { ownedDirs } from "../../../codegen/src/pipeline.js";
import { checkApiContract } from "../../../codegen/src/validate/api-contract.js";
import { checkExamples } from "../../../codegen/src/validate/check-examples.js";
import { crossCheck, inputSchemasBySlug } from "../../../codegen/src/validate/cross-check.js";
import { checkPricingSchema } from "../../../codegen/src/validate/pricing-schema.js";
import { bundleFile, lintFile } from "../../../codegen/src/validate/redocly.js";
import { findStale } from "../../../codegen/src/write/write-files.js";

type Obj = Record<string, unknown>;

/**
 * Attribution and what-ifs (warm): what each spec file costs to read fast and with positions, what
 * reading the models entry by entry from a full entry cache costs, what linting each document costs,
 * and what openapi-typescript's per-model transform would cost instead of the direct printer.
 */
async function whatIf(root: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const time = async (name: string, f: () => unknown) => {
    const t0 = performance.now();
    await f();
    out[name] = performance.now() - t0;
  };
  const file = (name: string) => path.join(root, "spec", name);
  for (const name of ["models.yaml", "pricing.yaml"]) {
    const text = await readFile(file(name), "utf8");
    await time(`read ${name} fast (js-yaml, no positions)`, () => readYamlFast(text));
    await time(`read ${name} with positions (yaml; only to locate a problem)`, () => (parseYamlSource(text, file(name), name) as { locate: (p: string[]) => unknown }).locate(["x"]));
    const at = name === "models.yaml" ? ["components", "schemas"] : ["models"];
    const entries = new Map<string, { key: string; value: unknown }>();
    readYamlEntries(text, at, entries);
    await time(`read ${name} from the entry cache (split, hash, look up)`, () => readYamlEntries(text, at, entries));
  }
  for (const name of ["openapi.yaml", "models.yaml"]) await time(`lint ${name} alone`, () => lintFile(root, file(name)));
  const spec = await loadSpec(root, defaultSpecFiles);
  const schemas = Object.entries((spec.models.data as { components: { schemas: Record<string, Obj> } }).components.schemas);
  await time("model: openapi-typescript per-model transform (what the direct printer replaces)", () => schemas.forEach(([key, schema]) => interfaceBodyOf(schema, `#/components/schemas/${key}`)));
  return out;
}

export const STAGES = ["load", "lint", "bundle", "pricingSchema", "crossCheck", "model", "examples", "emitApiTypes", "emitModels", "emitWhole", "check"] as const;
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
  const lint = await time("lint", async () => [...(await lintFile(root, spec.openapi.absolutePath)), ...(await lintFile(root, spec.models.absolutePath))]);
  const api = await time("bundle", () => bundleFile(spec.openapi.absolutePath));
  const problems = [...lint, ...(await time("pricingSchema", () => checkPricingSchema(spec))), ...checkApiContract(spec, api), ...(await time("crossCheck", () => crossCheck(spec)))];
  const model = await time("model", async () => assembleModel(spec, api, buildEntries(spec, await interfacePrinter([...inputSchemasBySlug(spec).values()].map((i) => i.schema)))));
  problems.push(...(await time("examples", () => checkExamples(spec, model))));
  if (problems.length > 0) throw new Error(`${problems.length} problems in ${root}: ${JSON.stringify(problems[0])}`);
  const context = { sources: model.sources, rounding: model.rounding };
  const types = await time("emitApiTypes", () => printApiTypes(model.apiDocument));
  const emitted = await time("emitModels", () => model.models.map((m) => emitModel(m, context)));
  const whole = await time("emitWhole", () => emitWhole(emitted.map((e) => e.views), { ...context, errorCodes: model.errorCodes }));
  const files = [{ path: "packages/client/src/gen/api.gen.ts", content: types }, ...emitted.flatMap((e) => e.files), ...whole];
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
