// Times the audit on the repository's own spec: diffing two full revisions and printing the full
// matrix. Run from anywhere in the repository: `pnpm --filter @pixelbyte/pricing-audit bench`.
// In-process figures are median (min–max) of 7 runs after 1 warm-up; the cold figure is one fresh
// process per run (node start-up, tsx transpiling and module loading included).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { diffRevisions, findSpecRoot, loadRevision, loadWorkingTree, matrixMarkdown, pricingCommand, tableOf } from "../src/index.js";

const root = await findSpecRoot(process.cwd());
if (!root) throw new Error("run inside the repository");
const io = { stdout: () => {}, stderr: () => {}, cwd: root };

// A second full revision in which every base rises 5%: every combination of every model changes.
const dir = mkdtempSync(join(tmpdir(), "pricing-audit-bench-"));
const raised = readFileSync(join(root, "spec/pricing.yaml"), "utf8").replace(/^(\s+base: )(\d+)$/gm, (_, head: string, n: string) => `${head}${(BigInt(n) * 105n) / 100n}`);
writeFileSync(join(dir, "pricing.yaml"), raised);
writeFileSync(join(dir, "models.yaml"), readFileSync(join(root, "spec/models.yaml"), "utf8"));
const changed = join(dir, "pricing.yaml");

async function time(name: string, run: () => Promise<unknown> | unknown, rounds = 7): Promise<void> {
  await run();
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(62)} ${ms[rounds >> 1]!.toFixed(1).padStart(8)} ms  (${ms[0]!.toFixed(1)}–${ms[rounds - 1]!.toFixed(1)})`);
}

const current = await loadWorkingTree(io);
const other = await loadRevision(changed, io);
const table = tableOf(current);
const combinations = table.rows.reduce((n, r) => n + r.combinations, 0n);
const diff = diffRevisions(current, other);
let out = "";
await pricingCommand(["table", "--matrix"], { ...io, stdout: (s) => (out = s) });
console.log(`spec: ${current.models.length} models, ${combinations} combinations; matrix markdown ${out.length} characters, ${out.split("\n").length} lines`);
console.log(`diff (every base +5%): ${diff.summary.combinationsCompared} combinations compared, ${diff.summary.combinationsChanged} changed\n`);

await time("pricing diff HEAD (git show + working tree, md)", () => pricingCommand(["diff", "HEAD"], io));
await time("pricing diff spec/pricing.yaml <every base +5%> (md)", () => pricingCommand(["diff", "spec/pricing.yaml", changed], io));
await time("pricing diff spec/pricing.yaml <every base +5%> --format json", () => pricingCommand(["diff", "spec/pricing.yaml", changed, "--format", "json"], io));
await time("pricing table --matrix (md)", () => pricingCommand(["table", "--matrix"], io));
await time("pricing table --matrix --format csv", () => pricingCommand(["table", "--matrix", "--format", "csv"], io));
await time("pricing table --matrix --format json", () => pricingCommand(["table", "--matrix", "--format", "json"], io));
await time("pricing check (incl. @pixelbyte/pricing for every combination)", () => pricingCommand(["check"], io));
await time("  of which: loading one revision (YAML parse of both files)", () => loadWorkingTree(io));
await time("  of which: diffRevisions alone (loaded revisions)", () => diffRevisions(current, other));
await time("  of which: matrixMarkdown alone (loaded revision)", () => matrixMarkdown(tableOf(current)));

const once = fileURLToPath(new URL("./once.ts", import.meta.url));
const cold = (args: string[]) => () => execFileSync(process.execPath, ["--import", "tsx", "--conditions=source", once, ...args], { cwd: root, stdio: "ignore" });
await time("cold process: pricing diff HEAD", cold(["diff", "HEAD"]), 5);
await time("cold process: pricing table --matrix", cold(["table", "--matrix"]), 5);

rmSync(dir, { recursive: true, force: true });
