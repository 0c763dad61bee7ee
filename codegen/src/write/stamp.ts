import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import type { GeneratedFile } from "../emit/render.js";
import { generatorId } from "../generator-id.js";
import { ownedFiles, type FolderTimes, type LastRun } from "./owned-folders.js";
import { ownedDirs } from "./write-files.js";

/**
 * The record of the last successful `generate`: a hash of its inputs, and every file it wrote as
 * written (content hash, size, modification time). With it, a run in which nothing changed exits
 * before loading the pipeline, and the incremental generate knows which model files are still intact.
 *
 * "Nothing changed" means all of: the same bytes in every spec file (every file in the API document's
 * folder, every file a $ref reaches outside it, models, pricing, pricing schema); the same generator
 * (see generatorId: its sources, templates and pricing runtime, and the lockfile that pins its
 * dependencies); and every generated file still on disk exactly as that run wrote it (same size and
 * status-change time, or else the same content hash), with no other file in a generated folder (its
 * folders' status-change times unchanged, or else listed again). The status-change time (ctime), not
 * the modification time: `touch -r` or an editor keeping times can put a modification time back after
 * an edit of the same size, nothing in user space can put ctime back. A time not older than the stamp
 * itself proves nothing (a filesystem counting whole seconds gives an edit made in the same second the
 * same time): such a file is hashed, such a folder listed, as git treats "racily clean" entries.
 * Anything else, and generate runs. `--check` and `start` always run in full. The record lives under
 * node_modules/.cache, outside git.
 */
const STAMP = "node_modules/.cache/pixelbyte-codegen/last-generate.json";
const VERSION = 5;

type Written = [hash: string, size: number, ctimeMs: number];

export interface Stamp {
  version: number;
  inputs: string;
  /** path -> [sha256 of the content written, size, ctimeMs after writing]. */
  outputs: Record<string, Written>;
  /** Every generated folder's status-change time after the run (see ownedFiles). */
  folders: FolderTimes;
  /** Not recorded: the stamp file's own ctime when read (see above). */
  recordedAtMs?: number;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export async function readStamp(root: string): Promise<Stamp | undefined> {
  try {
    const file = path.join(root, STAMP);
    const stamp = JSON.parse(await readFile(file, "utf8")) as Stamp;
    stamp.recordedAtMs = statSync(file).ctimeMs;
    return stamp.version === VERSION && typeof stamp.outputs === "object" && stamp.outputs !== null && typeof stamp.folders === "object" && stamp.folders !== null ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** The number of generated files when nothing changed since the last recorded run, else undefined. */
export async function unchangedSinceLastRun(root: string, stamp: Stamp | undefined, inputs: string, ownedDirs: readonly string[]): Promise<number | undefined> {
  if (stamp === undefined || stamp.inputs !== inputs) return undefined;
  const outputs = intactOutputs(root, stamp);
  if (!Object.keys(stamp.outputs).every(outputs.intact)) return undefined;
  const owned = ownedFiles(root, ownedDirs, lastRun(stamp));
  if (owned.files.some((file) => !Object.hasOwn(stamp.outputs, file))) return undefined;
  return Object.keys(stamp.outputs).length;
}

/** What the last run left in the generated folders, for ownedFiles. */
export function lastRun(stamp: Stamp | undefined): LastRun | undefined {
  return stamp && { folders: stamp.folders, files: Object.keys(stamp.outputs), recordedAtMs: stamp.recordedAtMs ?? -Infinity };
}

/**
 * Whether each file of the last run is still as it wrote it: the same size and status-change time
 * (not touched since, and that time older than the stamp), or else the same content (touched, e.g.
 * rewritten identically or checked out again). Synchronous: thousands of stat calls on cached metadata are faster without the thread pool.
 */
export function intactOutputs(root: string, stamp: Stamp | undefined): { intact: (file: string) => boolean; seen: Map<string, Written> } {
  const seen = new Map<string, Written>();
  const intact = (file: string): boolean => {
    const recorded = stamp && Object.hasOwn(stamp.outputs, file) ? stamp.outputs[file] : undefined;
    if (!recorded) return false;
    const [hash, size, ctimeMs] = recorded;
    try {
      const now = statSync(path.join(root, file));
      if (now.size !== size) return false;
      const unchanged = now.ctimeMs === ctimeMs && ctimeMs < (stamp!.recordedAtMs ?? -Infinity);
      if (!unchanged && sha256(readFileSync(path.join(root, file))) !== hash) return false;
      seen.set(file, [hash, now.size, now.ctimeMs]);
      return true;
    } catch {
      return false;
    }
  };
  return { intact, seen };
}

/**
 * Records a successful run; call after every generated file was written. `kept` files were checked
 * intact (`seen`); `folders`: the generated folders' times after the run (see foldersAfter).
 */
export async function recordRun(root: string, inputs: string, written: readonly GeneratedFile[], seen: ReadonlyMap<string, Written>, folders: FolderTimes): Promise<void> {
  const outputs: Record<string, Written> = Object.fromEntries(seen);
  for (const f of written) {
    const now = statSync(path.join(root, f.path));
    outputs[f.path] = [sha256(f.content), now.size, now.ctimeMs];
  }
  const sorted = Object.fromEntries(Object.keys(outputs).sort().map((file) => [file, outputs[file]!]));
  const target = path.join(root, STAMP);
  await mkdir(path.dirname(target), { recursive: true });
  // Written whole, then moved into place: a concurrent reader sees the old record or the new one.
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: VERSION, inputs, outputs: sorted, folders } satisfies Stamp));
  await rename(temporary, target);
}

/** Records a run that wrote every generated file itself (a full generate outside the CLI's own flow: models sync --write). */
export async function recordFullRun(root: string, files: SpecFiles, generated: readonly GeneratedFile[]): Promise<void> {
  await recordRun(root, await inputsHash(root, files), generated, new Map(), ownedFiles(root, ownedDirs).folders);
}

/** One hash over every input an output can depend on (see above). */
export async function inputsHash(root: string, files: SpecFiles): Promise<string> {
  const spec = await specInputs(root, files);
  const hash = createHash("sha256").update(`v${VERSION}\0${await generatorId()}\0`);
  for (const file of [...new Set(spec)].sort()) {
    hash.update(`${file}\0`);
    hash.update(await readFile(file).catch(() => Buffer.from("(missing)")));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The four spec files, every file in the API document's folder, and any file a $ref reaches outside it. */
async function specInputs(root: string, files: SpecFiles): Promise<string[]> {
  const named = [files.openapi, files.models, files.pricing, files.pricingSchema].map((f) => path.resolve(root, f));
  const out = new Set([...named, ...(await filesUnder(path.dirname(named[0]!)))]);
  const queue = [...out].filter((f) => /\.(ya?ml|json)$/.test(f));
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = await readFile(file, "utf8").catch(() => "");
    for (const match of text.matchAll(/\$ref["']?\s*:\s*["']?([^"'#\s]+)/g)) {
      const target = path.resolve(path.dirname(file), match[1]!);
      if (!out.has(target)) {
        out.add(target);
        queue.push(target);
      }
    }
  }
  return [...out];
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}
