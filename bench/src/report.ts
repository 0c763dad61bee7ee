// The Markdown half of the results: the same figures as latest.json, as tables.
import type { BundleRow } from "./runners/bundle.js";
import type { CodegenResult, NoopSize } from "./runners/codegen.js";
import type { PricingResult } from "./runners/pricing.js";
import type { RuntimeResult } from "./runners/runtime.js";
import type { TypecheckSize } from "./runners/typecheck.js";
import { fmt, type Target } from "./results.js";

interface Json {
  mode: string;
  runs: number;
  warmup: number;
  seconds: number;
  machine: ReturnType<typeof import("./results.js").machine>;
  loadAverageAtEnd: number[];
  versions: Record<string, string>;
  targets: Target[];
  failures: string[];
  results: { codegen?: CodegenResult; typecheck?: TypecheckSize[]; bundle?: BundleRow[]; runtime?: RuntimeResult; pricing?: PricingResult; noop?: NoopSize[] };
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

export function renderMarkdown(j: Json): string {
  const m = j.machine;
  const out: string[] = [];
  out.push(`# pnpm bench (${j.mode})`, "");
  out.push(
    `Every figure is the median (min–max) of ${j.runs} run${j.runs === 1 ? "" : "s"} after ${j.warmup} warm-up; contenders run interleaved, alternating order, and every ratio is taken within one round. ` +
      `Compare ratios, not absolute times: the machine may be shared.`,
    "",
  );
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}. Node ${m.node}, pnpm ${m.pnpm}. Commit ${m.commit}. Load average ${m.loadAverageAtStart.join(" / ")} at start, ${j.loadAverageAtEnd.join(" / ")} at the end; ${j.seconds} s in all.`, "");
  out.push(`Versions: ${Object.entries(j.versions).map(([k, v]) => `${k} ${v}`).join(", ")}.`, "");

  if (j.failures.length > 0) out.push("**Failed in this run:**", "", ...j.failures.map((f) => `- ${f.split("\n")[0]}`), "");
  out.push("## Targets (issues 9 and 13)", "");
  out.push(table(["benchmark", "what", "target", "measured", "", "miss"], j.targets.map((t) => [t.benchmark, t.what, t.target, t.measured, t.met === undefined ? "–" : t.met ? "met" : "**missed**", t.miss ?? ""])), "");

  const c = j.results.codegen;
  if (c) {
    out.push("## 1. Codegen", "");
    out.push("Wall ms of a fresh process. Ours: `node codegen/run.mjs generate` (what `pnpm generate` runs: the compiled generator) on a fresh output and an empty cache (every artefact: types, schemas, price functions, docs). openapi-typescript: its CLI emitting one `.d.ts` from the same API and models as one document, in the oneOf shape (what openapi-fetch needs to check a model's input) and the per-model shape. CPU ms: user + system time of every thread (ours runs the linter and openapi-typescript in a worker thread), less sensitive than wall time to a shared machine.", "");
    out.push(
      table(
        ["spec", "models", "ours", "openapi-typescript oneOf", "openapi-typescript per-model", "ours / oneOf", "ours / per-model", "CPU ms ours / per-model (ratio)", "peak RSS MiB ours / oneOf / per-model", "no-op regenerate"],
        c.sizes.map((s) => [s.name, s.models, fmt.ms(s.ms.ours), fmt.ms(s.ms.otsOneOf), fmt.ms(s.ms.otsPerModel), fmt.x(s.ratio.vsOneOf), fmt.x(s.ratio.vsPerModel), `${fmt.int(s.cpuMs.ours.median)} / ${fmt.int(s.cpuMs.otsPerModel.median)} (${fmt.x(s.ratio.cpuVsPerModel)})`, `${fmt.int(s.peakRssMiB.ours.median)} / ${fmt.int(s.peakRssMiB.otsOneOf.median)} / ${fmt.int(s.peakRssMiB.otsPerModel.median)}`, `${fmt.ms(s.noop.ms)} (${fmt.int(s.noop.peakRssMiB.median)} MiB)`]),
      ),
      "",
    );
    for (const s of c.sizes.filter((x) => x.addOne)) {
      out.push(`Regenerate after adding one model at ${fmt.int(s.models)} models (each round starts from the spec without it, generated; then adds its two entries and times \`generate\`): ${fmt.ms(s.addOne!.ms)} wall, ${fmt.ms(s.addOne!.cpuMs)} CPU; the no-op of the same checkout in the same rounds: ${fmt.ms(s.addOne!.noopMs)}.`, "");
    }
    out.push(table(["spec", "ours: files / bytes", "openapi-typescript oneOf bytes", "per-model bytes"], c.sizes.map((s) => [s.name, `${fmt.int(s.outputBytes.oursFiles)} / ${fmt.int(s.outputBytes.ours)}`, fmt.int(s.outputBytes.otsOneOf), fmt.int(s.outputBytes.otsPerModel)])), "");
    if (Object.keys(c.floors).length > 0) {
      out.push("Start-up floors (fresh process, wall ms, same rounds):", "");
      out.push(table(["command", "ms"], Object.entries(c.floors).map(([k, v]) => [k, fmt.ms(v)])), "");
    }
    const withStages = c.sizes.filter((s) => s.stages);
    if (withStages.length > 0) {
      const stages = Object.keys(withStages[0]!.stages!.warm);
      out.push("Where our time goes, in one process (ms; cold = first pass including lazy initialisation, warm = median of 3 later passes):", "");
      out.push(
        table(
          ["stage", ...withStages.flatMap((s) => [`${s.name} cold`, `${s.name} warm`])],
          [
            ...stages.map((st) => [st, ...withStages.flatMap((s) => [fmt.int(s.stages!.cold[st] ?? NaN), fmt.int(s.stages!.warm[st] ?? NaN)])]),
            ["total", ...withStages.flatMap((s) => [fmt.int(s.stages!.coldTotal), fmt.int(Object.values(s.stages!.warm).reduce((a, b) => a + b, 0))])],
          ],
        ),
        "",
      );
      out.push("Attribution and what-ifs (warm, ms, median of 3):", "");
      const keys = Object.keys(withStages[0]!.stages!.attribution);
      out.push(table(["measured", ...withStages.map((s) => s.name)], keys.map((k) => [k, ...withStages.map((s) => fmt.int(s.stages!.attribution[k] ?? NaN))])), "");
    }
  }

  const n = j.results.noop;
  if (n) {
    out.push("## No-op regenerate (re-measure)", "");
    out.push("Fresh processes, wall ms, interleaved: the no-op as `pnpm generate` runs it (node codegen/run.mjs), and node's own start-up.", "");
    out.push(table(["spec", "models", "no-op regenerate", "node -e 0"], n.map((s) => [s.name, s.models, fmt.ms(s.ms.generate), fmt.ms(s.ms.nodeEmpty)])), "");
  }

  const t = j.results.typecheck;
  if (t) {
    out.push("## 2. Typecheck", "");
    out.push("`tsc -p … --extendedDiagnostics` (skipLibCheck, noEmit) of a consumer making 50 calls to different models (many) and one with three wrong calls under `@ts-expect-error` (wrong; a clean exit proves each was flagged). Ours: `createClient().submit(slug, input)` from the built `.d.ts`. CPU ms: user + system time of the tsc process, which other processes on a shared machine do not inflate. Peer: openapi-fetch `client.POST` over openapi-typescript's oneOf union of the same models.", "");
    const rows: (string | number)[][] = [];
    for (const s of t) {
      for (const shape of ["oursMany", "peerMany", "oursWrong", "peerWrong"] as const) {
        rows.push([s.models, shape, fmt.ms(s.wallMs[shape]), s.cpuMs ? fmt.ms(s.cpuMs[shape]) : "", fmt.ms(s.checkMs[shape]), fmt.int(s.instantiations[shape]), fmt.int(s.types[shape]), fmt.int(s.peakRssMiB[shape].median)]);
      }
      rows.push([s.models, "**ours / peer wall**", `many ${fmt.x(s.ratio.many)}`, `wrong ${fmt.x(s.ratio.wrong)}`, `wrong calls flagged without the directive: ours ${s.flagged.ours}/3, peer ${s.flagged.peer}/3`, "", "", ""]);
      if (s.cpuRatio) rows.push([s.models, "**ours / peer CPU**", `many ${fmt.x(s.cpuRatio.many)}`, `wrong ${fmt.x(s.cpuRatio.wrong)}`, "", "", "", ""]);
    }
    for (const s of t) {
      if (s.buildErrors.length > 0) out.push(`Building the packages' declarations at ${s.models} models reported ${s.buildErrors.length} type error(s) (declarations were still emitted): ${s.buildErrors.slice(0, 2).map((e) => `\`${e.replace(/`/g, "'")}\``).join("; ")}`, "");
    }
    out.push(table(["models", "consumer", "wall ms", "CPU ms", "check ms", "instantiations", "types", "peak RSS MiB"], rows), "");
  }

  const b = j.results.bundle;
  if (b) {
    out.push("## 3. Bundle", "");
    out.push("esbuild (bundle, minify, ESM, browser, es2022), bytes; gzip level 9, brotli quality 11.", "");
    out.push(table(["consumer", "models in spec", "min", "min+gzip", "min+brotli"], b.map((r) => [r.label, r.models ?? "", fmt.int(r.min), fmt.int(r.gzip), fmt.int(r.brotli)])), "");
    out.push("Where our minified bytes come from (esbuild metafile, bytes before gzip, largest first):", "");
    out.push(table(["consumer", "models", "parts"], b.filter((r) => r.models !== undefined && !r.id.startsWith("estimate")).map((r) => [r.label, r.models!, Object.entries(r.parts).slice(0, 10).map(([k, v]) => `${k} ${fmt.int(v)}`).join(", ")])), "");
  }

  const r = j.results.runtime;
  if (r) {
    out.push("## 4. Runtime overhead", "");
    if (!r.available) out.push(`Not measured: ${r.note}`, "");
    if (r.rows) out.push(table(["client", "requests/s", "× raw fetch"], r.rows.map((row) => [row.label, fmt.n(row.rps), fmt.x(row.ratio)])), "");
    if (r.stub) {
      out.push("Stub fetch (no network): µs per call, and over raw fetch; wall time, then this process's CPU time (user + system). Last columns: ours minus openapi-fetch, per round (issue 13).", "");
      const opt = (s: Parameters<typeof fmt.n>[0] | undefined) => (s === undefined ? "" : fmt.n(s, 2));
      out.push(
        table(
          ["stub fetch", "µs per call", "overhead µs", "CPU µs per call", "CPU overhead µs", "over openapi-fetch µs", "CPU over openapi-fetch µs"],
          r.stub.map((row) => [row.label, fmt.n(row.usPerCall, 2), fmt.n(row.overheadUs, 2), opt(row.cpuUsPerCall), opt(row.cpuOverheadUs), opt(row.overOpenapiFetchUs), opt(row.cpuOverOpenapiFetchUs)]),
        ),
        "",
      );
    }
    if (r.available && r.note) out.push(r.note, "");
  }

  const p = j.results.pricing;
  if (p) {
    out.push("## 5. Pricing", "");
    out.push("ns per call over every combination of the model's priced values (cycled), one monomorphic loop per implementation, rounds alternating. Bare: the same price as one integer expression (base × numerators ÷ denominator, `Math.round`).", "");
    out.push(table(["model", "factors", "combinations", "estimate ns", "bare ns", "estimate / bare"], p.models.map((mm) => [`${mm.kind}: ${mm.slug}`, mm.factors, mm.combinations, fmt.n(mm.nsPerCall.estimate, 1), fmt.n(mm.nsPerCall.bare, 1), fmt.x(mm.ratio)])), "");
    out.push(table(["oracle", "models", "combinations", "mismatches"], Object.entries(p.oracle).map(([k, o]) => [k, o.models, fmt.int(o.combinations), o.mismatches])), "");
  }
  return `${out.join("\n")}\n`;
}
