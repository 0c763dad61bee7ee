// 2. Typecheck: a consumer calling 50 models, and one with wrong inputs under @ts-expect-error,
// checked by `tsc --extendedDiagnostics` against our built client (.d.ts, as published) and against
// openapi-fetch's client.POST over a oneOf union of the same models (openapi-typescript's output).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { KLING_O3, type SynthModel } from "../synth/spec.js";
import { openapiTsCli, tscBin } from "../paths.js";
import { prepare, type Prepared } from "../synth/prepare.js";
import { ok, runNode } from "../util/proc.js";
import { interleave, ratios, summarize, type Summary } from "../util/stats.js";

type Obj = Record<string, unknown>;

const SHAPES = ["oursMany", "oursWrong", "peerMany", "peerWrong"] as const;
type Shape = (typeof SHAPES)[number];

export interface TypecheckSize {
  name: string;
  models: number;
  wallMs: Record<Shape, Summary>;
  checkMs: Record<Shape, Summary>;
  instantiations: Record<Shape, number>;
  types: Record<Shape, number>;
  peakRssMiB: Record<Shape, Summary>;
  /** ours / peer wall time, per round. */
  ratio: { many: Summary; wrong: Summary };
  /** CPU time (user + system) of each tsc run, ms. */
  cpuMs?: Record<Shape, Summary>;
  /** ours / peer CPU time, per round: not inflated by other processes on a shared machine. */
  cpuRatio?: { many: Summary; wrong: Summary };
  /** Type errors in building the packages' declarations from this spec (a finding, not a bench failure). */
  buildErrors: string[];
  /** Errors reported for the three wrong calls without @ts-expect-error (3 = each one flagged once). */
  flagged: { ours: number; peer: number };
}

const MiB = 1024 * 1024;

/** A value of the right type for a field, for a call that must compile. */
function valueOf(field: Obj, name?: string): string {
  if (Array.isArray(field.enum)) return JSON.stringify(field.enum[0]);
  switch (field.type) {
    case "boolean": return "true";
    case "integer":
    case "number": return String(typeof field.minimum === "number" ? field.minimum : 1);
    case "array": return "[]";
    default: return /_url$|^url$/.test(String(name)) ? '"https://example.com/a.png"' : '"a neon city at night"';
  }
}

function validInput(m: SynthModel, overrides: Record<string, string> = {}): string {
  const properties = (m.schema.properties ?? {}) as Record<string, Obj>;
  const required = new Set((m.schema.required ?? []) as string[]);
  // Required fields, and every field with a default: openapi-typescript's CLI (defaultNonNullable, its
  // default) makes those required too, so the same call compiles against both. Plus one more optional
  // field when there is one, so the call exercises the type.
  const names = Object.keys(properties).filter((k) => required.has(k) || "default" in properties[k]!);
  const optional = Object.keys(properties).find((k) => !names.includes(k));
  if (optional) names.push(optional);
  const entries = new Map(names.map((n) => [n, valueOf(properties[n]!, n)]));
  for (const [k, v] of Object.entries(overrides)) entries.set(k, v);
  return `{ ${[...entries].map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(", ")} }`;
}

/** 50 calls: Kling O3 and models spread over the whole slug range (repeating when there are fewer). */
function fiftyModels(models: SynthModel[]): SynthModel[] {
  const sorted = [...models].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const out = [models.find((m) => m.slug === KLING_O3)!];
  for (let i = 1; i < 50; i++) out.push(sorted[Math.floor((i * sorted.length) / 50) % sorted.length]!);
  return out;
}

/** Three wrong calls to Kling O3, each otherwise valid: the compiler must flag every one. */
const WRONG = [
  ["has_sound is the string \"true\", not a boolean", { has_sound: "true" }],
  ["durations is not a field", { durations: '"10"' }],
  ["seed belongs to other models only", { seed: "1" }],
] as const;

export function consumers(p: Prepared): Record<Shape, string> {
  const calls = fiftyModels(p.spec.models);
  const ours = (m: SynthModel, input = validInput(m)) => `client.submit(${JSON.stringify(m.slug)}, ${input})`;
  const peer = (m: SynthModel, input = validInput(m)) => `client.POST("/v1/jobs/submit", { body: { model: ${JSON.stringify(m.slug)}, input: ${input} } })`;
  const kling = p.spec.models.find((m) => m.slug === KLING_O3)!;
  const oursHead = `import { createClient } from "@pixelbyte/client";\n\nconst client = createClient({ apiKey: "pb_test" });\n`;
  const peerHead = `import createClient from "openapi-fetch";\nimport type { paths } from "./ots-oneof.js";\n\nconst client = createClient<paths>({ baseUrl: "https://api.muvi.video" });\n`;
  const body = (call: (m: SynthModel, input?: string) => string, wrong: boolean) =>
    wrong
      ? `export async function run() {\n  await ${call(kling, validInput(kling, { duration: '"10"' }))};\n${WRONG.map(([why, overrides]) => `  // @ts-expect-error ${why}\n  await ${call(kling, validInput(kling, overrides))};\n`).join("")}}\n`
      : `export async function run() {\n${calls.map((m) => `  await ${call(m)};\n`).join("")}}\n`;
  return {
    oursMany: oursHead + body(ours, false),
    oursWrong: oursHead + body(ours, true),
    peerMany: peerHead + body(peer, false),
    peerWrong: peerHead + body(peer, true),
  };
}

