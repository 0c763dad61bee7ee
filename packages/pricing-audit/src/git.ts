import { execFile } from "node:child_process";

export interface GitResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the git executable itself could not be started. */
  readonly notInstalled: boolean;
}

/** Runs git itself (no shell) in `cwd` and collects its output; never throws. */
export function git(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({ ok: error === null, stdout, stderr, notInstalled: code === "ENOENT" });
    });
  });
}
