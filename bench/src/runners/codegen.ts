// 1. Codegen: our whole `generate` (every artefact, fresh output, no cache) against the openapi-typescript
// CLI emitting types alone for the same API + models as one OpenAPI document, interleaved; the no-op
// regenerate; the regenerate after adding one model; start-up floors; and where our time goes.
// Ours runs exactly as `pnpm generate` does: node codegen/run.mjs (the compiled generator).
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { openapiTsCli, repoRoot, tsxCli } from "../paths.js";
import { cleanOutputs, codegenLauncher, prepare, runGenerate, withOneMore, type Prepared } from "../synth/prepare.js";
import { ok, runNode, type ProcResult } from "../util/proc.js";
import { interleave, ratios, summarize, type Summary } from "../util/stats.js";

export interface CodegenSize {
  name: string;
  models: number;
  ms: Record<Contender, Summary>;
  /** CPU time (user + system, every thread) of the same runs. */
  cpuMs: Record<Contender, Summary>;
  peakRssMiB: Record<Contender, Summary>;
  /** ours / openapi-typescript, per round: wall time, and CPU time. */
  ratio: { vsOneOf: Summary; vsPerModel: Summary; cpuVsPerModel: Summary };
  outputBytes: { ours: number; oursFiles: number; otsOneOf: number; otsPerModel: number };
  noop: { ms: Summary; peakRssMiB: Summary };
  /** Regenerate after adding one model (measured at the largest synthetic size only). */
  addOne?: { ms: Summary; cpuMs: Summary; noopMs: Summary };
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
  const largest = Math.max(...sizes.filter((s): s is number => s !== "real"));
  for (const size of sizes) {
    const p = await prepare(size);
    console.log(`  codegen ${p.name} (${p.count} models): ${runs} interleaved rounds`);
    out.push(await measureSize(p, runs, { ...options, addOne: size === largest }));
  }
  return { sizes: out, floors: options.floors ? await floors(runs, options.warmup) : {} };
}

async function measureSize(p: Prepared, runs: number, options: { stages: boolean; warmup: number; addOne: boolean }): Promise<CodegenSize> {
  const outOneOf = path.join(p.root, "ots-oneof.d.ts");
  const outPerModel = path.join(p.root, "ots-per-model.d.ts");
  const rss: Record<Contender, number[]> = { ours: [], otsOneOf: [], otsPerModel: [] };
  const cpu: Record<Contender, number[]> = { ours: [], otsOneOf: [], otsPerModel: [] };
  const measure = async (key: Contender, round: number): Promise<number> => {
    let result: ProcResult;
    if (key === "ours") {
      // A full generate: no output, no cache.
      await cleanOutputs(p.root);
      result = ok(await runGenerate(p.root), `generate ${p.name}`);
    } else {
      result = ok(await ots(key === "otsOneOf" ? p.docs.oneOf : p.docs.perModel, key === "otsOneOf" ? outOneOf : outPerModel), `openapi-typescript ${key}`);
    }
    if (round >= 0) {
      rss[key].push(result.peakRss / MiB);
      cpu[key].push(result.cpuMs);
    }
    return result.ms;
  };
  const ms = await interleave(CONTENDERS, runs, measure, options.warmup);

  // Nothing changed since the last run: every output is in place.
  const noopRss: number[] = [];
  const noop = await interleave(["noop"] as const, runs, async (_, round) => {
    const r = ok(await runGenerate(p.root), `no-op generate ${p.name}`);
    if (!/nothing changed since the last run/.test(r.stdout)) throw new Error(`no-op generate ${p.name} ran the pipeline: ${r.stdout}`);
    if (round >= 0) noopRss.push(r.peakRss / MiB);
    return r.ms;
  }, options.warmup);

  const addOne = options.addOne ? await measureAddOne(p, runs, options.warmup) : undefined;
  const stages = options.stages ? await stageBreakdown(p.root) : undefined;
  return {
    name: p.name,
    models: p.count,
    ms: { ours: summarize(ms.ours), otsOneOf: summarize(ms.otsOneOf), otsPerModel: summarize(ms.otsPerModel) },
    cpuMs: { ours: summarize(cpu.ours), otsOneOf: summarize(cpu.otsOneOf), otsPerModel: summarize(cpu.otsPerModel) },
    peakRssMiB: { ours: summarize(rss.ours), otsOneOf: summarize(rss.otsOneOf), otsPerModel: summarize(rss.otsPerModel) },
    ratio: { vsOneOf: ratios(ms.ours, ms.otsOneOf), vsPerModel: ratios(ms.ours, ms.otsPerModel), cpuVsPerModel: ratios(cpu.ours, cpu.otsPerModel) },
    outputBytes: { ...(await oursOutput(p.root)), otsOneOf: (await stat(outOneOf)).size, otsPerModel: (await stat(outPerModel)).size },
    noop: { ms: summarize(noop.noop), peakRssMiB: summarize(noopRss) },
    ...(addOne ? { addOne } : {}),
    ...(stages ? { stages } : {}),
  };
}

