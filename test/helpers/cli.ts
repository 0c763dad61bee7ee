import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main, type Io } from "@pixelbyte/cli";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.join(root, "packages/cli/src/bin.ts");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let bundled: Promise<string> | undefined;
let bundleDir: string | undefined;

/** Removes the bundle (call from afterAll; a worker may be stopped without an exit event). */
export function removeBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundled = bundleDir = undefined;
}

/**
 * The bin and everything it imports as one ESM file, built once per test file: a process starts in
 * ~0.2 s instead of ~2 s through tsx, which keeps a dozen spawns cheap on two cores.
 */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = (bundleDir = mkdtempSync(path.join(os.tmpdir(), "pixelbyte-cli-")));
    const outfile = path.join(dir, "pixelbyte.mjs");
    await build({
      entryPoints: [BIN],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["source"],
      outfile,
      logLevel: "warning",
      // Keep the lazy pricing-audit import lazy, as in the published bin.
      external: ["@pixelbyte/pricing-audit"],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  })();
  return bundled;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Called with everything printed so far, after each chunk. */
  onStdout?: (soFar: string, child: ReturnType<typeof spawn>) => void;
  /** Run packages/cli/src/bin.ts through tsx (the workspace-development path) instead of the bundle. */
  viaTsx?: boolean;
}

/** Spawns the `pixelbyte` CLI as its own process. */
export async function spawnCli(args: string[], opts: SpawnOptions = {}): Promise<CliResult> {
  const entry = opts.viaTsx ? ["--import", "tsx", "--conditions=source", BIN] : [await bundle()];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: root,
      env: { ...process.env, PIXELBYTE_API_KEY: "", PIXELBYTE_BASE_URL: "", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI's main in this process with captured output (for the long matrices); `cwd` defaults to the repository root. */
export async function runInProcess(args: string[], opts: { env?: Record<string, string>; isTTY?: boolean; cwd?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd: opts.cwd ?? root, isTTY: opts.isTTY ?? false, env: opts.env ?? {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
