import { createRequire } from "node:module";

/**
 * openapi-typescript's output for a bundled API document. Its CommonJS build, required: importing
 * its ES module build makes Node scan the whole of typescript.js for named exports (half a second).
 */
export async function printApiTypes(apiDocument: Record<string, unknown>): Promise<string> {
  const ots = loadPrinter();
  const nodes = await ots.default(structuredClone(apiDocument) as unknown as import("openapi-typescript").OpenAPI3, { silent: true });
  return ots.astToString(nodes);
}

/** openapi-typescript, loaded (the first call costs most of a second: it loads typescript). */
export function loadPrinter(): typeof import("openapi-typescript") {
  return createRequire(import.meta.url)("openapi-typescript") as typeof import("openapi-typescript");
}
