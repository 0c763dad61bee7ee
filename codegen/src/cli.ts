import path from "node:path";
import { performance } from "node:perf_hooks";
import { defaultSpecFiles, repoRoot as generatorRoot, type SpecFiles } from "./config.js";
import { priceTable } from "./report/price-table.js";
import { installLastResort, reportFailure } from "./fatal.js";
import { foldersAfter, ownedFiles } from "./write/owned-folders.js";
import { inputsHash, intactOutputs, lastRun, readStamp, recordRun, unchangedSinceLastRun } from "./write/stamp.js";
import { findStale, ownedDirs, removeExtras, writeChanged } from "./write/write-files.js";

/** Set by codegen/build.mjs; absent when the sources run under tsx. */
declare const CODEGEN_BUILD_HASH: string | undefined;

const USAGE = `usage: codegen <command> [--spec-dir <dir>] [--root <dir>]
  generate           regenerate every generated file from spec/
  generate --check   list generated files that are stale; exit 1 if any
  start              generate, then print the price table of every model
  new-model <slug>   scaffold a model's input schema and price (TODO placeholders) and a changeset
  new-model --from <page|-> [--url <docs-url>] [--checked YYYY-MM-DD] [--slug <slug>]
                     import a model docs page (MDX source or a rendered page's copy; - reads stdin):
                     both entries filled in, worked costs checked, decisions printed, a changeset
  models sync <docs-dir> [--write [--allow-remove]] [--check] [--json] [--checked YYYY-MM-DD]
                     compare every models/**.mdx page of a docs checkout with the spec (--help: more)
  --spec-dir <dir>   read openapi.yaml, models.yaml, pricing.yaml and pricing.schema.json
                     from <dir> instead of spec/ (generated output still goes to the repository;
                     new-model's changeset goes to <dir>/../.changeset)
  --root <dir>       generate another checkout: read <dir>/spec, write its generated files
                     (the benchmarks generate synthetic checkouts this way)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags: string[] = [];
  const dirs: { "--spec-dir"?: string; "--root"?: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const name = (["--spec-dir", "--root"] as const).find((n) => flag === n || flag.startsWith(`${n}=`));
    if (name === undefined) {
      flags.push(flag);
      continue;
    }
    const value = flag === name ? rest[++i] : flag.slice(name.length + 1);
    if (value === undefined || value === "") {
      console.error(`${name} needs a directory\n${USAGE}`);
      return 2;
    }
    dirs[name] = value;
  }
  const specDir = dirs["--spec-dir"];
  const repoRoot = dirs["--root"] === undefined ? generatorRoot : path.resolve(process.env.INIT_CWD ?? process.cwd(), dirs["--root"]);
  const specFiles = specDir === undefined ? defaultSpecFiles : specFilesIn(specDir);
  // The pipeline and the scaffolder load YAML, the linter and TypeScript: imported only when used.
  // A new model's changeset goes beside the spec it is added to: <dir>/../.changeset with --spec-dir.
  if (command === "new-model") return (await import("./scaffold/command.js")).newModelCommand(flags, specDir === undefined ? repoRoot : path.dirname(path.dirname(specFiles.models)), specFiles, USAGE);
  if (command === "models") return (await import("./sync/command.js")).modelsCommand(flags, repoRoot, specFiles);
  const unknown = flags.filter((f) => f !== "--check");
  if ((command !== "generate" && command !== "start") || unknown.length > 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const started = performance.now();
  const check = flags.includes("--check");
  // `generate` is incremental (nothing changed: done, pipeline not loaded; else only changed models
  // rebuilt, with the caches of node_modules/.cache); `--check` and `start` run everything afresh.
  const incremental = command === "generate" && !check;
  const [stamp, inputs] = check ? [undefined, undefined] : await Promise.all([readStamp(repoRoot), inputsHash(repoRoot, specFiles)]);
  if (incremental) {
    const unchanged = await unchangedSinceLastRun(repoRoot, stamp, inputs!, ownedDirs);
    if (unchanged !== undefined) {
      console.log(`generated ${unchanged} files from spec/ in ${Math.round(performance.now() - started)} ms: 0 written, ${unchanged} unchanged, 0 removed (nothing changed since the last run)`);
      return 0;
    }
  }
  // From a build, the linter, ajv and openapi-typescript load and run in worker threads, the first started now.
  const tools = typeof CODEGEN_BUILD_HASH === "string" ? (await import("./tools/worker-tools.js")).startWorkerTools() : undefined;
  const [{ generateParts }, cache] = await Promise.all([import("./pipeline.js"), incremental ? import("./cache/generate-cache.js").then((m) => m.GenerateCache.open(repoRoot)) : undefined]);
  const outputs = intactOutputs(repoRoot, stamp);
  const parts = await generateParts({ root: repoRoot, files: specFiles, ...(cache ? { cache, intact: outputs.intact } : {}), ...(tools ? { tools } : {}) });
  const { model, kept } = parts;

  if (check) {
    const files = [...(await parts.apiTypes), ...parts.files];
    void tools?.close();
    const ms = Math.round(performance.now() - started);
    const { stale, extra } = await findStale(repoRoot, files, ownedDirs);
    if (stale.length + extra.length === 0) {
      console.log(`generate --check: ${files.length} generated files are up to date (${ms} ms)`);
      return 0;
    }
    for (const file of stale) console.error(`stale: ${file}`);
    for (const file of extra) console.error(`no longer generated: ${file}`);
    console.error(`\n${stale.length + extra.length} generated file(s) differ from spec/. Run \`pnpm generate\` and commit the result.`);
    return 1;
  }

  // The other files are written while the API types are printed.
  const present = ownedFiles(repoRoot, ownedDirs, lastRun(stamp));
  const [first, apiTypes] = await Promise.all([writeChanged(repoRoot, parts.files), parts.apiTypes]);
  void tools?.close();
  const second = await writeChanged(repoRoot, apiTypes);
  const files = [...apiTypes, ...parts.files];
  const deleted = await removeExtras(repoRoot, [...files.map((f) => f.path), ...kept], ownedDirs, present.files);
  const report = { written: [...first.written, ...second.written], unchanged: first.unchanged + second.unchanged + kept.length, deleted };
  await recordRun(repoRoot, inputs!, files, outputs.seen, foldersAfter(repoRoot, ownedDirs, present.folders, [...report.written, ...deleted]));
  cache?.save();
  const rebuilt = kept.length > 0 ? ` (${model.models.length} changed models rebuilt)` : "";
  console.log(`generated ${files.length + kept.length} files from spec/ in ${Math.round(performance.now() - started)} ms: ${report.written.length} written, ${report.unchanged} unchanged, ${report.deleted.length} removed${rebuilt}`);
  if (command === "start") console.log(`\n${model.models.length} models, prices in micro-cents (1,000,000 µ¢ = $1), rounding ${model.rounding}:\n\n${priceTable(model.models)}`);
  return 0;
}

/** The four spec files under their usual names in `dir`, relative to where the command was typed. */
function specFilesIn(dir: string): SpecFiles {
  // `pnpm generate` runs in codegen/; pnpm and npm keep the caller's directory in INIT_CWD.
  const base = process.env.INIT_CWD ?? process.cwd();
  const at = (name: string) => path.resolve(base, dir, path.basename(name));
  return {
    openapi: at(defaultSpecFiles.openapi),
    models: at(defaultSpecFiles.models),
    pricing: at(defaultSpecFiles.pricing),
    pricingSchema: at(defaultSpecFiles.pricingSchema),
  };
}

installLastResort();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportFailure(error)),
);
