/** Set by codegen/build.mjs to the hash of the sources a build was made from; absent under tsx. */
declare const CODEGEN_BUILD_HASH: string | undefined;

let memo: Promise<string> | undefined;

/**
 * The generator's identity in every cache key: the hash of its sources (codegen/src with the
 * templates, the pricing runtime, the build script, and the lockfile that pins its dependencies
 * (openapi-typescript, Redocly, ...); see codegen/source-hash.mjs). A different generator never
 * reuses what another one cached.
 */
export function generatorId(): Promise<string> {
  // A build carries the hash it was made from (run.mjs only runs a build whose hash matches the sources).
  memo ??= typeof CODEGEN_BUILD_HASH === "string" ? Promise.resolve(CODEGEN_BUILD_HASH) : import("../source-hash.mjs").then((m) => m.sourceHash());
  return memo;
}
