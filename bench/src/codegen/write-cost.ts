// Investigation: what writing a fresh output costs (writeFiles into an empty root, then recordRun),
// apart from the pipeline.   tsx --conditions=source bench/src/codegen/write-cost.ts <root>
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { defaultSpecFiles } from "../../../codegen/src/config.js";
import { generate } from "../../../codegen/src/pipeline.js";
import { inputsHash, recordRun } from "../../../codegen/src/write/stamp.js";
import { ownedDirs, writeFiles } from "../../../codegen/src/write/write-files.js";

const root = process.argv[2]!;
let t0 = performance.now();
const { files } = await generate({ root });
const generateMs = performance.now() - t0;
const out: Record<string, number> = { generateMs };
const inputs = await inputsHash(root, defaultSpecFiles);
for (let i = 0; i < 2; i++) {
  const target = await mkdtemp(path.join(os.tmpdir(), "write-cost-"));
  t0 = performance.now();
  await writeFiles(target, files, ownedDirs);
  out[`writeFresh${i}`] = performance.now() - t0;
  t0 = performance.now();
  await writeFiles(target, files, ownedDirs);
  out[`rewriteUnchanged${i}`] = performance.now() - t0;
  t0 = performance.now();
  await recordRun(target, inputs, files, new Map(), {});
  out[`recordRun${i}`] = performance.now() - t0;
  await rm(target, { recursive: true, force: true });
}
console.log(JSON.stringify({ files: files.length, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)])) }));
