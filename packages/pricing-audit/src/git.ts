import { execFile } from "node:child_process";
import { inputError } from "./errors.js";

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

/**
 * The commit a user's git revision (`HEAD~1`, `v1.2.0`, `origin/main`) names, read in `cwd`; `what`
 * is the argument as typed, for the message. Throws one line when git is missing, `cwd` is not in a
 * repository, or the revision does not exist. Shared by every command that reads a revision.
 */
export async function resolveCommit(ref: string, what: string, cwd: string): Promise<string> {
  const verify = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd);
  if (verify.notInstalled) throw inputError(`"${what}" is not a file, and git is not installed to read it as a revision`);
  if (!verify.ok) {
    const inRepo = await git(["rev-parse", "--git-dir"], cwd);
    if (!inRepo.ok) throw inputError(`"${what}" is not a file, and ${cwd} is not inside a git repository to read it as a revision`);
    throw inputError(`"${what}" is neither a file nor a git revision of this repository`);
  }
  return verify.stdout.trim();
}
