import { copyWorkTree } from "../helpers/work-tree.js";
import { pnpm, run, type RunResult } from "../packaging/workspace.js";

/** Throws with the command's output when it did not exit 0; returns the result otherwise. */
export function check(what: string, result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\n${result.stdout}\n${result.stderr}`.trimEnd());
  return result;
}

/**
 * A throwaway copy of this repository as it is on disk (tracked files and new, not ignored ones:
 * what `git status` would commit), made a git repository of one commit (Changesets tags releases
 * in git), and installed from the pnpm store. A release there changes versions, changelogs and
 * dist/ without touching the real checkout.
 */
export async function copyRepository(): Promise<string> {
  const copy = await copyWorkTree("release-repo");
  const git = (args: string[]) => run("git", ["-c", "user.name=release test", "-c", "user.email=release-test@localhost", "-c", "commit.gpgsign=false", ...args], { cwd: copy });
  check("git init", await git(["init", "-q", "-b", "main"]));
  check("git add", await git(["add", "-A"]));
  check("git commit", await git(["commit", "-q", "-m", "copy of the work tree"]));
  // The lockfile is the repository's: frozen, and every package is already in the store.
  check("pnpm install in the copy", await pnpm(["install", "--frozen-lockfile", "--prefer-offline"], { cwd: copy }));
  return copy;
}
