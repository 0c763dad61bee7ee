import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Every generated folder as a run left it: its status-change time (ctime) then, by "/"-separated path from the root. */
export type FolderTimes = Record<string, number>;

/** The generated folders and files as the last run left them (its stamp). */
export interface LastRun {
  folders: FolderTimes;
  /** Every file that run produced (its generated folders held exactly these, and no other file). */
  files: readonly string[];
  /** When that run's record was written: a folder time not older proves nothing (see stamp.ts). */
  recordedAtMs: number;
}

/**
 * Every file now in the generated folders, and every folder's status-change time. With the last run's
 * record, a folder whose ctime has not changed holds exactly what it held then (adding, removing or
 * renaming anything in a folder changes it, and unlike the modification time, `touch -r` cannot put it
 * back), so only changed or new folders are read: thousands of per-model folders cost a stat each
 * instead of a listing each.
 */
export function ownedFiles(root: string, ownedDirs: readonly string[], last?: LastRun): { files: string[]; folders: FolderTimes } {
  const files: string[] = [];
  const folders: FolderTimes = {};
  const lastFiles = new Map<string, string[]>();
  const lastFolders = new Map<string, string[]>();
  if (last) {
    for (const file of last.files) push(lastFiles, parentOf(file), file);
    for (const folder of Object.keys(last.folders)) push(lastFolders, parentOf(folder), folder);
  }
  const visit = (dir: string): void => {
    let stat;
    try {
      stat = statSync(path.join(root, dir));
    } catch {
      return;
    }
    if (!stat.isDirectory()) return;
    folders[dir] = stat.ctimeMs;
    if (last && Object.hasOwn(last.folders, dir) && last.folders[dir] === stat.ctimeMs && stat.ctimeMs < last.recordedAtMs) {
      files.push(...(lastFiles.get(dir) ?? []));
      for (const sub of lastFolders.get(dir) ?? []) visit(sub);
      return;
    }
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const child = `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) files.push(child);
    }
  };
  for (const dir of ownedDirs) visit(dir);
  return { files, folders };
}

/** The folder times after a run changed `changed` files (written or removed): their folders, and those above them, looked at again. */
export function foldersAfter(root: string, ownedDirs: readonly string[], before: FolderTimes, changed: readonly string[]): FolderTimes {
  const after = { ...before };
  const seen = new Set<string>();
  for (const file of changed) {
    const top = ownedDirs.find((dir) => file.startsWith(`${dir}/`));
    if (top === undefined) continue;
    for (let dir = parentOf(file); !seen.has(dir); dir = parentOf(dir)) {
      seen.add(dir);
      try {
        after[dir] = statSync(path.join(root, dir)).ctimeMs;
      } catch {
        delete after[dir];
      }
      if (dir === top) break;
    }
  }
  return after;
}

function parentOf(file: string): string {
  return file.slice(0, file.lastIndexOf("/"));
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
