import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { checkRevision, parseRevision, type Estimator } from "@pixelbyte/pricing-audit";
import { expectOneLine, here, pricing, repoRoot, tempDir, write, type Run } from "./helpers.js";

// No test here depends on the day it runs. The check's clock is the newest `checked` date of the spec
// under test: a model added today (checked: <today>) is never "in the future", and ages are fixed.
// The "in the future" rule itself is tested on inline revisions with a fixed `today`.

/** The newest `checked:` date of a pricing.yaml text, as the clock of a check on it. */
function clockOf(pricingText: string): () => Date {
  const dates = [...pricingText.matchAll(/^ {4}checked: "?(\d{4}-\d{2}-\d{2})"?\s*$/gm)].map((m) => m[1]!).sort();
  const newest = dates.at(-1);
  if (newest === undefined) throw new Error("no checked: date in the spec");
  return () => new Date(`${newest}T12:00:00Z`);
}

/** YYYY-MM-DD, `days` before the given date. */
const daysBefore = (date: Date, days: number) => new Date(date.getTime() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * `pixelbyte pricing check` on a spec folder, with its problem table as the failure message: a failing
 * run names each model, field and reason instead of only "1 problem found".
 */
async function checkSpec(specDir: string): Promise<{ run: Run; json: { ok: boolean; problems: { model: string; kind: string; field: string; message: string }[]; [k: string]: any } }> {
  const run = await pricing(["check", "--format", "json"], specDir, { now: clockOf(readFileSync(join(specDir, "pricing.yaml"), "utf8")) });
  let json;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`pricing check printed no JSON (exit ${run.code}):\n${run.stderr}`);
  }
  return { run, json };
}

/** The problems as the check's own Markdown table prints them. */
function problemTable(problems: readonly { model: string; kind: string; field: string; message: string }[]): string {
  return ["model | check | field | problem", ...problems.map((p) => `${p.model} | ${p.kind} | ${p.field} | ${p.message}`)].join("\n");
}

