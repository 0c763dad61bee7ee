// One synthetic (or real) root per model count, generated once per bench run and reused by the
// codegen, typecheck and bundle benchmarks.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { ok, runNode } from "../util/proc.js";
import { repoRoot } from "../paths.js";
import { realSpec, synthSpec, type SynthSpec } from "./spec.js";
import { specTexts, writeOpenApiDocuments, writeWorkspace } from "./workspace.js";

export interface Prepared {
  /** "real" or the model count. */
  name: string;
  count: number;
  root: string;
  spec: SynthSpec;
  docs: { perModel: string; oneOf: string };
}

const cache = new Map<string, Promise<Prepared>>();
/** What `pnpm generate` runs: the compiled generator's launcher (codegen/run.mjs). */
export const codegenLauncher = path.join(repoRoot, "codegen/run.mjs");

/** `pnpm generate` (incremental: nothing changed, or only what changed) on `root`, as a fresh process. */
export function runGenerate(root: string) {
  return runNode([codegenLauncher, "generate", "--root", root], { timeoutMs: 300_000 });
}

/**
 * The spec of `p` with one more model (the next one the seed draws, in its slug-ordered place), as
 * models.yaml and pricing.yaml texts: exactly the lines a new model adds, nothing else.
 */
export function withOneMore(p: Prepared): { models: string; pricing: string; slug: string } {
  if (p.spec.seed === "real") throw new Error("withOneMore: synthetic specs only");
  const more = synthSpec(p.count + 1, p.spec.seed);
  const added = more.models[p.count]!;
  return { ...specTexts(more, p.count), slug: added.slug };
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
