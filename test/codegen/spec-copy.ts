import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { repoRoot } from "./scenarios.js";

// A scratch repository root for the commands that edit spec/ (new-model, new-model --from), and a
// way to see which files a command touched. The copies are removed after the importing test file.

const temps: string[] = [];
afterAll(() => Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** A temporary root (pixelbyte-<prefix>-XXXXXX) holding a copy of spec/ and .changeset/config.json, as the repository has them. */
export async function copyOfSpec(prefix: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), `pixelbyte-${prefix}-`));
  temps.push(root);
  await cp(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
  await mkdir(path.join(root, ".changeset"));
  await cp(path.join(repoRoot, ".changeset/config.json"), path.join(root, ".changeset/config.json"));
  return root;
}

/** Every file under root (relative path -> sha256), to see what a command touched. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(root, file).split(path.sep).join("/"), createHash("sha256").update(await readFile(file)).digest("hex"));
  }
  return out;
}

/** The files of `after` whose content differs from `before`, the new ones and the gone ones (each sorted). */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): { changed: string[]; added: string[]; removed: string[] } {
  return {
    changed: [...before].filter(([f, h]) => after.has(f) && after.get(f) !== h).map(([f]) => f).sort(),
    added: [...after.keys()].filter((f) => !before.has(f)).sort(),
    removed: [...before.keys()].filter((f) => !after.has(f)).sort(),
  };
}
