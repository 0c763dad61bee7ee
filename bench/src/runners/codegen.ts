// 1. Codegen: our whole `generate` (every artefact, fresh output) against the openapi-typescript CLI
// emitting types alone for the same API + models as one OpenAPI document, interleaved; the no-op
// regenerate; start-up floors; and where our time goes, stage by stage.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { openapiTsCli, repoRoot, tsxCli } from "../paths.js";
import { precompileEntry } from "../codegen/precompiled.js";
import { cleanOutputs, prepare, runGenerate, type Prepared } from "../synth/prepare.js";
import { ok, runNode, type ProcResult } from "../util/proc.js";
import { interleave, ratios, summarize, type Summary } from "../util/stats.js";

export interface CodegenSize {
  name: string;
  models: number;
  ms: Record<Contender, Summary>;
  peakRssMiB: Record<Contender, Summary>;
  /** ours / openapi-typescript, per round. */
  ratio: { vsOneOf: Summary; vsPerModel: Summary };
  outputBytes: { ours: number; oursFiles: number; otsOneOf: number; otsPerModel: number };
  noop: { ms: Summary; peakRssMiB: Summary };
  /** What-if: the same no-op with the entry precompiled to JavaScript and run by plain node (no tsx). */
  noopPrecompiled: { ms: Summary };
  /** Per-stage milliseconds in one process: the first (cold) pass and the median warm pass. */
  stages?: { cold: Record<string, number>; warm: Record<string, number>; coldTotal: number; attribution: Record<string, number> };
}

export interface CodegenResult {
  sizes: CodegenSize[];
  /** Fresh-process floors: what starting each piece costs before any work. */
  floors: Record<string, Summary>;
}

const CONTENDERS = ["ours", "otsOneOf", "otsPerModel"] as const;
type Contender = (typeof CONTENDERS)[number];

const MiB = 1024 * 1024;

function ots(doc: string, out: string) {
  return runNode([openapiTsCli(), doc, "-o", out], { timeoutMs: 300_000 });
}

export async function codegenBench(sizes: (number | "real")[], runs: number, options: { stages: boolean; warmup: number; floors: boolean }): Promise<CodegenResult> {
  const out: CodegenSize[] = [];
  for (const size of sizes) {
    const p = await prepare(size);
    console.log(`  codegen ${p.name} (${p.count} models): ${runs} interleaved rounds`);
    out.push(await measureSize(p, runs, options));
  }
  return { sizes: out, floors: options.floors ? await floors(runs, options.warmup) : {} };
}

async function measureSize(p: Prepared, runs: number, options: { stages: boolean; warmup: number }): Promise<CodegenSize> {
  const outOneOf = path.join(p.root, "ots-oneof.d.ts");
  const outPerModel = path.join(p.root, "ots-per-model.d.ts");
  const rss: Record<Contender, number[]> = { ours: [], otsOneOf: [], otsPerModel: [] };
  const measure = async (key: Contender, round: number): Promise<number> => {
    let result: ProcResult;
    if (key === "ours") {
      await cleanOutputs(p.root);
      result = ok(await runGenerate(p.root), `generate ${p.name}`);
    } else {
      result = ok(await ots(key === "otsOneOf" ? p.docs.oneOf : p.docs.perModel, key === "otsOneOf" ? outOneOf : outPerModel), `openapi-typescript ${key}`);
    }
    if (round >= 0) rss[key].push(result.peakRss / MiB);
    return result.ms;
  };
  const ms = await interleave(CONTENDERS, runs, measure, options.warmup);

  // Nothing changed since the last run: every output is in place.
  const precompiled = await precompileEntry(path.join(p.root, "..", "precompiled"));
  const noopRss: number[] = [];
  const noop = await interleave(["noop", "precompiled"] as const, runs, async (key, round) => {
    const r = ok(key === "noop" ? await runGenerate(p.root) : await runNode([precompiled, p.root]), `no-op generate ${p.name}`);
    if (!/nothing changed since the last run/.test(r.stdout)) throw new Error(`no-op generate ${p.name} ran the pipeline: ${r.stdout}`);
    if (round >= 0 && key === "noop") noopRss.push(r.peakRss / MiB);
    return r.ms;
  }, options.warmup);

  const stages = options.stages ? await stageBreakdown(p.root) : undefined;
  return {
    name: p.name,
    models: p.count,
    ms: { ours: summarize(ms.ours), otsOneOf: summarize(ms.otsOneOf), otsPerModel: summarize(ms.otsPerModel) },
    peakRssMiB: { ours: summarize(rss.ours), otsOneOf: summarize(rss.otsOneOf), otsPerModel: summarize(rss.otsPerModel) },
    ratio: { vsOneOf: ratios(ms.ours, ms.otsOneOf), vsPerModel: ratios(ms.ours, ms.otsPerModel) },
    outputBytes: { ...(await oursOutput(p.root)), otsOneOf: (await stat(outOneOf)).size, otsPerModel: (await stat(outPerModel)).size },
    noop: { ms: summarize(noop.noop), peakRssMiB: summarize(noopRss) },
    noopPrecompiled: { ms: summarize(noop.precompiled) },
    ...(stages ? { stages } : {}),
  };
}

