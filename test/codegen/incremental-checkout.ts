// Checkouts for the incremental generate's tests: a temporary folder of spec copies (the real API
// document, the first-models fixture's five models), the compiled CLI run on one, and what a full
// generate of the same spec writes or reports, to compare with.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll } from "vitest";
import { generate } from "../../codegen/src/pipeline.js";
import { formatProblem, SpecError } from "../../codegen/src/validate/problem.js";
import { ownedDirs, writeFiles } from "../../codegen/src/write/write-files.js";
import { repoRoot } from "./scenarios.js";

const run = promisify(execFile);
export const launcher = path.join(repoRoot, "codegen/run.mjs");
const fixture = path.join(repoRoot, "test/fixtures/specs/first-models");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every generated file under a checkout (generated folders, docs, PRICING.md), path -> content. */
export async function outputs(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const dir of [...ownedDirs, "docs"]) {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile()) continue;
      const file = path.join(e.parentPath, e.name);
      out[path.relative(root, file).split(path.sep).join("/")] = await readFile(file, "utf8");
    }
  }
  out["PRICING.md"] = await readFile(path.join(root, "PRICING.md"), "utf8").catch(() => "(missing)");
  return out;
}

/** The problems a full generate reports, formatted as the CLI prints them. */
export async function fullProblems(root: string): Promise<string[]> {
  try {
    await generate({ root });
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

/** `node <args>` in a folder, never throwing: its exit code and output. */
export function node(cwd: string, ...args: string[]): Promise<CliResult> {
  return run(process.execPath, args, { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: CliResult) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** `generate --root <root> [args]` through a launcher (the repository's compiled CLI by default). */
export const cli = (root: string, args: readonly string[] = [], launch = launcher): Promise<CliResult> => node(repoRoot, launch, "generate", "--root", root, ...args);

/** The problem lines a CLI run printed (without the launcher's own lines, e.g. a rebuild of codegen/dist, and the closing one). */
export const problemLines = (stderr: string): string[] =>
  stderr.trimEnd().split("\n").filter((line) => line !== "" && !line.startsWith("codegen: ") && !line.endsWith("nothing was generated."));

/** A temporary folder (removed after the file's tests) to make checkouts and fresh full generates in. */
export async function checkouts(prefix: string) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), `pixelbyte-${prefix}-`));
  afterAll(() => rm(tmp, { recursive: true, force: true }));
  let copies = 0;
  /** A fresh name under the folder. */
  const fresh = (name: string) => path.join(tmp, `${name}-${copies++}`);
  return {
    tmp,
    fresh,
    /** A checkout to generate into: the real API document, the fixture's five models. */
    async checkout(name = "checkout"): Promise<string> {
      const root = fresh(name);
      await mkdir(path.join(root, "spec"), { recursive: true });
      await cp(path.join(repoRoot, "spec/openapi.yaml"), path.join(root, "spec/openapi.yaml"));
      await cp(path.join(repoRoot, "spec/api"), path.join(root, "spec/api"), { recursive: true });
      await cp(path.join(repoRoot, "spec/pricing.schema.json"), path.join(root, "spec/pricing.schema.json"));
      await cp(path.join(fixture, "models.yaml"), path.join(root, "spec/models.yaml"));
      await cp(path.join(fixture, "pricing.yaml"), path.join(root, "spec/pricing.yaml"));
      return root;
    },
    /** A copy of the generator beside the real one: its sources, and its dependencies but those named in `without` linked. */
    async generatorCopy(without: readonly string[] = []): Promise<string> {
      const other = fresh("generator");
      await mkdir(path.join(other, "codegen/node_modules"), { recursive: true });
      await cp(path.join(repoRoot, "codegen/src"), path.join(other, "codegen/src"), { recursive: true });
      for (const file of ["codegen/run.mjs", "codegen/build.mjs", "codegen/source-hash.mjs", "codegen/package.json"]) await cp(path.join(repoRoot, file), path.join(other, file));
      await cp(path.join(repoRoot, "packages/pricing/src/runtime"), path.join(other, "packages/pricing/src/runtime"), { recursive: true });
      for (const file of ["pnpm-workspace.yaml", "pnpm-lock.yaml"]) await cp(path.join(repoRoot, file), path.join(other, file));
      for (const entry of await readdir(path.join(repoRoot, "codegen/node_modules"))) {
        if (!entry.startsWith(".") && !without.includes(entry)) await symlink(path.join(repoRoot, "codegen/node_modules", entry), path.join(other, "codegen/node_modules", entry), "dir");
      }
      return other;
    },
    /** What a full generate of the checkout's spec writes: in process, from the sources, into a fresh copy. */
    async full(root: string): Promise<Record<string, string>> {
      const copy = fresh("fresh");
      await cp(path.join(root, "spec"), path.join(copy, "spec"), { recursive: true });
      const { files } = await generate({ root: copy });
      await writeFiles(copy, files, ownedDirs);
      return outputs(copy);
    },
  };
}
