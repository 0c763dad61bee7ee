// What-if for the no-op regenerate: the same entry precompiled to plain JavaScript (esbuild), run by
// node without tsx. Dependencies stay external and the pipeline stays a lazily loaded chunk, exactly as
// in the TypeScript entry; only the transpile-at-start-up step is gone. Good for the no-op path only:
// import.meta.url is pinned to config.ts for every bundled module, so the pipeline chunk would not
// find its templates.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { repoRoot } from "../paths.js";

export async function precompileEntry(outdir: string): Promise<string> {
  const configUrl = pathToFileURL(path.join(repoRoot, "codegen/src/config.ts")).href;
  await build({
    entryPoints: [path.join(import.meta.dirname, "generate-entry.ts")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["source"],
    logLevel: "silent",
    // config.ts finds the repository from its own location: keep it pointing where the source is.
    define: { "import.meta.url": JSON.stringify(configUrl) },
    plugins: [
      {
        name: "external-dependencies",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@pixelbyte/") ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  return path.join(outdir, "generate-entry.js");
}
