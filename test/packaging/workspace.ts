import { execFile, type ExecFileOptions } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: string | Record<string, string>;
  exports?: unknown;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

export interface WorkspacePackage {
  /** packages/<dir> */
  dir: string;
  manifest: Manifest;
}

/** Every package under <root>/packages/ that is published: not private, with a build script. In build order. */
export async function publishablePackages(only?: string[], root = repoRoot): Promise<WorkspacePackage[]> {
  const found: WorkspacePackage[] = [];
  for (const entry of await readdir(path.join(root, "packages"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, "packages", entry.name);
    const manifest = await readFile(path.join(dir, "package.json"), "utf8").then((t) => JSON.parse(t) as Manifest, () => undefined);
    if (!manifest || manifest.private || !manifest.scripts?.build) continue;
    if (only && !only.includes(entry.name) && !only.includes(manifest.name)) continue;
    found.push({ dir, manifest });
  }
  return buildOrder(found);
}

/** Dependencies before dependents (among the given packages). */
function buildOrder(packages: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map(packages.map((p) => [p.manifest.name, p]));
  const done = new Set<string>();
  const out: WorkspacePackage[] = [];
  const visit = (p: WorkspacePackage, stack: string[]) => {
    if (done.has(p.manifest.name)) return;
    if (stack.includes(p.manifest.name)) throw new Error(`dependency cycle: ${[...stack, p.manifest.name].join(" -> ")}`);
    for (const dep of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) {
      const internal = byName.get(dep);
      if (internal) visit(internal, [...stack, p.manifest.name]);
    }
    done.add(p.manifest.name);
    out.push(p);
  };
  for (const p of [...packages].sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))) visit(p, []);
  return out;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws for a non-zero exit (the caller decides). */
export function run(command: string, args: string[], options: ExecFileOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, encoding: "utf8", ...options }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== "number" ? String(error) : "") });
    });
  });
}

/** pnpm as the running script was started with (`pnpm check:packages`), else `npx pnpm@10`. */
export function pnpm(args: string[], options: ExecFileOptions = {}): Promise<RunResult> {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath))) return run(process.execPath, [execPath, ...args], options);
  return run("npx", ["pnpm@10", ...args], { ...options, env: { ...process.env, npm_config_yes: "true", ...options.env } });
}