const tsconfig = (file: string) => ({
  compilerOptions: {
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: [file],
});

/**
 * Builds the generated packages' declarations, as they are published (once per size). Declarations
 * are emitted even when the build has type errors; those errors are returned for the results.
 */
async function buildDeclarations(p: Prepared): Promise<string[]> {
  const errors: string[] = [];
  for (const pkg of ["pricing", "client"]) {
    const dir = path.join(p.root, "packages", pkg);
    const config = path.join(dir, "tsconfig.bench.json");
    // customConditions []: the client resolves @pixelbyte/pricing through its published types, as a consumer would.
    await writeFile(config, JSON.stringify({ extends: "./tsconfig.build.json", compilerOptions: { customConditions: [], emitDeclarationOnly: true, declaration: true, noEmit: false } }));
    const r = await runNode([tscBin(), "-p", config], { timeoutMs: 600_000 });
    if (r.code !== 0) {
      const lines = r.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
      if (lines.length === 0) ok(r, `tsc build ${pkg} ${p.name}`);
      errors.push(...lines.map((l) => `${pkg}: ${l.replace(/^.*?(packages\/)/, "$1").slice(0, 300)}`));
    }
  }
  return errors;
}

function parseDiagnostics(stdout: string): { instantiations: number; types: number; checkMs: number } {
  const num = (label: string) => Number((new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout) ?? [])[1] ?? NaN);
  return { instantiations: num("Instantiations"), types: num("Types"), checkMs: num("Check time") * 1000 };
}

export async function typecheckBench(sizes: number[], runs: number, warmup: number): Promise<TypecheckSize[]> {
  const out: TypecheckSize[] = [];
  for (const size of sizes) {
    const p = await prepare(size);
    console.log(`  typecheck ${p.name}: building declarations, then ${runs} interleaved rounds`);
    const buildErrors = await buildDeclarations(p);
    for (const e of buildErrors) console.log(`    build error: ${e}`);
    const dir = path.join(p.root, "consumers/typecheck");
    await mkdir(dir, { recursive: true });
    ok(await runNode([openapiTsCli(), p.docs.oneOf, "-o", path.join(dir, "ots-oneof.d.ts")]), "openapi-typescript oneOf");
    const files = consumers(p);
    for (const shape of SHAPES) {
      await writeFile(path.join(dir, `${shape}.ts`), files[shape]);
      await writeFile(path.join(dir, `tsconfig.${shape}.json`), JSON.stringify(tsconfig(`${shape}.ts`), null, 2));
    }
    const check: Record<Shape, number[]> = { oursMany: [], oursWrong: [], peerMany: [], peerWrong: [] };
    const rss: Record<Shape, number[]> = { oursMany: [], oursWrong: [], peerMany: [], peerWrong: [] };
    const cpu: Record<Shape, number[]> = { oursMany: [], oursWrong: [], peerMany: [], peerWrong: [] };
    const last = {} as Record<Shape, { instantiations: number; types: number }>;
    const wall = await interleave(SHAPES, runs, async (shape, round) => {
      const r = await runNode([tscBin(), "-p", path.join(dir, `tsconfig.${shape}.json`), "--extendedDiagnostics"], { timeoutMs: 300_000 });
      // A clean exit is the proof: every valid call compiles and every @ts-expect-error line had its error.
      ok(r, `tsc ${shape} at ${p.name}`);
      const d = parseDiagnostics(r.stdout);
      if (round >= 0) {
        check[shape].push(d.checkMs);
        rss[shape].push(r.peakRss / MiB);
        cpu[shape].push(r.cpuMs);
      }
      last[shape] = d;
      return r.ms;
    }, warmup);
    // The same wrong calls without the directive: each consumer must report exactly one error per call.
    const flagged = { ours: 0, peer: 0 };
    for (const side of ["ours", "peer"] as const) {
      const shape = `${side}Wrong` as const;
      await writeFile(path.join(dir, `${shape}-err.ts`), files[shape].replace(/^\s*\/\/ @ts-expect-error.*\n/gm, ""));
      await writeFile(path.join(dir, `tsconfig.${shape}-err.json`), JSON.stringify(tsconfig(`${shape}-err.ts`), null, 2));
      const r = await runNode([tscBin(), "-p", path.join(dir, `tsconfig.${shape}-err.json`)], { timeoutMs: 300_000 });
      flagged[side] = r.stdout.split("\n").filter((l) => /^\S.*error TS\d+/.test(l)).length;
    }
    const per = <T>(f: (s: Shape) => T) => Object.fromEntries(SHAPES.map((s) => [s, f(s)])) as Record<Shape, T>;
    out.push({
      name: p.name,
      models: p.count,
      wallMs: per((s) => summarize(wall[s])),
      checkMs: per((s) => summarize(check[s])),
      instantiations: per((s) => last[s].instantiations),
      types: per((s) => last[s].types),
      peakRssMiB: per((s) => summarize(rss[s])),
      ratio: { many: ratios(wall.oursMany, wall.peerMany), wrong: ratios(wall.oursWrong, wall.peerWrong) },
      cpuMs: per((s) => summarize(cpu[s])),
      cpuRatio: { many: ratios(cpu.oursMany, cpu.peerMany), wrong: ratios(cpu.oursWrong, cpu.peerWrong) },
      buildErrors,
      flagged,
    });
  }
  return out;
}
