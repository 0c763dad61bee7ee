import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pricingCommand, type PricingIo } from "@pixelbyte/pricing-audit";

/** This folder: fixture paths are given relative to it, so labels in goldens are stable. */
export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, "..", "..");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pixelbyte pricing <args>` in-process, collecting what it prints. */
export async function pricing(args: string[], cwd: string = here, extra: Partial<PricingIo> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await pricingCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, ...extra });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `pricing-audit-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** git in `cwd`, with an identity and no user/system config, so commits work on any machine. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Audit Test", "-c", "user.email=audit@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
  });
}

/** A stderr that is one clear line, with no stack trace. */
export function expectOneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l !== "");
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  if (/^\s+at\s/m.test(stderr) || /Error:/.test(stderr)) throw new Error(`stderr looks like a stack trace:\n${stderr}`);
  return lines[0]!;
}