/**
 * The regenerate after adding one model, as a developer runs it after filling in `pnpm new-model`'s
 * entries: each round starts from the spec without it, generated (not timed), then adds the model's
 * two entries (in slug order) and times `generate`. The no-op of the same checkout, in the same rounds.
 */
async function measureAddOne(p: Prepared, runs: number, warmup: number): Promise<NonNullable<CodegenSize["addOne"]>> {
  const file = (name: string) => path.join(p.root, "spec", name);
  const base = { models: await readFile(file("models.yaml"), "utf8"), pricing: await readFile(file("pricing.yaml"), "utf8") };
  const more = withOneMore(p);
  const use = async (texts: { models: string; pricing: string }) => {
    await writeFile(file("models.yaml"), texts.models);
    await writeFile(file("pricing.yaml"), texts.pricing);
  };
  console.log(`  codegen ${p.name}: add one model (${more.slug}), ${runs} rounds`);
  const cpu: number[] = [];
  try {
    const ms = await interleave(["addOne", "noop"] as const, runs, async (key, round) => {
      if (key === "noop") {
        const r = ok(await runGenerate(p.root), `no-op generate ${p.name}`);
        if (!/nothing changed since the last run/.test(r.stdout)) throw new Error(`no-op generate ${p.name} ran the pipeline: ${r.stdout}`);
        return r.ms;
      }
      await use(base);
      ok(await runGenerate(p.root), `generate ${p.name} without the added model`);
      await use(more);
      const r = ok(await runGenerate(p.root), `generate ${p.name} with one model added`);
      if (!/\(1 changed models rebuilt\)/.test(r.stdout)) throw new Error(`generate ${p.name} after adding one model did not rebuild exactly one: ${r.stdout}`);
      if (round >= 0) cpu.push(r.cpuMs);
      return r.ms;
    }, warmup);
    return { ms: summarize(ms.addOne), cpuMs: summarize(cpu), noopMs: summarize(ms.noop) };
  } finally {
    await use(base);
    ok(await runGenerate(p.root), `generate ${p.name} (restored)`);
  }
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
  const importOf = (specifier: string) => ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`];
  const commands: Record<string, string[]> = {
    "node (empty)": ["-e", "0"],
    "codegen/run.mjs (usage: launcher, source hash, CLI)": [codegenLauncher],
    "openapi-typescript --version": [openapiTsCli(), "--version"],
    "import typescript": importOf("typescript"),
    "import @redocly/openapi-core": importOf("@redocly/openapi-core"),
    "import openapi-typescript": importOf("openapi-typescript"),
    "import handlebars": importOf("handlebars"),
    "import yaml": importOf("yaml"),
    "import js-yaml": importOf("js-yaml"),
    "import ajv": importOf("ajv/dist/2020.js"),
  };
  const keys = Object.keys(commands);
  console.log(`  codegen floors: ${keys.length} commands × ${runs} rounds`);
  // The usage line exits 2: every other command must exit 0.
  const samples = await interleave(keys, runs, async (key) => {
    const r = await runNode(commands[key]!, { cwd: codegenDir });
    if (r.code !== (key.startsWith("codegen/run.mjs") ? 2 : 0)) ok(r, key);
    return r.ms;
  }, warmup);
  return Object.fromEntries(keys.map((k) => [k, summarize(samples[k]!)]));
}

export interface NoopSize {
  name: string;
  models: number;
  ms: Record<"generate" | "nodeEmpty", Summary>;
}

/**
 * `--only=noop`: just the no-op regenerate as `pnpm generate` runs it (node codegen/run.mjs),
 * interleaved with the node start-up floor. A quick re-measure after a change to the cache.
 */
export async function noopBench(sizes: (number | "real")[], runs: number, warmup: number): Promise<NoopSize[]> {
  const out: NoopSize[] = [];
  for (const size of sizes) {
    const p = await prepare(size);
    console.log(`  no-op ${p.name}: ${runs} interleaved rounds`);
    const keys = ["generate", "nodeEmpty"] as const;
    const ms = await interleave(keys, runs, async (key) => {
      const r = key === "generate" ? await runGenerate(p.root) : await runNode(["-e", "0"]);
      ok(r, `${key} ${p.name}`);
      if (key === "generate" && !/nothing changed since the last run/.test(r.stdout)) throw new Error(`no-op generate ${p.name} ran the pipeline: ${r.stdout}`);
      return r.ms;
    }, warmup);
    out.push({ name: p.name, models: p.count, ms: { generate: summarize(ms.generate), nodeEmpty: summarize(ms.nodeEmpty) } });
  }
  return out;
}
