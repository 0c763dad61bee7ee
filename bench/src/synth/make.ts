// Writes one synthetic root for investigating by hand (profiling, stage timing):
//   tsx --conditions=source bench/src/synth/make.ts <models|real> [name]
// (under $TMPDIR/pixelbyte-bench-<checkout hash>/<name>), then e.g. `node codegen/run.mjs generate --root <root>`.
import { realSpec, synthSpec } from "./spec.js";
import { writeOpenApiDocuments, writeWorkspace } from "./workspace.js";

const [size = "1000", name = `manual-${size}`] = process.argv.slice(2);
const spec = size === "real" ? realSpec() : synthSpec(Number(size));
const root = await writeWorkspace(name, spec);
const docs = await writeOpenApiDocuments(root, spec);
console.log(JSON.stringify({ root, ...docs }));