describe("pricing check on the repository's spec", () => {
  test("every example and every combination agrees with @pixelbyte/pricing; every entry has provenance", async () => {
    const { run, json } = await checkSpec(join(repoRoot, "spec"));
    expect(json.problems, `pricing check found problems:\n${problemTable(json.problems)}\n`).toEqual([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(json.ok).toBe(true);
    expect(json.comparedWith).toBe("@pixelbyte/pricing estimate()");
    expect(json.combinations).toBeGreaterThan(0);
    // Every combination was priced by both implementations, none skipped.
    expect(json.compared).toBe(json.combinations);
    expect(json.examples).toBeGreaterThanOrEqual(json.models);

    const md = await pricing(["check"], repoRoot, { now: clockOf(readFileSync(join(repoRoot, "spec/pricing.yaml"), "utf8")) });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("**Result:** no differences, no problems.");
  });

  test("a model whose price was checked today passes, whatever the day the test runs", async () => {
    const t = tempDir("today");
    try {
      const today = new Date().toISOString().slice(0, 10);
      const doc = parseDocument(readFileSync(join(repoRoot, "spec/pricing.yaml"), "utf8"));
      const slug = Object.keys(doc.toJS().models as object).sort()[0]!;
      doc.setIn(["models", slug, "checked"], today);
      write(t.dir, "spec/pricing.yaml", doc.toString());
      write(t.dir, "spec/models.yaml", readFileSync(join(repoRoot, "spec/models.yaml"), "utf8"));
      const { run, json } = await checkSpec(join(t.dir, "spec"));
      expect(json.problems, `pricing check found problems:\n${problemTable(json.problems)}\n`).toEqual([]);
      expect(run.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  test("a failing check names the model, the field and the reason, in its table and in a test's failure", async () => {
    const t = tempDir("table");
    try {
      const doc = parseDocument(readFileSync(join(repoRoot, "spec/pricing.yaml"), "utf8"));
      const slug = Object.keys(doc.toJS().models as object).sort()[0]!;
      doc.setIn(["models", slug, "source"], "http://docs.example.com/page");
      write(t.dir, "spec/pricing.yaml", doc.toString());
      write(t.dir, "spec/models.yaml", readFileSync(join(repoRoot, "spec/models.yaml"), "utf8"));
      const { run, json } = await checkSpec(join(t.dir, "spec"));
      expect(run.code).toBe(1);
      const problem = { model: slug, kind: "provenance", field: "source", message: 'source "http://docs.example.com/page" is not an https URL' };
      expect(json.problems).toEqual([problem]);
      // The Markdown report has the same table...
      const md = await pricing(["check"], join(t.dir, "spec"), { now: clockOf(doc.toString()) });
      expect(md.stdout).toContain("| model | check | field | problem |");
      expect(md.stdout).toContain(`| \`${slug}\` | provenance | source | source "http://docs.example.com/page" is not an https URL |`);
      // ...and so does the failure a test prints.
      let failure = "";
      try {
        expect(json.problems, `pricing check found problems:\n${problemTable(json.problems)}\n`).toEqual([]);
      } catch (error) {
        failure = (error as Error).message;
      }
      expect(failure).toContain(`${slug} | provenance | source | source "http://docs.example.com/page" is not an https URL`);
    } finally {
      t.cleanup();
    }
  });
});

describe("pricing check finds differences", () => {
  test("a wrong example, a multiplier the generated package disagrees with, a stale entry", async () => {
    const t = tempDir("check");
    try {
      const doc = parseDocument(readFileSync(join(repoRoot, "spec/pricing.yaml"), "utf8"));
      const models = doc.toJS().models as Record<string, { factors: { field: string; table?: Record<string, string> }[]; examples: { micro_cents: number }[] }>;
      const slugs = Object.keys(models).sort();
      // A: its first worked example claims one micro-cent more.
      const a = slugs[0]!;
      doc.setIn(["models", a, "examples", 0, "micro_cents"], models[a]!.examples[0]!.micro_cents + 1);
      // B: a table multiplier edited in the spec but not regenerated.
      const b = slugs.find((s) => s !== a && models[s]!.factors.some((f) => f.table))!;
      const factorIndex = models[b]!.factors.findIndex((f) => f.table);
      const factor = models[b]!.factors[factorIndex]!;
      const key = Object.keys(factor.table!).at(-1)!;
      doc.setIn(["models", b, "factors", factorIndex, "table", key], "7.25");
      // C: last compared with its docs page long ago (400 days before the newest entry, the check's clock).
      const c = slugs.find((s) => s !== a && s !== b)!;
      const clock = clockOf(doc.toString());
      const longAgo = daysBefore(clock(), 400);
      doc.setIn(["models", c, "checked"], longAgo);
      write(t.dir, "spec/pricing.yaml", doc.toString());
      write(t.dir, "spec/models.yaml", readFileSync(join(repoRoot, "spec/models.yaml"), "utf8"));

      const { run, json } = await checkSpec(join(t.dir, "spec"));
      expect(run.code).toBe(1);
      const problems = json.problems as { model: string; kind: string; message: string }[];
      expect(problems.filter((p) => p.model === a && p.kind === "example").map((p) => p.message)).toContainEqual(
        expect.stringMatching(/^example 1 says [\d,]+ µ¢, the spec prices it at [\d,]+ µ¢/),
      );
      const differences = problems.filter((p) => p.model === b && p.kind === "combination");
      expect(differences.length).toBeGreaterThan(0);
      expect(differences.every((p) => p.message.includes(`${factor.field}=${key}`) && p.message.includes("the spec prices it at"))).toBe(true);
      expect(json.stale).toEqual([{ model: c, checked: longAgo, ageDays: 400 }]);
      expect(expectOneLine(run.stderr)).toBe(`pixelbyte pricing check: ${problems.length} problems found`);

      // --max-age moves the line; stale entries alone do not fail the check.
      const wide = JSON.parse((await pricing(["check", "--format", "json", "--max-age", "400"], t.dir, { now: clock })).stdout);
      expect(wide.stale).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});

describe("checkRevision (pure)", () => {
  const texts = (models: string) => ({
    label: "inline.yaml",
    origin: { kind: "text" as const },
    pricingText: `currency: micro-cents\nrounding: half-up\nmodels:\n${models}`,
    modelsText: `components:\n  schemas:\n    X:\n      x-slug: acme/a/b\n      properties:\n        q: {type: string, enum: ["1", "2"], default: "1"}\n`,
  });
  const model = (extra: string) => `  acme/a/b:\n${extra}    base: 1001\n    unit: request\n    factors:\n      - {field: q, table: {"1": "1", "2": "1.5"}}\n    examples:\n      - {input: {q: "2"}, micro_cents: 1502, exact: "1501.5"}\n`;

  test("an estimator that disagrees on one combination is reported for that combination only", () => {
    const revision = parseRevision(texts(model("    source: https://docs.example.com/a\n    checked: 2026-11-01\n")));
    const honest: Estimator = (_, input) => (input.q === "2" ? { microCents: 1502, exactMicroCents: "1501.5" } : { microCents: 1001, exactMicroCents: "1001" });
    expect(checkRevision(revision, { today: "2026-11-25", maxAgeDays: 90, estimate: honest }).problems).toEqual([]);
    const floors: Estimator = (slug, input) => (input.q === "2" ? { microCents: 1501, exactMicroCents: "1501.5" } : honest(slug, input));
    const report = checkRevision(revision, { today: "2026-11-25", maxAgeDays: 90, estimate: floors, estimateName: "floor-pricing" });
    expect(report.problems).toEqual([
      { model: "acme/a/b", kind: "example", field: "examples[0]", message: "example 1 says 1,502 µ¢, floor-pricing prices it at 1,501 µ¢" },
      { model: "acme/a/b", kind: "combination", field: "q=2", message: "q=2: the spec prices it at 1,502 µ¢, floor-pricing at 1,501 µ¢" },
    ]);
    expect(report.combinations).toBe(2n);
    expect(report.compared).toBe(2n);
    const inexact: Estimator = (slug, input) => (input.q === "2" ? { microCents: 1502, exactMicroCents: "1501.6" } : honest(slug, input));
    expect(checkRevision(revision, { today: "2026-11-25", maxAgeDays: 90, estimate: inexact, estimateName: "x" }).problems.map((p) => p.message)).toEqual([
      "q=2: the exact price is 1501.5 by the spec, 1501.6 by x",
    ]);
    const throws: Estimator = () => {
      throw new Error('unknown model "acme/a/b"');
    };
    // An unknown model is said once, not once per combination.
    expect(checkRevision(revision, { today: "2026-11-25", maxAgeDays: 90, estimate: throws, estimateName: "x", estimatedSlugs: ["acme/z/z"] }).problems).toEqual([
      { model: "acme/a/b", kind: "example", field: "examples[0]", message: 'example 1: x cannot price it: unknown model "acme/a/b"' },
      { model: "acme/a/b", kind: "combination", field: "q=1", message: 'q=1: x cannot price it: unknown model "acme/a/b"' },
      { model: "acme/z/z", kind: "combination", field: "(model)", message: "x prices it, but the spec has no such model" },
    ]);
  });

  test("provenance: missing source, a source that is not https, a date that is not a date, a date in the future", () => {
    const cases: [string, string, string][] = [
      ["    checked: 2026-11-01\n", "source", "no source: add the URL of the docs page the price comes from"],
      ["    source: http://docs.example.com/a\n    checked: 2026-11-01\n", "source", 'source "http://docs.example.com/a" is not an https URL'],
      ["    source: https://docs.example.com/a\n    checked: 2026-02-30\n", "checked", 'checked "2026-02-30" is not a date written YYYY-MM-DD'],
      ["    source: https://docs.example.com/a\n", "checked", "no checked date: add the date (YYYY-MM-DD) the price was last compared with the page"],
      ["    source: https://docs.example.com/a\n    checked: 2026-12-01\n", "checked", "checked 2026-12-01 is in the future"],
    ];
    for (const [extra, field, message] of cases) {
      const report = checkRevision(parseRevision(texts(model(extra))), { today: "2026-11-25", maxAgeDays: 90 });
      expect(report.problems).toEqual([{ model: "acme/a/b", kind: "provenance", field, message }]);
    }
  });

  test("a rounded example must give its exact value, and it must be right", () => {
    const noExact = model("    source: https://docs.example.com/a\n    checked: 2026-11-01\n").replace(', exact: "1501.5"', "");
    expect(checkRevision(parseRevision(texts(noExact)), { today: "2026-11-25", maxAgeDays: 90 }).problems.map((p) => p.message)).toEqual([
      "example 1 is rounded (exact 1501.5 → 1502, half-up) but gives no exact value",
    ]);
    const wrongExact = model("    source: https://docs.example.com/a\n    checked: 2026-11-01\n").replace('exact: "1501.5"', 'exact: "1501.6"');
    expect(checkRevision(parseRevision(texts(wrongExact)), { today: "2026-11-25", maxAgeDays: 90 }).problems.map((p) => p.message)).toEqual([
      "example 1 says exact 1501.6, the spec computes 1501.5",
    ]);
  });
});
