import path from "node:path";
import { parseArgs } from "node:util";
import type { SpecFiles } from "../config.js";
import { ScaffoldRefusal } from "../scaffold/insert.js";
import { syncJson } from "./json.js";
import { pageProgress, type ProgressStream } from "./progress.js";
import { differences, printable, renderReport } from "./render.js";
import { SpecUnreadable } from "./spec-index.js";
import { syncModels } from "./sync.js";
import { WalkRefusal } from "./walk.js";
import { SyncWriteProblems, writeSync, type WriteOutcome } from "./write.js";

export const MODELS_USAGE = `usage: pnpm models sync <docs-dir> [--write [--allow-remove]] [--check] [--json] [--checked YYYY-MM-DD]
  Compares every models/**.mdx page of a docs checkout with spec/: new models, removed models,
  changed inputs and changed prices (every combination, old → new, %).
  --write          apply new and changed models to spec/ (changesets written, files regenerated)
  --allow-remove   with --write: also remove models no page documents
  --check          exit 1 when the docs and the spec differ (for CI)
  --json           the report as one JSON object on stdout (shape: codegen/src/sync/json.ts)
  --checked DATE   the date a changed price is marked compared (default today)
exit codes: 0 done (no differences, or not --check); 1 differences with --check, a page that could
not be read or compared, or --write refused by validation; 2 usage, or no docs / spec to read`;

export interface ModelsIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where progress is drawn (when it is a terminal). */
  progress?: ProgressStream;
  today(): string;
}

const processIo: ModelsIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  progress: process.stderr,
  today: () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  },
};

/** `codegen models sync <docs-dir> ...` (the root script `pnpm models`). Returns the exit code. */
export async function modelsCommand(args: string[], root: string, files: SpecFiles, io: ModelsIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { write: { type: "boolean" }, "allow-remove": { type: "boolean" }, check: { type: "boolean" }, json: { type: "boolean" }, checked: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    io.stderr(`models: ${(error as Error).message}\n${MODELS_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${MODELS_USAGE}\n`);
    return 0;
  }
  const [sub, docsDir, ...extra] = positionals;
  const usage = (why: string) => {
    io.stderr(`models: ${why}\n${MODELS_USAGE}\n`);
    return 2;
  };
  if (sub !== "sync") return usage(sub === undefined ? "name a subcommand: sync" : `unknown subcommand ${sub}`);
  if (docsDir === undefined) return usage("sync needs the docs directory (a checkout of the docs repository)");
  if (extra.length > 0) return usage(`one docs directory only (got ${[docsDir, ...extra].join(", ")})`);
  if (values["allow-remove"] && !values.write) return usage("--allow-remove applies removals with --write; add --write");
  if (values.check && values.write) return usage("--check reports and --write applies: give one");
  if (values.checked !== undefined && !validDate(values.checked)) return usage(`--checked ${values.checked} is not a date: write YYYY-MM-DD`);

  // pnpm runs scripts in the package directory; INIT_CWD is where the command was typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  const dir = path.resolve(base, docsDir);
  let report;
  try {
    report = await syncModels({ root, files, docsDir: dir, checked: values.checked ?? io.today(), progress: pageProgress(io.progress) });
  } catch (error) {
    if (error instanceof WalkRefusal || error instanceof SpecUnreadable || error instanceof ScaffoldRefusal) {
      io.stderr(`models sync: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  report.docsDir = docsDir;

  let written: WriteOutcome | undefined;
  let refused: SyncWriteProblems | undefined;
  if (values.write) {
    try {
      written = await writeSync(report, { root, files, allowRemove: values["allow-remove"] === true });
    } catch (error) {
      if (!(error instanceof SyncWriteProblems)) throw error;
      refused = error;
    }
  }

  if (values.json) io.stdout(syncJson(report, written));
  else {
    io.stdout(renderReport(report));
    if (written) io.stdout(writtenText(written));
    else if (values.write && !refused) io.stdout("--write: nothing to write.\n");
    else if (!values.write && differences(report) > 0) io.stdout(`Run with --write to apply${report.removed.length > 0 ? " (removals need --allow-remove too)" : ""}.\n`);
  }
  if (refused) {
    for (const p of refused.problems) io.stderr(`${p}\n`);
    io.stderr(`\nmodels sync --write: ${refused.message}.\n`);
    return 1;
  }
  if (report.problems.length > 0) return 1;
  if (values.check && differences(report) > 0) return 1;
  return 0;
}

function writtenText(w: WriteOutcome): string {
  const out: string[] = [];
  if (w.files.length > 0) {
    out.push(`wrote ${w.files.join(", ")}; regenerated: ${w.generated.written} written, ${w.generated.unchanged} unchanged, ${w.generated.removed} removed`);
    for (const c of w.changesets) out.push(`  ${c}`);
  }
  if (w.removalsHeld) out.push(`removals not applied: ${w.removalsHeld}`);
  for (const c of w.droppedComments) out.push(`  comment dropped with the part it was in: ${c}`);
  if (w.files.length > 0) out.push(`Next: \`pnpm test\`, then review the diff (README "Adding a model").`);
  return `${out.map(printable).join("\n")}\n`;
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
