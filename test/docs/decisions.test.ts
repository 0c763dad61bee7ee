import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

// Every "decision N" the spec, the generated files, the sources and the docs cite is a decision that
// docs/decisions.md states, and the citation says where that is. Nothing points outside the
// repository (the reference notes the spec was first written from are not part of it).

const repoRoot = path.resolve(import.meta.dirname, "../..");
const DECISIONS = "docs/decisions.md";

/** Files a reader follows a citation from: spec, generated code and docs, sources, READMEs, examples. */
async function citingFiles(): Promise<string[]> {
  const { stdout } = await promisify(execFile)("git", ["ls-files", "--cached", "--others", "--exclude-standard", "spec", "docs", "PRICING.md", "README.md", "codegen/src", "packages", "examples", "bench/src", "test"], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  // This file names what it looks for; the goldens are generated from fixtures written in this style too.
  return stdout.split("\n").filter((f) => /\.(ya?ml|md|ts|hbs|json)$/.test(f) && f !== DECISIONS && f !== "test/docs/decisions.test.ts" && !f.startsWith("bench/results/"));
}

/** "decision 9", "decisions 3 and 4", "Decision 2": each number cited, with the text after it. */
function citations(text: string): { numbers: number[]; after: string; line: number }[] {
  const out = [];
  for (const m of text.matchAll(/\bdecisions?\s+(\d+(?:(?:,\s*|\s+and\s+)\d+)*)(?![\d.])/gi)) {
    const numbers = m[1]!.split(/,\s*|\s+and\s+/).map(Number);
    out.push({ numbers, after: text.slice(m.index + m[0].length, m.index + m[0].length + 40), line: text.slice(0, m.index).split("\n").length });
  }
  return out;
}

test("docs/decisions.md numbers its decisions 1..N, one heading each", async () => {
  const text = await readFile(path.join(repoRoot, DECISIONS), "utf8");
  const numbers = [...text.matchAll(/^## Decision (\d+)$/gm)].map((m) => Number(m[1]));
  expect(numbers.length).toBeGreaterThanOrEqual(10);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
});

test("every cited decision exists, and each citation names docs/decisions.md (a link in the docs)", async () => {
  const stated = new Set([...(await readFile(path.join(repoRoot, DECISIONS), "utf8")).matchAll(/^## Decision (\d+)$/gm)].map((m) => Number(m[1])));
  const problems: string[] = [];
  let cited = 0;
  for (const file of await citingFiles()) {
    const text = await readFile(path.join(repoRoot, file), "utf8");
    if (/\.\.\/shared\b|\bshared\/pixelbyte\b/.test(text)) problems.push(`${file}: points at shared/pixelbyte, which is not in this repository`);
    if (/\bREADME\s+decisions?\b/i.test(text)) problems.push(`${file}: cites a "README decision"; the decisions are in ${DECISIONS}`);
    // In docs/, a citation is a link to the decision; everywhere else it names the file.
    const inDocs = file.startsWith("docs/");
    for (const c of citations(text)) {
      cited++;
      for (const n of c.numbers) if (!stated.has(n)) problems.push(`${file}:${c.line}: decision ${n} is not in ${DECISIONS}`);
      const link = /^\]\((?:docs\/)?decisions\.md#decision-\d+\)/.test(c.after);
      const pointed = inDocs ? link : link || /^\s+in\s+docs\/decisions\.md/.test(c.after);
      if (!pointed) problems.push(`${file}:${c.line}: decision ${c.numbers.join(", ")} does not say where it is ${inDocs ? "(link it: [decision N](decisions.md#decision-N))" : '(write "decision N in docs/decisions.md")'}`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
  expect(cited).toBeGreaterThan(40);
});
