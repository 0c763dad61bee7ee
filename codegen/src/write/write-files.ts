import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFile } from "../emit/render.js";

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

/** Stage 5: writes files in path order, skipping identical ones, and removes generated files no longer produced. */
export async function writeFiles(root: string, files: GeneratedFile[], ownedDirs: readonly string[]): Promise<WriteReport> {
  const report: WriteReport = { written: [], unchanged: 0, deleted: [] };
  for (const file of sortFiles(files)) {
    const target = path.join(root, file.path);
    if ((await readOrUndefined(target)) === file.content) {
      report.unchanged++;
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    report.written.push(file.path);
  }
  for (const extra of await extraFiles(root, files, ownedDirs)) {
    await rm(path.join(root, extra));
    report.deleted.push(extra);
  }
  return report;
}

/** `--check`: compares in memory, writes nothing. */
export async function findStale(root: string, files: GeneratedFile[], ownedDirs: readonly string[]): Promise<StaleReport> {
  const stale: string[] = [];
  for (const file of sortFiles(files)) {
    if ((await readOrUndefined(path.join(root, file.path))) !== file.content) stale.push(file.path);
  }
  return { stale, extra: await extraFiles(root, files, ownedDirs) };
}

export function sortFiles(files: GeneratedFile[]): GeneratedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function extraFiles(root: string, files: GeneratedFile[], ownedDirs: readonly string[]): Promise<string[]> {
  const produced = new Set(files.map((f) => f.path));
  const extra: string[] = [];
  for (const dir of ownedDirs) {
    for (const file of await listFiles(root, dir)) if (!produced.has(file)) extra.push(file);
  }
  return extra.sort();
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}
