import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import { generatorId } from "../generator-id.js";
import type { GeneratedFile } from "../emit/render.js";
import { listOwnedFiles, mapLimit } from "./write-files.js";

/**
 * The no-op regenerate: a content-hash record of the last successful `generate`, so that a run in
 * which nothing changed exits before loading the pipeline (YAML, linter, TypeScript, templates).
 *
 * "Nothing changed" means all of: the same bytes in every spec file (every file in the API document's
 * folder, every file a $ref reaches outside it, models, pricing, pricing schema); the same generator
 * (see generatorId: its sources, templates and pricing runtime, and the lockfile that pins its
 * dependencies); and every generated file still on disk exactly as that run wrote it (same size and
 * modification time, or else the same content hash), with no other file in a generated folder. Anything else, and generate runs in full. `--check` and `start` always
 * run in full. The record lives under node_modules/.cache, outside git.
 */
const STAMP = "node_modules/.cache/pixelbyte-codegen/last-generate.json";
const VERSION = 2;

interface Stamp {
  version: number;
  inputs: string;
  /** path -> [sha256 of the content written, size, mtimeMs after writing]. */
  outputs: Record<string, [string, number, number]>;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** The number of generated files when nothing changed since the last recorded run, else undefined. */
export async function unchangedSinceLastRun(root: string, files: SpecFiles, ownedDirs: readonly string[]): Promise<number | undefined> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(path.join(root, STAMP), "utf8")) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.version !== VERSION) return undefined;
  const [inputs, outputsIntact, owned] = await Promise.all([
    inputsHash(root, files),
    mapLimit(Object.entries(stamp.outputs), ([file, recorded]) => intact(path.join(root, file), recorded)),
    listOwnedFiles(root, ownedDirs),
  ]);
  if (inputs !== stamp.inputs || outputsIntact.includes(false)) return undefined;
  if (owned.some((file) => !(file in stamp.outputs))) return undefined;
  return Object.keys(stamp.outputs).length;
}

/** Records a successful run; call after every generated file was written. */
export async function recordRun(root: string, files: SpecFiles, generated: readonly GeneratedFile[]): Promise<void> {
  const sorted = [...generated].sort((a, b) => (a.path < b.path ? -1 : 1));
  const stats = await mapLimit(sorted, (f) => stat(path.join(root, f.path)));
  const stamp: Stamp = {
    version: VERSION,
    inputs: await inputsHash(root, files),
    outputs: Object.fromEntries(sorted.map((f, i) => [f.path, [sha256(f.content), stats[i]!.size, stats[i]!.mtimeMs]])),
  };
  const target = path.join(root, STAMP);
  await mkdir(path.dirname(target), { recursive: true });
  // Written whole, then moved into place: a concurrent reader sees the old record or the new one.
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(stamp));
  await rename(temporary, target);
}

/**
 * Whether a generated file is still as written: the same size and modification time (not touched
 * since), or else the same content (touched, e.g. rewritten identically or checked out again).
 */
async function intact(file: string, [hash, size, mtimeMs]: [string, number, number]): Promise<boolean> {
  try {
    const now = await stat(file);
    if (now.size === size && now.mtimeMs === mtimeMs) return true;
    return now.size === size && sha256(await readFile(file)) === hash;
  } catch {
    return false;
  }
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
