import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./config.js";

/** Set by codegen/build.mjs to the hash of the sources a build was made from; absent under tsx. */
declare const CODEGEN_BUILD_HASH: string | undefined;

let memo: Promise<string> | undefined;

/**
 * The generator's identity in every cache key: the hash of its sources (codegen/src with the
 * templates, the pricing runtime, the build script; see codegen/source-hash.mjs) and of the lockfile
 * that pins its dependencies (openapi-typescript, Redocly, ...). A different generator never reuses
 * what another one cached.
 */
export function generatorId(): Promise<string> {
  memo ??= (async () => {
    // A build carries the hash it was made from (run.mjs only runs a build whose hash matches the sources).
    const sources = typeof CODEGEN_BUILD_HASH === "string" ? CODEGEN_BUILD_HASH : (await import("../source-hash.mjs")).sourceHash();
    const lockfile = await readFile(path.join(repoRoot, "pnpm-lock.yaml")).catch(() => Buffer.from("(no lockfile)"));
    return createHash("sha256").update(`${sources}\0`).update(lockfile).digest("hex");
  })();
  return memo;
}
