import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { outputDirs } from "../config.js";
import type { GeneratedFile } from "../emit/render.js";
import { ownedFiles } from "./owned-folders.js";

/** Folders whose every file the generator owns: a file there that it no longer produces is removed. */
export const ownedDirs = [outputDirs.clientGen, outputDirs.pricingGen];

export interface WriteReport {
  written: string[];
  unchanged: number;
  deleted: string[];
}

export interface StaleReport {
  /** Missing or different on disk. */
  stale: string[];
  /** On disk in a generated folder, but no longer generated. */
  extra: string[];
}

/**
 * Stage 5: writes files in path order, skipping identical ones, and removes generated files no longer
 * produced. `kept` files (of models that did not change, checked intact) are produced too, as they are.
 */
export async function writeFiles(root: string, files: GeneratedFile[], ownedDirs: readonly string[], kept: readonly string[] = []): Promise<WriteReport> {
  const { written, unchanged } = await writeChanged(root, files);
  const deleted = await removeExtras(root, [...files.map((f) => f.path), ...kept], ownedDirs);
  return { written, unchanged: unchanged + kept.length, deleted };
}

/** Writes each file that is missing or different on disk; the others are left untouched. */
export async function writeChanged(root: string, files: readonly GeneratedFile[]): Promise<{ written: string[]; unchanged: number }> {
  // One at a time, synchronously: thousands of small files (and a folder per model) cost mostly kernel
  // time, which concurrent calls only spend on contending for the same folders.
  const written: string[] = [];
  let unchanged = 0;
  const existing = new Map<string, boolean>();
  for (const file of sortFiles(files)) {
    const target = path.join(root, file.path);
    const dir = path.dirname(target);
    let made = existing.get(dir);
    if (made === undefined) {
      // A folder that had to be made holds no file yet: nothing to compare with.
      made = mkdirSync(dir, { recursive: true }) !== undefined;
      existing.set(dir, made);
    }
    if (!made && sameContent(target, file.content)) {
      unchanged++;
      continue;
    }
    writeFileSync(target, file.content);
    written.push(file.path);
  }
  return { written, unchanged };
}

/**
 * Removes every file in the generated folders that is not produced; returns their paths. `present`:
 * the files now in the generated folders, when already listed (see ownedFiles).
 */
export async function removeExtras(root: string, produced: readonly string[], ownedDirs: readonly string[], present?: readonly string[]): Promise<string[]> {
  const all = new Set(produced);
  const extras = (present ?? (await listOwnedFiles(root, ownedDirs))).filter((file) => !all.has(file)).sort();
  for (const extra of extras) rmSync(path.join(root, extra));
  return extras;
}

/** `--check`: compares in memory, writes nothing. */
export async function findStale(root: string, files: GeneratedFile[], ownedDirs: readonly string[]): Promise<StaleReport> {
  const stale = sortFiles(files)
    .filter((file) => readOrUndefined(path.join(root, file.path)) !== file.content)
    .map((file) => file.path);
  const produced = new Set(files.map((f) => f.path));
  return { stale, extra: (await listOwnedFiles(root, ownedDirs)).filter((file) => !produced.has(file)).sort() };
}

export function sortFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Every file now in the generated folders, relative to the root with "/" separators. */
export async function listOwnedFiles(root: string, ownedDirs: readonly string[]): Promise<string[]> {
  return ownedFiles(root, ownedDirs).files;
}

/** `f` over every item, at most `limit` at a time (well under any open-file limit), results in order. */
export async function mapLimit<T, R>(items: readonly T[], f: (item: T) => Promise<R>, limit = 64): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Whether the file holds exactly this content (a different size says no without reading it). */
function sameContent(file: string, content: string): boolean {
  try {
    if (statSync(file).size !== Buffer.byteLength(content)) return false;
  } catch {
    return false;
  }
  return readOrUndefined(file) === content;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
