// `pnpm generate` for a root other than the repository's: the same steps as codegen/src/cli.ts
// `generate` (no-op check, pipeline, writer, run record), which writes only to the repository.
// Run as a fresh process per measurement:  tsx --conditions=source generate-entry.ts <root>
import { performance } from "node:perf_hooks";
import { defaultSpecFiles } from "../../../codegen/src/config.js";
import { recordRun, unchangedSinceLastRun } from "../../../codegen/src/write/stamp.js";
import { ownedDirs, writeFiles } from "../../../codegen/src/write/write-files.js";

const root = process.argv[2];
if (!root) throw new Error("usage: generate-entry.ts <root>");
const started = performance.now();
const unchanged = await unchangedSinceLastRun(root, defaultSpecFiles, ownedDirs);
if (unchanged !== undefined) {
  console.log(`generated ${unchanged} files in ${Math.round(performance.now() - started)} ms: 0 written, ${unchanged} unchanged, 0 removed (nothing changed since the last run)`);
} else {
  const { generate } = await import("../../../codegen/src/pipeline.js");
  const { files } = await generate({ root });
  const ms = Math.round(performance.now() - started);
  const report = await writeFiles(root, files, ownedDirs);
  await recordRun(root, defaultSpecFiles, files);
  console.log(`generated ${files.length} files in ${ms} ms: ${report.written.length} written, ${report.unchanged} unchanged, ${report.deleted.length} removed`);
}
