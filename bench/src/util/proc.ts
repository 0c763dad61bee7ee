// Runs a child process and measures it from the outside: wall time, and peak resident memory from
// /usr/bin/time -v when the machine has it, else from a preload that reports process.resourceUsage().
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

export const hasGnuTime = existsSync("/usr/bin/time");
const preload = path.join(import.meta.dirname, "rss-preload.mjs");

export interface ProcResult {
  ms: number;
  /** Peak resident set size in bytes (of the process itself, not of its children). */
  peakRss: number;
  /** User + system CPU time in ms, every thread (from /usr/bin/time; NaN without it). Less sensitive to a shared machine than wall time. */
  cpuMs: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface ProcOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Kill the child after this long. */
  timeoutMs?: number;
}

/** `node <args>` as a fresh process. */
export async function runNode(args: string[], options: ProcOptions = {}): Promise<ProcResult> {
  if (hasGnuTime) {
    const result = await run("/usr/bin/time", ["-v", process.execPath, ...args], options, parseGnuTime);
    return { ...result, cpuMs: parseCpu(result.rawStderr) };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-rss-"));
  const file = path.join(dir, "rss");
  try {
    const result = await run(process.execPath, ["--import", preload, ...args], { ...options, env: { ...options.env, BENCH_RSS_FILE: file } }, () => 0);
    result.peakRss = Number(await readFile(file, "utf8").catch(() => "0"));
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parseCpu(stderr: string): number {
  const seconds = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([0-9.]+)`).exec(stderr)?.[1] ?? NaN);
  return (seconds("User") + seconds("System")) * 1000;
}

function parseGnuTime(stderr: string): number {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) * 1024 : 0;
}

function run(command: string, args: string[], options: ProcOptions, rss: (stderr: string) => number): Promise<ProcResult & { rawStderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      if (timer) clearTimeout(timer);
      resolve({ ms, peakRss: rss(stderr), cpuMs: NaN, code: code ?? -1, stdout, stderr: stderr.replace(/\n\s*Command being timed:[\s\S]*$/, ""), rawStderr: stderr });
    });
  });
}

/** Throws with the child's output when it failed. */
export function ok(result: ProcResult, what: string): ProcResult {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-4000)}`);
  return result;
}
