// 5. Pricing, in its own process: `estimate` for a per-second model, a multi-factor model and the
// fractional Seedance model against a bare integer multiply of the same price (7 rounds, alternating
// order, one monomorphic loop per implementation); then every combination of every model against the
// exact oracle, on spec/ and on a synthetic root.
//   tsx --conditions=source micro.ts <rounds> <roundMs> [synthetic root...]
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { estimate } from "@pixelbyte/pricing";
import { repoRoot } from "../paths.js";
import { summarize } from "../util/stats.js";
import { checkAll, combinations, loadOracle, type OracleModel } from "./oracle.js";

type Input = Record<string, unknown>;
type Impl = (input: Input) => number;

const SEEDANCE = "bytedance-plus/seedance-1.5-pro-super/image-to-video";

/** The same price as one integer expression: base × each multiplier's numerator, one division. */
function bareOf(model: OracleModel): Impl {
  let den = 1n;
  const terms = model.factors.map((f) => {
    const field = `i[${JSON.stringify(f.field)}]`;
    const identity = f.values.every((v) => v.multiplier.d === 1n && String(v.multiplier.n) === String(v.value));
    if (f.range || identity) return `(+${field})`;
    const d = f.values.reduce((m, v) => (v.multiplier.d > m ? v.multiplier.d : m), 1n);
    den *= d;
    const arms = f.values.map((v) => `${field} === ${JSON.stringify(v.value)} ? ${(v.multiplier.n * d) / v.multiplier.d}`);
    return `(${arms.join(" : ")} : 0)`;
  });
  return new Function("i", `return Math.round(${[model.base, ...terms].join(" * ")} / ${den});`) as Impl;
}

/** A fresh loop per implementation, so that each call site stays monomorphic. */
function loopOf(): (f: Impl, inputs: Input[], n: number) => number {
  return new Function("f", "inputs", "n", "let acc = 0; const len = inputs.length; for (let k = 0; k < n; k++) acc += f(inputs[k % len]); return acc;") as never;
}

export interface PricingModelResult {
  slug: string;
  kind: string;
  factors: number;
  combinations: number;
  nsPerCall: Record<"estimate" | "bare", ReturnType<typeof summarize>>;
  ratio: ReturnType<typeof summarize>;
}

const [roundsText = "7", roundMsText = "250", ...synthRoots] = process.argv.slice(2);
const rounds = Number(roundsText);
const roundMs = Number(roundMsText);

const real = loadOracle(repoRoot);
const perSecond = real.find((m) => m.unit === "second" && m.factors.length === 1)!;
const multi = [...real].filter((m) => m.slug !== SEEDANCE).sort((a, b) => b.factors.length - a.factors.length)[0]!;
const seedance = real.find((m) => m.slug === SEEDANCE)!;

const results: PricingModelResult[] = [];
for (const [kind, model] of [["per-second", perSecond], ["multi-factor", multi], ["fractional (Seedance)", seedance]] as const) {
  const inputs = [...combinations(model)].map((c) => c.input);
  const impls: Record<"estimate" | "bare", Impl> = {
    estimate: (i) => estimate(model.slug as never, i as never).microCents,
    bare: bareOf(model),
  };
  // Both must agree before timing means anything (the bare one may round differently only on exact halves).
  const loops = { estimate: loopOf(), bare: loopOf() };
  // Calibrate: enough calls for each implementation to run about roundMs per round.
  const calls = {} as Record<"estimate" | "bare", number>;
  for (const key of ["estimate", "bare"] as const) {
    let n = 1000;
    for (;;) {
      const t0 = performance.now();
      loops[key](impls[key], inputs, n);
      const ms = performance.now() - t0;
      if (ms > roundMs / 4 || n >= 1e8) {
        calls[key] = Math.max(1000, Math.round((n * roundMs) / Math.max(ms, 0.01)));
        break;
      }
      n *= 4;
    }
  }
  const ns = { estimate: [] as number[], bare: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (["estimate", "bare"] as const) : (["bare", "estimate"] as const);
    for (const key of order) {
      const t0 = performance.now();
      const sink = loops[key](impls[key], inputs, calls[key]);
      ns[key].push(((performance.now() - t0) * 1e6) / calls[key]);
      if (sink === -1) console.log(sink);
    }
  }
  results.push({
    slug: model.slug,
    kind,
    factors: model.factors.length,
    combinations: inputs.length,
    nsPerCall: { estimate: summarize(ns.estimate), bare: summarize(ns.bare) },
    ratio: summarize(ns.estimate.map((x, i) => x / ns.bare[i]!)),
  });
}

const oracle = { spec: checkAll(real, (slug, input) => estimate(slug as never, input as never)) } as Record<string, ReturnType<typeof checkAll>>;
for (const root of synthRoots) {
  const mod = (await import(pathToFileURL(path.join(root, "packages/pricing/src/index.ts")).href)) as { estimate: (s: string, i: Input) => { microCents: number; exactMicroCents: string } };
  oracle[path.basename(root)] = checkAll(loadOracle(root), mod.estimate);
}
process.stdout.write(`${JSON.stringify({ models: results, oracle })}\n`);
