// Re-renders results/<name>.md (and the targets in <name>.json) from <name>.json without measuring again:
//   tsx --conditions=source bench/src/render.ts [name]
import { readFile } from "node:fs/promises";
import path from "node:path";
import { benchDir } from "./paths.js";
import { renderMarkdown } from "./report.js";
import { writeResults } from "./results.js";
import { evaluateTargets } from "./targets.js";

const name = process.argv[2] ?? "latest";
const json = JSON.parse(await readFile(path.join(benchDir, "results", `${name}.json`), "utf8"));
json.targets = evaluateTargets(json.results, json.mode === "smoke");
json.failures ??= [];
await writeResults(name, json, renderMarkdown(json));
console.log(`re-rendered results/${name}.md`);
