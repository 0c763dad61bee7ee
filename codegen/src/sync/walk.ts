import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

/** A page larger than this is not read: model pages are tens of kilobytes, and the reader holds one in memory. */
export const MAX_PAGE_BYTES = 1024 * 1024;

export interface WalkedPage {
  /** Path relative to the docs directory, with "/" separators: "models/video/kling/kling-3-0.mdx". */
  file: string;
  absolute: string;
}

/** A file the walk did not read, and why: `problem` when a model might hide behind it (exit code 1). */
export interface Skipped {
  file: string;
  reason: string;
  problem: boolean;
  /** A directory (a link to one): the pages it may hold are unknown. */
  directory?: boolean;
}

export interface WalkResult {
  /** Every `.mdx` regular file under models/, in code-point order of path. */
  pages: WalkedPage[];
  /** How many files under models/ are not `.mdx` (images, snippets, JSON...), passed over. */
  ignored: number;
  skipped: Skipped[];
}

/** The docs directory cannot be walked (not there, no models/ in it): the command stops with exit 2. */
export class WalkRefusal extends Error {
  override readonly name = "WalkRefusal";
}

/**
 * Every `models/**.mdx` page of a docs checkout. Symbolic links are followed only to a regular file
 * inside the docs directory that is not read already under its own name (an alias would be the same
 * page twice); a link out of the tree, to a directory (a loop, or a subtree read twice) or to nothing
 * is skipped as a problem, since a model behind it would look removed. Hidden entries (".git",
 * ".DS_Store") are passed over. Pages over MAX_PAGE_BYTES are skipped as problems.
 */
export async function walkModels(docsDir: string): Promise<WalkResult> {
  const root = path.resolve(docsDir);
  const modelsDir = path.join(root, "models");
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new WalkRefusal(`${docsDir} is not a directory: give the path of a checkout of the docs repository`);
  const modelsStat = await stat(modelsDir).catch(() => undefined);
  if (!modelsStat?.isDirectory()) throw new WalkRefusal(`${docsDir} has no models/ directory: give the root of a checkout of the docs repository (the one holding models/)`);
  const realRoot = await realpath(root);

  const result: WalkResult = { pages: [], ignored: 0, skipped: [] };
  const links: { file: string; absolute: string; real: string }[] = [];
  const real = new Set<string>();
  const relative = (absolute: string) => path.relative(root, absolute).split(path.sep).join("/");
  const stack = [modelsDir];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const absolute = path.join(dir, entry.name);
      const file = relative(absolute);
      if (entry.isDirectory()) subdirs.push(absolute);
      else if (entry.isSymbolicLink()) {
        // A link named like a page is followed (or refused); another link matters only when it leads to a directory.
        const isDir = await stat(absolute).then((s) => s.isDirectory(), () => false);
        if (!entry.name.endsWith(".mdx") && !isDir) {
          result.ignored++;
          continue;
        }
        const link = await followLink(absolute, realRoot);
        if ("reason" in link) result.skipped.push({ file, reason: link.reason, problem: true, ...(isDir ? { directory: true } : {}) });
        else links.push({ file, absolute, real: link.real });
      } else if (!entry.isFile()) result.ignored++;
      else if (!entry.name.endsWith(".mdx")) result.ignored++;
      else {
        result.pages.push({ file, absolute });
        real.add(await realpath(absolute));
      }
    }
    // Depth first, in name order: the pages come out sorted by path.
    stack.push(...subdirs.reverse());
  }
  for (const link of links) {
    if (real.has(link.real)) {
      result.skipped.push({ file: link.file, reason: `a symbolic link to ${relative(link.real) || link.real}, which is read under its own name`, problem: false });
      continue;
    }
    real.add(link.real);
    result.pages.push({ file: link.file, absolute: link.absolute });
  }
  result.pages.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const sizes = await Promise.all(result.pages.map((p) => lstat(p.absolute).then((s) => (s.isSymbolicLink() ? stat(p.absolute) : s))));
  result.pages = result.pages.filter((page, i) => {
    const size = sizes[i]!.size;
    if (size <= MAX_PAGE_BYTES) return true;
    result.skipped.push({ file: page.file, reason: `${size} bytes, more than a model page can be (${MAX_PAGE_BYTES} bytes): not read`, problem: true });
    return false;
  });
  result.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return result;
}

async function followLink(absolute: string, realRoot: string): Promise<{ real: string } | { reason: string }> {
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    return { reason: "a symbolic link to nothing (broken): not read" };
  }
  const inside = real === realRoot || real.startsWith(realRoot + path.sep);
  if (!inside) return { reason: `a symbolic link out of the docs directory (to ${real}): not read` };
  const target = await stat(real);
  if (target.isDirectory()) return { reason: "a symbolic link to a directory: not followed (a loop, or pages read twice)" };
  if (!target.isFile()) return { reason: "a symbolic link to something that is not a file: not read" };
  return { real };
}
