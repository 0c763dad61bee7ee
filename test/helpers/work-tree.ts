import { execFile } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../packaging/workspace.js";

/**
 * A new temp directory holding this repository's files as git sees them on disk: tracked and new
 * ones, nothing ignored (no dist/, no node_modules/), modes kept; a tracked file deleted in the work
 * tree is left out. `prefix` names the directory (pixelbyte-<prefix>-XXXXXX).
 */
export async function copyWorkTree(prefix: string): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), `pixelbyte-${prefix}-`));
  const listed = await promisify(execFile)("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const from = path.join(repoRoot, file);
    const info = await stat(from).catch(() => undefined);
    if (!info?.isFile()) continue;
    await mkdir(path.dirname(path.join(copy, file)), { recursive: true });
    await copyFile(from, path.join(copy, file));
    await chmod(path.join(copy, file), info.mode);
  }
  return copy;
}
