// pnpm bench [--smoke] [--only=codegen,typecheck,bundle,runtime,pricing] [--runs=N] [--out=NAME]
// Every claim about speed and size as a ratio measured side by side in this one run, written to
// bench/results/latest.json + latest.md (smoke: smoke.json + smoke.md) with the machine and versions.
import path from "node:path";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { codegenBench, noopBench, type CodegenResult, type NoopSize } from "./runners/codegen.js";
import { typecheckBench, type TypecheckSize } from "./runners/typecheck.js";
import { bundleBench, type BundleRow } from "./runners/bundle.js";
import { runtimeBench, type RuntimeResult } from "./runners/runtime.js";
import { pricingBench, type PricingResult } from "./runners/pricing.js";
import { evaluateTargets } from "./targets.js";
import { renderMarkdown } from "./report.js";
import { machine, versions, writeResults } from "./results.js";

const BENCHMARKS = ["codegen", "typecheck", "bundle", "runtime", "pricing"] as const;
/** "noop" runs only with --only=noop: the no-op regenerate and its floors, for a quick re-measure. */
type Benchmark = (typeof BENCHMARKS)[number] | "noop";

const args = process.argv.slice(2);
const smoke = args.includes("--smoke");
const only = new Set((args.find((a) => a.startsWith("--only="))?.slice(7).split(",") ?? [...BENCHMARKS]) as Benchmark[]);
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? (smoke ? 1 : 5));
const warmup = smoke ? 0 : 1;
// --out=NAME writes results/NAME.json + NAME.md instead (e.g. a partial re-run beside latest).
const outName = args.find((a) => a.startsWith("--out="))?.slice(6) ?? (smoke ? "smoke" : "latest");

// A watchdog: a benchmark that hangs must not hold CI (or a developer) forever.
const watchdog = setTimeout(() => {
  console.error(`bench: watchdog stopped the run after ${smoke ? 5 : 90} minutes`);
  process.exit(3);
}, (smoke ? 5 : 90) * 60_000);
watchdog.unref();

const started = performance.now();
const results: {
  codegen?: CodegenResult;
  typecheck?: TypecheckSize[];
  bundle?: BundleRow[];
  runtime?: RuntimeResult;
  pricing?: PricingResult;
  noop?: NoopSize[];
} = {};
const info = { mode: smoke ? "smoke" : "full", runs, warmup, machine: machine(), versions: versions() };

const failures: string[] = [];
const partial = () => writeResults(outName, { ...info, partial: true, failures, results }, `# pnpm bench (${info.mode}): in progress or stopped\n`);

/** Runs one benchmark; a failure is recorded and the others still run (the exit code says so at the end). */
const step = async <T>(name: Benchmark, f: () => Promise<T>): Promise<T | undefined> => {
  if (!only.has(name)) return undefined;
  const t0 = performance.now();
  console.log(`bench: ${name}`);
  try {
    const value = await f();
    console.log(`bench: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${name}: ${message.slice(0, 2000)}`);
    console.error(`bench: ${name} FAILED: ${message.slice(0, 2000)}`);
    return undefined;
  }
};

results.codegen = await step("codegen", () => codegenBench(smoke ? [10] : ["real", 1000, 3000], runs, { stages: !smoke, warmup, floors: !smoke }));
await partial();
results.typecheck = await step("typecheck", () => typecheckBench(smoke ? [10] : [10, 1000, 3000], runs, warmup));
await partial();
results.bundle = await step("bundle", () => bundleBench(smoke ? [10, 30] : [10, "real", 3000], { references: !smoke }));
await partial();
results.runtime = await step("runtime", () => runtimeBench(smoke));
await partial();
results.pricing = await step("pricing", () => pricingBench(smoke));
results.noop = await step("noop", () => noopBench(smoke ? [10] : ["real", 1000, 3000], runs, warmup));

const targets = evaluateTargets(results, smoke);
const json = { ...info, failures, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100), seconds: Math.round((performance.now() - started) / 1000), targets, results };
const files = await writeResults(outName, json, renderMarkdown(json));
console.log(`bench: wrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.md)}`);

// Smoke is a check that the bench still runs and prices are exact, not a timing gate.
const broken: string[] = [...failures];
if (results.pricing) for (const [name, r] of Object.entries(results.pricing.oracle)) if (r.mismatches > 0) broken.push(`pricing oracle ${name}: ${r.mismatches} mismatches (${r.examples[0]})`);
for (const b of broken) console.error(`bench: ${b}`);
if (!smoke) for (const t of targets) console.log(`${t.met === undefined ? "-" : t.met ? "met   " : "MISSED"} ${t.benchmark}: ${t.what} ${t.target}: ${t.measured}${t.miss ? `, ${t.miss}` : ""}`);
process.exit(broken.length > 0 ? 1 : 0);