async function oursOutput(root: string): Promise<{ ours: number; oursFiles: number }> {
  let bytes = 0;
  let files = 0;
  for (const dir of ["packages/client/src/gen", "packages/pricing/src/gen", "docs"]) {
    for (const entry of await readdir(path.join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
      files++;
    }
  }
  bytes += (await stat(path.join(root, "PRICING.md"))).size;
  return { ours: bytes, oursFiles: files + 1 };
}

async function stageBreakdown(root: string) {
  const r = ok(await runNode([tsxCli(), "--conditions=source", path.join(import.meta.dirname, "../codegen/stages.ts"), root, "3"], { timeoutMs: 600_000 }), "stage breakdown");
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as NonNullable<CodegenSize["stages"]>;
}

/** What each piece costs to start, measured as fresh processes in the same rounds. */
async function floors(runs: number, warmup: number): Promise<Record<string, Summary>> {
  const codegenDir = path.join(repoRoot, "codegen");
  const empty = path.join(import.meta.dirname, "../codegen/empty.ts");
  const importOf = (specifier: string) => ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`];
  const commands: Record<string, string[]> = {
    "node (empty)": ["-e", "0"],
    "tsx (empty .ts)": [tsxCli(), empty],
    "openapi-typescript --version": [openapiTsCli(), "--version"],
    "import typescript": importOf("typescript"),
    "import @redocly/openapi-core": importOf("@redocly/openapi-core"),
    "import openapi-typescript": importOf("openapi-typescript"),
    "import handlebars": importOf("handlebars"),
    "import yaml": importOf("yaml"),
    "import ajv": importOf("ajv/dist/2020.js"),
  };
  const keys = Object.keys(commands);
  console.log(`  codegen floors: ${keys.length} commands × ${runs} rounds`);
  const samples = await interleave(keys, runs, async (key) => ok(await runNode(commands[key]!, { cwd: codegenDir }), key).ms, warmup);
  return Object.fromEntries(keys.map((k) => [k, summarize(samples[k]!)]));
}

export interface NoopSize {
  name: string;
  models: number;
  ms: Record<"tsxEntry" | "precompiled" | "nodeEmpty" | "tsxEmpty", Summary>;
}

/**
 * `--only=noop`: just the no-op regenerate (as `pnpm generate` runs it, through tsx, and precompiled),
 * interleaved with the node and tsx start-up floors. A quick re-measure after a change to the cache.
 */
export async function noopBench(sizes: (number | "real")[], runs: number, warmup: number): Promise<NoopSize[]> {
  const out: NoopSize[] = [];
  const empty = path.join(import.meta.dirname, "../codegen/empty.ts");
  for (const size of sizes) {
    const p = await prepare(size);
    const precompiled = await precompileEntry(path.join(p.root, "..", "precompiled"));
    console.log(`  no-op ${p.name}: ${runs} interleaved rounds`);
    const keys = ["tsxEntry", "precompiled", "nodeEmpty", "tsxEmpty"] as const;
    const ms = await interleave(keys, runs, async (key) => {
      const r =
        key === "tsxEntry" ? await runGenerate(p.root)
        : key === "precompiled" ? await runNode([precompiled, p.root])
        : key === "nodeEmpty" ? await runNode(["-e", "0"])
        : await runNode([tsxCli(), empty]);
      ok(r, `${key} ${p.name}`);
      if (key === "tsxEntry" || key === "precompiled") {
        if (!/nothing changed since the last run/.test(r.stdout)) throw new Error(`no-op generate ${p.name} ran the pipeline: ${r.stdout}`);
      }
      return r.ms;
    }, warmup);
    out.push({ name: p.name, models: p.count, ms: { tsxEntry: summarize(ms.tsxEntry), precompiled: summarize(ms.precompiled), nodeEmpty: summarize(ms.nodeEmpty), tsxEmpty: summarize(ms.tsxEmpty) } });
  }
  return out;
}
