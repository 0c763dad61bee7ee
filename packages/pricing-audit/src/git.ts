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

/**
 * Every YAML or JSON file under `dir` at `commit` (paths relative to `dir`, posix), read with two git
 * processes (`ls-tree -r`, then `cat-file --batch`) instead of one `git show` per file. Undefined
 * when `dir` is not a directory at that commit.
 */
export async function readTree(commit: string, dir: string, cwd: string): Promise<Map<string, string> | undefined> {
  const listed = await git(["ls-tree", "-r", "-z", "--full-tree", `${commit}:${dir}`], cwd);
  if (!listed.ok) return undefined;
  const entries = listed.stdout
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [, type, sha] = line.slice(0, tab).split(" ");
      return { type, sha: sha!, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === "blob" && /\.(ya?ml|json)$/i.test(e.path));
  const out = new Map<string, string>();
  if (entries.length === 0) return out;
  const batch = await new Promise<Buffer>((resolve, reject) => {
    const child = execFile("git", ["cat-file", "--batch"], { cwd, encoding: "buffer", maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(entries.map((e) => `${e.sha}\n`).join(""));
  });
  // Each object: "<sha> blob <size>\n" + <size> bytes + "\n".
  let at = 0;
  for (const entry of entries) {
    const eol = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, eol).toString("latin1").split(" ")[2]);
    out.set(entry.path, batch.subarray(eol + 1, eol + 1 + size).toString("utf8"));
    at = eol + 1 + size + 1;
  }
  return out;
}
