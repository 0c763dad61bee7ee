import { performance } from "node:perf_hooks";
import { repoRoot } from "./config.js";
import { generate, ownedDirs } from "./pipeline.js";
import { priceTable } from "./report/price-table.js";
import { formatProblem, SpecError } from "./validate/problem.js";
import { findStale, writeFiles } from "./write/write-files.js";

const USAGE = `usage: codegen <command>
  generate           regenerate every generated file from spec/
  generate --check   list generated files that are stale; exit 1 if any
  start              generate, then print the price table of every model`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const unknown = flags.filter((f) => f !== "--check");
  if ((command !== "generate" && command !== "start") || unknown.length > 0) {
    console.error(unknown.length > 0 ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const started = performance.now();
  const { model, files } = await generate({ root: repoRoot });
  const ms = Math.round(performance.now() - started);

  if (flags.includes("--check")) {
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

  const report = await writeFiles(repoRoot, files, ownedDirs);
  console.log(`generated ${files.length} files from spec/ in ${ms} ms: ${report.written.length} written, ${report.unchanged} unchanged, ${report.deleted.length} removed`);
  if (command === "start") console.log(`\n${model.models.length} models, prices in micro-cents (1,000,000 µ¢ = $1), rounding ${model.rounding}:\n\n${priceTable(model.models)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SpecError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`\n${error.message}; nothing was generated.`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
