// The targets of issues 9 and 13, evaluated on this run's figures.
import type { BundleRow } from "./runners/bundle.js";
import type { CodegenResult, NoopSize } from "./runners/codegen.js";
import type { PricingResult } from "./runners/pricing.js";
import type { RuntimeResult } from "./runners/runtime.js";
import type { TypecheckSize } from "./runners/typecheck.js";
import { atLeast, atMost, type Target } from "./results.js";

interface Results {
  codegen?: CodegenResult;
  typecheck?: TypecheckSize[];
  bundle?: BundleRow[];
  runtime?: RuntimeResult;
  pricing?: PricingResult;
  noop?: NoopSize[];
}

const x = (v: number) => `${v.toFixed(2)}×`;
const ms = (v: number) => `${Math.round(v)} ms`;
const kb = (v: number) => `${(v / 1000).toFixed(2)} KB`;
const int = (v: number) => Math.round(v).toLocaleString("en-US");

export function evaluateTargets(r: Results, smoke: boolean): Target[] {
  const t: Target[] = [];
  if (r.codegen) {
    // Issue 13: full generate ≤ 1.0× openapi-typescript's CLI; add one model at 3,000 ≤ 500 ms; no-op ≤ 300 ms.
    const at1000 = r.codegen.sizes.find((s) => s.models === 1000);
    const real = r.codegen.sizes.find((s) => s.name === "real") ?? r.codegen.sizes[0];
    const added = r.codegen.sizes.find((s) => s.addOne);
    t.push(atMost("codegen", "full generate at 1,000 models, ours / openapi-typescript CLI (per-model document, the same content as our spec), wall", at1000?.ratio.vsPerModel.median, 1.0, "", x));
    t.push(atMost("codegen", `regenerate after adding one model at ${added ? int(added.models) : "?"} models, wall`, added?.addOne?.ms.median, 500, "", ms));
    t.push(atMost("codegen", `no-op regenerate (${real?.name ?? "?"} spec), fresh process`, real?.noop.ms.median, 300, "", ms));
  }
  if (r.noop) {
    const real = r.noop.find((s) => s.name === "real") ?? r.noop[0];
    t.push(atMost("codegen", `no-op regenerate (${real?.name ?? "?"} spec), fresh process, as pnpm generate runs it (re-measure)`, real?.ms.generate.median, 300, "", ms));
  }
  if (r.typecheck) {
    const big = r.typecheck.find((s) => s.models === 3000);
    t.push(atMost("typecheck", "50-call consumer at 3,000 models, wall time ours / openapi-fetch union", big?.ratio.many.median, 0.3, "", x));
    t.push(atMost("typecheck", "wrong-inputs consumer at 3,000 models, wall time ours / openapi-fetch union", big?.ratio.wrong.median, 0.3, "", x));
    t.push(atMost("typecheck", "50-call consumer at 3,000 models, CPU time ours / openapi-fetch union", big?.cpuRatio?.many.median, 0.3, "", x));
    t.push(atMost("typecheck", "wrong-inputs consumer at 3,000 models, CPU time ours / openapi-fetch union", big?.cpuRatio?.wrong.median, 0.3, "", x));
    t.push(atMost("typecheck", "type instantiations, 50-call consumer at 3,000 models", big?.instantiations.oursMany, 100_000, "", int));
  }
  if (r.bundle) {
    const row = (id: string) => r.bundle!.find((b) => b.id === id);
    const sizes = [...new Set(r.bundle.filter((b) => b.models !== undefined).map((b) => b.models!))].sort((a, b) => a - b);
    const large = sizes[sizes.length - 1];
    // Issue 13: one model costs one model, whatever the catalogue holds.
    t.push(atMost("bundle", `client (core entry, modular: createBaseClient + submit) + one model descriptor, gzip (${large} models)`, row(`client-${large}`)?.gzip, 7000, "", kb));
    t.push(atMost("bundle", `pricing of one model, gzip (${large} models)`, row(`pricing-${large}`)?.gzip, 1000, "", kb));
    for (const what of ["client", "pricing"]) {
      const gz = sizes.map((n) => row(`${what}-${n}`)?.gzip);
      const known = gz.filter((g): g is number => g !== undefined);
      const spread = known.length === sizes.length && known.length > 1 ? Math.max(...known) / Math.min(...known) : undefined;
      t.push(atMost("bundle", `${what}: largest / smallest gzip size at ${sizes.join(", ")} models`, spread, 1.05, "", x));
    }
  }
  if (r.runtime) {
    // Targets are ours alone; the A/A copy (noise floor) and openapi-fetch (peer) are in the tables.
    for (const row of r.runtime.rows ?? []) {
      if (row.id.startsWith("ours-")) t.push(atLeast("runtime", `${row.label}: requests/s vs raw fetch`, row.ratio.median, 0.95, "", x));
    }
    // Issue 13: per call with a stub fetch, what the client adds beyond openapi-fetch alone.
    for (const row of r.runtime.stub ?? []) {
      if (!row.id.startsWith("ours-")) continue;
      t.push(atMost("runtime", `${row.label}: overhead per call beyond openapi-fetch, stub fetch, wall time`, row.overOpenapiFetchUs?.median, 10, " µs", (v) => v.toFixed(2)));
      t.push(atMost("runtime", `${row.label}: overhead per call beyond openapi-fetch, stub fetch, CPU time`, row.cpuOverOpenapiFetchUs?.median, 10, " µs", (v) => v.toFixed(2)));
    }
    if (!r.runtime.available) t.push({ benchmark: "runtime", what: "≥ 0.95× raw fetch; ≤ 10 µs per call beyond openapi-fetch", target: "-", measured: r.runtime.note ?? "not measured" });
  }
  if (r.pricing) {
    for (const m of r.pricing.models) t.push(atMost("pricing", `estimate / bare integer multiply, ${m.kind} (${m.slug})`, m.ratio.median, 5, "", x));
    for (const [name, o] of Object.entries(r.pricing.oracle)) {
      t.push(atMost("pricing", `mismatches against the exact oracle, ${name}: ${int(o.combinations)} combinations of ${o.models} models`, o.mismatches, 0, "", int));
    }
  }
  if (smoke) for (const target of t) target.what += " (smoke: tiny N, one run; not a measurement)";
  return t;
}
