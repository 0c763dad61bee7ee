// What the compiled generator is made of, as one hash: the build in codegen/dist/<hash>/ is used only
// when it was made from exactly these bytes (see run.mjs). Plain JavaScript: the launcher reads it
// before anything is compiled.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const codegenDir = path.dirname(fileURLToPath(import.meta.url));
export const repoDir = path.resolve(codegenDir, "..");
export const distDir = path.join(codegenDir, "dist");

/**
 * Everything bundled into codegen/dist: the generator's sources and templates, the pricing runtime it
 * prices with, the build script and this file, codegen/package.json and the lockfile (the versions of
 * the dependencies bundled in).
 */
const SOURCES = ["codegen/src", "packages/pricing/src/runtime", "codegen/build.mjs", "codegen/source-hash.mjs", "codegen/package.json", "pnpm-lock.yaml"];

/** sha256 over every source file's path and bytes, in path order. */
export function sourceHash() {
  const files = SOURCES.flatMap((entry) => filesAt(path.join(repoDir, entry)));
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${path.relative(repoDir, file).split(path.sep).join("/")}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The folder a build of these sources lives in. */
export function buildDirFor(hash) {
  return path.join(distDir, hash.slice(0, 16));
}

function filesAt(entry) {
  try {
    return readdirSync(entry, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath ?? e.path, e.name));
  } catch (error) {
    // A plain file (or a missing one, which then hashes as absent).
    if (error.code === "ENOTDIR") return [entry];
    if (error.code === "ENOENT") return [];
    throw error;
  }
}
