import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { outputDirs } from "../config.js";
import type { GeneratedFile } from "../emit/render.js";

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
  const report: WriteReport = { written: [], unchanged: 0, deleted: [] };
  const sorted = sortFiles(files);
  // Reads (and then writes) run concurrently: thousands of small files are bound by round trips, not bytes.
  const current = await mapLimit(sorted, (file) => readOrUndefined(path.join(root, file.path)));
  const changed = sorted.filter((file, i) => current[i] !== file.content);
  report.unchanged = sorted.length - changed.length + kept.length;
  const dirs = [...new Set(changed.map((file) => path.dirname(path.join(root, file.path))))];
  await mapLimit(dirs, (dir) => mkdir(dir, { recursive: true }));
  await mapLimit(changed, (file) => writeFile(path.join(root, file.path), file.content));
  report.written = changed.map((file) => file.path);
  for (const extra of await extraFiles(root, [...files.map((f) => f.path), ...kept], ownedDirs)) {
    await rm(path.join(root, extra));
    report.deleted.push(extra);
  }
  return report;
}

/** `--check`: compares in memory, writes nothing. */
export async function findStale(root: string, files: GeneratedFile[], ownedDirs: readonly string[]): Promise<StaleReport> {
  const sorted = sortFiles(files);
  const current = await mapLimit(sorted, (file) => readOrUndefined(path.join(root, file.path)));
  const stale = sorted.filter((file, i) => current[i] !== file.content).map((file) => file.path);
  return { stale, extra: await extraFiles(root, files.map((f) => f.path), ownedDirs) };
}

export function sortFiles(files: GeneratedFile[]): GeneratedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function extraFiles(root: string, produced: readonly string[], ownedDirs: readonly string[]): Promise<string[]> {
  const all = new Set(produced);
  return (await listOwnedFiles(root, ownedDirs)).filter((file) => !all.has(file)).sort();
}

/** Every file now in the generated folders, relative to the root with "/" separators. */
export async function listOwnedFiles(root: string, ownedDirs: readonly string[]): Promise<string[]> {
  return (await Promise.all(ownedDirs.map((dir) => listFiles(root, dir)))).flat();
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  // Breadth-first, each level's folders read concurrently: thousands of per-model folders are bound by
  // round trips (readdir's own recursive mode reads them one at a time).
  const files: string[] = [];
  let level = [path.join(root, dir)];
  while (level.length > 0) {
    const listed = await mapLimit(level, (d) => readdir(d, { withFileTypes: true }).catch(() => []));
    const next: string[] = [];
    listed.forEach((entries, i) => {
      for (const e of entries) {
        const full = path.join(level[i]!, e.name);
        if (e.isDirectory()) next.push(full);
        else if (e.isFile()) files.push(path.relative(root, full).split(path.sep).join("/"));
      }
    });
    level = next;
  }
  return files;
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

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}
