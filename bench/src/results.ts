// bench/results/latest.json and latest.md: every figure with the machine and versions it was measured
// on, and each target of issue 9 as met or missed (and by how much).
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchDir, packageVersion, repoRoot } from "./paths.js";
import type { Summary } from "./util/stats.js";

export interface Target {
  benchmark: string;
  what: string;
  target: string;
  measured: string;
  /** undefined when it was not measured in this run. */
  met?: boolean;
  /** For a miss: by how much, in the target's own unit. */
  miss?: string;
}

export function machine() {
  const cpus = os.cpus();
  let commit = "?";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).trim() !== "";
    if (dirty) commit += " (uncommitted changes)";
  } catch {}
  return {
    cpu: cpus[0]?.model ?? "?",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pnpm: /pnpm\/(\S+)/.exec(process.env.npm_config_user_agent ?? "")?.[1] ?? "(not run through pnpm)",
    commit,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function versions(): Record<string, string> {
  const codegen = path.join(repoRoot, "codegen");
  return {
    typescript: packageVersion("typescript"),
    "openapi-typescript": packageVersion("openapi-typescript"),
    "openapi-fetch": packageVersion("openapi-fetch"),
    "@redocly/openapi-core": packageVersion("@redocly/openapi-core"),
    esbuild: packageVersion("esbuild"),
    replicate: packageVersion("replicate"),
    "@fal-ai/client": packageVersion("@fal-ai/client"),
    tsx: packageVersion("tsx"),
    yaml: packageVersion("yaml", codegen),
    handlebars: packageVersion("handlebars", codegen),
    ajv: packageVersion("ajv", codegen),
  };
}

export const fmt = {
  ms: (s: Summary) => `${Math.round(s.median).toLocaleString("en-US")} (${Math.round(s.min).toLocaleString("en-US")}–${Math.round(s.max).toLocaleString("en-US")})`,
  x: (s: Summary) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`,
  n: (s: Summary, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`,
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
};

/** "≤ limit": met, or missed by how much (absolute and as a multiple of the limit). */
export function atMost(benchmark: string, what: string, value: number | undefined, limit: number, unit: string, show: (v: number) => string): Target {
  const target = `≤ ${show(limit)}${unit}`;
  if (value === undefined || Number.isNaN(value)) return { benchmark, what, target, measured: "not measured" };
  const measured = `${show(value)}${unit}`;
  if (value <= limit) return { benchmark, what, target, measured, met: true };
  return { benchmark, what, target, measured, met: false, miss: `over by ${show(value - limit)}${unit} (${(value / limit).toFixed(2)}× the limit)` };
}

export function atLeast(benchmark: string, what: string, value: number | undefined, limit: number, unit: string, show: (v: number) => string): Target {
  const target = `≥ ${show(limit)}${unit}`;
  if (value === undefined || Number.isNaN(value)) return { benchmark, what, target, measured: "not measured" };
  const measured = `${show(value)}${unit}`;
  if (value >= limit) return { benchmark, what, target, measured, met: true };
  return { benchmark, what, target, measured, met: false, miss: `under by ${show(limit - value)}${unit} (${((value / limit) * 100).toFixed(0)}% of the target)` };
}

export async function writeResults(name: string, json: object, markdown: string): Promise<{ json: string; md: string }> {
  const dir = path.join(benchDir, "results");
  await mkdir(dir, { recursive: true });
  const files = { json: path.join(dir, `${name}.json`), md: path.join(dir, `${name}.md`) };
  await writeFile(files.json, `${JSON.stringify(json, null, 2)}\n`);
  await writeFile(files.md, markdown);
  return files;
}
