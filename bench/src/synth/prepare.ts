// One synthetic (or real) root per model count, generated once per bench run and reused by the
// codegen, typecheck and bundle benchmarks.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { ok, runNode } from "../util/proc.js";
import { tsxCli } from "../paths.js";
import { realSpec, synthSpec, type SynthSpec } from "./spec.js";
import { writeOpenApiDocuments, writeWorkspace } from "./workspace.js";

export interface Prepared {
  /** "real" or the model count. */
  name: string;
  count: number;
  root: string;
  spec: SynthSpec;
  docs: { perModel: string; oneOf: string };
}

const cache = new Map<string, Promise<Prepared>>();
export const generateEntry = path.join(import.meta.dirname, "../codegen/generate-entry.ts");

/** `pnpm generate` (our whole pipeline, writing every artefact) on `root`, as a fresh process. */
export function runGenerate(root: string) {
  return runNode([tsxCli(), "--conditions=source", generateEntry, root], { timeoutMs: 300_000 });
}

/** Removes what generate writes (and any cache it keeps), so that the next run is a full one. */
export async function cleanOutputs(root: string): Promise<void> {
  for (const dir of ["packages/client/src/gen", "packages/pricing/src/gen", "docs", "PRICING.md", "node_modules/.cache"]) {
    await rm(path.join(root, dir), { recursive: true, force: true });
  }
}

export function prepare(size: number | "real"): Promise<Prepared> {
  const name = size === "real" ? "real" : `n${size}`;
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      const spec = size === "real" ? realSpec() : synthSpec(size);
      const root = await writeWorkspace(name, spec);
      const docs = await writeOpenApiDocuments(root, spec);
      ok(await runGenerate(root), `generate ${name}`);
      if (!existsSync(path.join(root, "packages/client/src/gen/model-inputs.gen.ts"))) throw new Error(`generate ${name} wrote nothing`);
      return { name, count: spec.models.length, root, spec, docs };
    })();
    cache.set(name, p);
  }
  return p;
}
