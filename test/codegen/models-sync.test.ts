import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { specDiff } from "@pixelbyte/pricing-audit";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import { generate } from "../../codegen/src/pipeline.js";
import { modelsCommand } from "../../codegen/src/sync/command.js";
import { findStale, ownedDirs } from "../../codegen/src/write/write-files.js";
import { inventedModel, specEntries, writeDocsTree, type SpecEntry } from "../helpers/docs-tree.js";
import { renderMdx } from "../helpers/model-page.js";
import { repoRoot } from "./scenarios.js";

// `pnpm models sync <docs-dir>`: a docs checkout generated in the test from spec/ (every model
// rendered as its MDX page by test/helpers/model-page.ts), then changed as the docs change: one model
// added (an invented page), one removed, one repriced, one with a new option, and one broken page.

type Obj = Record<string, unknown>;
const files = defaultSpecFiles;
const CHECKED = "2026-12-01";
const REPRICED = "alibaba-plus/wan-2.6-flash/image-to-video";
const NEW_OPTION = "kling-plus/kling-2.1-master/image-to-video";
const REMOVED = "xai/grok-imagine/image-to-video";
const ADDED = "quasar/quasar-1/image-to-video";
const ADDED_PAGE = "models/video/quasar/quasar-1-image-to-video.mdx";
const BROKEN_PAGE = "models/video/quasar/quasar-2-image-to-video.mdx";

const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

async function run(root: string, args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await modelsCommand(args, root, files, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), today: () => "2099-01-01" });
  return { code, stdout, stderr };
}

/** The invented model the docs gain: its own words and numbers, on no existing page. */
const invented: SpecEntry = inventedModel(ADDED, "Quasar 1 — Image to Video", CHECKED);

/** What the docs say after the change: the spec's models, one repriced, one with a new option, one gone, one new. */
function docsTruth(spec: SpecEntry[]): SpecEntry[] {
  const out = structuredClone(spec).filter((e) => e.slug !== REMOVED);
  const repriced = out.find((e) => e.slug === REPRICED)!;
  repriced.price.base = 550000; // was 500,000: +10% on every combination
  for (const e of repriced.price.examples as Obj[]) e.micro_cents = ((e.micro_cents as number) * 11) / 10;
  const option = out.find((e) => e.slug === NEW_OPTION)!;
  ((option.schema.properties as Record<string, Obj>).duration!.enum as string[]).push("15");
  ((option.price.factors as Obj[])[0]!.table as Record<string, string>)["15"] = "15";
  return [...out, structuredClone(invented)];
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length;

/** key -> the entry's lines, for the entries of the map whose keys sit at `indent` spaces (plus the text before the first). */
function blocks(text: string, indent: number): Map<string, string> {
  const out = new Map<string, string>();
  let key = "(preamble)";
  let lines: string[] = [];
  const keyLine = new RegExp(`^ {${indent}}(\\S[^:]*):\\s*$`);
  for (const line of text.split("\n")) {
    const m = keyLine.exec(line);
    if (m && indent > 0) {
      out.set(key, lines.join("\n").replace(/(\n\s*#[^\n]*)+$/, "").trimEnd());
      key = m[1]!.replace(/^"|"$/g, "");
      lines = [];
    }
    lines.push(line);
  }
  out.set(key, lines.join("\n").trimEnd());
  return out;
}

const stripped = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stripped) : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "x-decision" && k !== "note" && k !== "checked").map(([k, w]) => [k, stripped(w)])) : v;

describe("pnpm models sync <docs-dir>", () => {
  let spec: SpecEntry[];
  beforeAll(async () => {
    spec = await specEntries(repoRoot);
    for (const slug of [REPRICED, NEW_OPTION, REMOVED]) expect(spec.some((e) => e.slug === slug), `${slug} is in spec/ (the test changes its page)`).toBe(true);
  });

  test("a docs tree made from the whole spec: 0 differences, exit 0 with --check", async () => {
    const docs = await temp("pixelbyte-docs-");
    await writeDocsTree(docs, spec);
    const { code, stdout, stderr } = await run(repoRoot, ["sync", docs, "--check"]);
    expect(stderr).toBe("");
    expect(stdout).toContain(`${spec.length} pages under ${docs}/models/, ${spec.length} model slugs; the spec has ${spec.length}`);
    expect(stdout).toContain(`0 differences: the spec says what the pages say (${spec.length} models compared).`);
    expect(code).toBe(0);
  });

  test("one model added, one removed, one repriced, one with a new option, one broken page: the report, --json, --check, --write, --allow-remove", async () => {
    const root = await temp("pixelbyte-sync-root-");
    await cp(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
    await mkdir(path.join(root, ".changeset"));
    await cp(path.join(repoRoot, ".changeset/config.json"), path.join(root, ".changeset/config.json"));
    // The workspace the changesets name packages of, as `changeset version` (and the spec-diff gate below) reads it.
    await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "sync-root", private: true }));
    await writeFile(path.join(root, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
    for (const name of ["client", "pricing"]) {
      await mkdir(path.join(root, "packages", name), { recursive: true });
      await writeFile(path.join(root, "packages", name, "package.json"), JSON.stringify({ name: `@pixelbyte/${name}`, version: "1.0.0" }));
    }
    // The maintainer's own notes on the model that gains an option: one on a field the page leaves alone, one on the field it changes.
    const modelsPath = path.join(root, files.models);
    const original = await readFile(modelsPath, "utf8");
    const at = original.indexOf(`x-slug: ${NEW_OPTION}`);
    const withNotes = original.slice(0, at) + original.slice(at).replace("          maxLength: 2500\n", "          maxLength: 2500\n          x-decision: Kept at 2500 characters, as support confirmed.\n").replace('          default: "5"\n', '          default: "5"\n          x-decision: Only 5 and 10 are offered for now.\n');
    await writeFile(modelsPath, withNotes);
    const modelsBefore = withNotes;
    const pricingBefore = await readFile(path.join(root, files.pricing), "utf8");

    const truth = docsTruth(spec);
    const docs = await temp("pixelbyte-docs-");
    await writeDocsTree(docs, truth);
    const addedPage = await readFile(path.join(docs, ADDED_PAGE), "utf8");
    // A page whose factor table cannot be read.
    const broken = renderMdx({ schema: { ...invented.schema, "x-slug": "quasar/quasar-2/image-to-video", title: "Quasar 2 — Image to Video" }, price: invented.price }).replace("| `8` | 8x |", "| `8` | eight times |");
    await writeFile(path.join(docs, BROKEN_PAGE), broken);

    // The report.
    const report = await run(root, ["sync", docs, "--checked", CHECKED]);
    const out = report.stdout;
    expect(report.code).toBe(1); // the broken page
    expect(out).toContain(`new       ${ADDED}  ${ADDED_PAGE}:${lineOf(addedPage, `placeholder="${ADDED}"`)}  (4 inputs, base 35,000 µ¢ per second, 2 factors)`);
    expect(out).toContain(`removed   ${REMOVED}  spec/models.yaml:${lineOf(modelsBefore, `x-slug: ${REMOVED}`) - 1}  (no page under models/ documents it`);
    expect(out).toMatch(new RegExp(`changed   ${REPRICED.replace(/[.+]/g, "\\$&")}  models/video/alibaba-plus/wan-2-6-flash-image-to-video\\.mdx:\\d+`));
    expect(out).toContain("  price base: 500,000 µ¢ ($0.50) → 550,000 µ¢ ($0.55) per second");
    expect(out).toContain("  price resolution=720p, duration=5: 2,500,000 µ¢ ($2.50) → 2,750,000 µ¢ ($2.75), +250,000 µ¢ (+$0.25), +10%");
    expect(out).toContain("  price resolution=1080p, duration=3: 2,250,000 µ¢ ($2.25) → 2,475,000 µ¢ ($2.475), +225,000 µ¢ (+$0.225), +10%");
    expect(out).toContain("  price … 8 more combinations changed price (--json lists every one)");
    const optionPage = "models/video/kling-plus/kling-2-1-master-image-to-video.mdx";
    const optionText = await readFile(path.join(docs, optionPage), "utf8");
    expect(out).toContain(`  ${optionPage}:${lineOf(optionText, '<ParamField body="duration"')}  input duration: option "15" added`);
    expect(out).toContain("  price value added: duration=15 ×15");
    expect(out).toContain('  note: the models.yaml note at properties.duration is about a part the page changed; it is dropped on --write: "Only 5 and 10 are offered for now."');
    expect(out).toContain(`problem   ${BROKEN_PAGE}:${lineOf(broken, "eight times")}  the multiplier "eight times"`);
    expect(out).toContain("4 differences: 1 new, 1 removed, 2 changed (1 input change, 28 prices changed); 98 unchanged; 1 problem (see above).");
    expect(report.stderr).toBe("");

    // --json (and --check): the same, as data.
    const asJson = await run(root, ["sync", docs, "--json", "--check", "--checked", CHECKED]);
    expect(asJson.code).toBe(1);
    const json = JSON.parse(asJson.stdout) as Obj;
    expect(Object.keys(json)).toEqual(["version", "docsDir", "pages", "specModels", "differences", "added", "removed", "changed", "unchanged", "problems", "notes", "written"]);
    expect(json).toMatchObject({ version: 1, docsDir: docs, pages: { read: 102, slugs: 101, notModelPages: [], ignoredFiles: 0 }, specModels: 101, differences: 4, unchanged: 98, written: null });
    expect(json.added).toEqual([{ slug: ADDED, page: ADDED_PAGE, line: lineOf(addedPage, `placeholder="${ADDED}"`), baseMicroCents: 35000, unit: "second", factors: ["duration", "motion"] }]);
    expect(json.removed).toEqual([{ slug: REMOVED, specLine: lineOf(modelsBefore, `x-slug: ${REMOVED}`) - 1, url: "https://pixelbyte.mintlify.app/models/video/xai/grok-imagine" }]);
    const changed = json.changed as Obj[];
    expect(changed.map((c) => c.slug)).toEqual([REPRICED, NEW_OPTION]);
    const repriced = changed[0]!.prices as Obj;
    expect(repriced.definition).toEqual([{ kind: "base", from: 500000, to: 550000 }]);
    const combinations = repriced.combinations as Obj[];
    expect(combinations).toHaveLength(28);
    expect(combinations.every((c) => c.percent === "10")).toBe(true);
    expect(combinations[3]).toMatchObject({ model: REPRICED, input: { resolution: "720p", duration: "5" }, from: { microCents: 2500000 }, to: { microCents: 2750000 }, changeMicroCents: 250000 });
    expect(changed[1]!.inputs).toEqual([{ kind: "enum-value-added", field: "duration", value: "15", line: lineOf(optionText, '<ParamField body="duration"') }]);
    expect((changed[1]!.prices as Obj).definition).toEqual([{ kind: "value-added", field: "duration", value: "15", multiplier: "15" }]);
    expect((changed[1]!.prices as Obj).combinationsAdded).toBe(1);
    expect(json.problems).toEqual([{ kind: "unreadable", file: BROKEN_PAGE, line: lineOf(broken, "eight times"), message: expect.stringContaining('"eight times"') }]);

    // --write: new and changed models applied, the removal held back; the broken page still fails the run.
    const write1 = await run(root, ["sync", docs, "--write", "--checked", CHECKED]);
    expect(write1.stderr).toBe("");
    expect(write1.code).toBe(1);
    expect(write1.stdout).toContain("removals not applied: pass --allow-remove to remove them");
    const models1 = await readFile(modelsPath, "utf8");
    const pricing1 = await readFile(path.join(root, files.pricing), "utf8");
    // Every other entry, and everything around them, byte for byte.
    const touched = new Set(["KlingPlusKling21MasterImageToVideoInput", "AlibabaPlusWan26FlashImageToVideoInput", "QuasarQuasar1ImageToVideoInput", REPRICED, NEW_OPTION, ADDED]);
    for (const [before, after, indent] of [[modelsBefore, models1, 4], [pricingBefore, pricing1, 2]] as const) {
      const a = blocks(before, indent);
      const b = blocks(after, indent);
      for (const [key, text] of a) if (!touched.has(key)) expect(b.get(key), key).toBe(text);
      expect([...b.keys()].filter((k) => !a.has(k))).toEqual([indent === 4 ? "QuasarQuasar1ImageToVideoInput" : ADDED]);
    }
    // The changed entries hold what the pages say; the maintainer's comments and untouched notes stay.
    const schemas1 = (parse(models1) as { components: { schemas: Record<string, Obj> } }).components.schemas;
    const prices1 = (parse(pricing1) as { models: Record<string, Obj> }).models;
    for (const slug of [REPRICED, NEW_OPTION, ADDED]) {
      const want = truth.find((e) => e.slug === slug)!;
      const schema = Object.values(schemas1).find((s) => s["x-slug"] === slug)!;
      expect(stripped(schema), slug).toEqual(stripped(want.schema));
      expect(stripped(prices1[slug]), slug).toEqual(stripped(want.price));
      expect(String(prices1[slug]!.checked), slug).toBe(CHECKED);
    }
    const optionBlock = blocks(models1, 4).get("KlingPlusKling21MasterImageToVideoInput")!;
    expect(optionBlock).toContain("# Spelled guidance_scale here (cfg_scale on the Kling Plus 2.6/3.0 pages); kept as written.");
    expect(optionBlock).toContain("x-decision: Kept at 2500 characters, as support confirmed.");
    expect(optionBlock).not.toContain("Only 5 and 10 are offered for now.");
    expect(blocks(pricing1, 2).get(REPRICED)).toContain("# Ten times alibaba/wan-2.6-flash (500,000 vs 50,000 per second), as this page says.");
    // A changeset per model, at the level the spec-diff classifier gives: minor for the new model and the new option, a patch of the pricing for a price alone.
    const changesets = async () => Object.fromEntries(await Promise.all((await readdir(path.join(root, ".changeset"))).filter((f) => f.endsWith(".md")).sort().map(async (f) => [f, await readFile(path.join(root, ".changeset", f), "utf8")] as const)));
    const sets1 = await changesets();
    expect(Object.keys(sets1)).toEqual(["add-model-quasar-quasar-1-image-to-video.md", "sync-model-alibaba-plus-wan-2-6-flash-image-to-video.md", "sync-model-kling-plus-kling-2-1-master-image-to-video.md"]);
    expect(sets1["sync-model-alibaba-plus-wan-2-6-flash-image-to-video.md"]).toMatch(/^---\n"@pixelbyte\/pricing": patch\n---\n[\s\S]*28 combinations changed price \(28 up, 0 down\)/);
    expect(sets1["sync-model-kling-plus-kling-2-1-master-image-to-video.md"]).toMatch(/^---\n"@pixelbyte\/client": minor\n"@pixelbyte\/pricing": minor\n---\n[\s\S]*input duration: option "15" added/);
    expect(sets1["add-model-quasar-quasar-1-image-to-video.md"]).toContain('"@pixelbyte/client": minor');

    // The broken page fixed (gone), --write --allow-remove: the removal too, as a major release.
    await rm(path.join(docs, BROKEN_PAGE));
    const write2 = await run(root, ["sync", docs, "--write", "--allow-remove", "--checked", CHECKED]);
    expect(write2.stderr).toBe("");
    expect(write2.code).toBe(0);
    expect(write2.stdout).toContain("1 difference: 0 new, 1 removed, 0 changed");
    const sets2 = await changesets();
    expect(sets2["remove-model-xai-grok-imagine-image-to-video.md"]).toMatch(/^---\n"@pixelbyte\/client": major\n"@pixelbyte\/pricing": major\n---\n/);
    const models2 = await readFile(modelsPath, "utf8");
    const pricing2 = await readFile(path.join(root, files.pricing), "utf8");
    expect(models2).not.toContain(REMOVED);
    expect(pricing2).not.toContain(REMOVED);

    // The spec now says what the pages say, model for model; the generated files match it; a new sync finds nothing.
    const after = await specEntries(root);
    expect(after.map((e) => e.slug).sort()).toEqual(truth.map((e) => e.slug).sort());
    for (const e of after) {
      const want = truth.find((t) => t.slug === e.slug)!;
      expect(stripped(e.schema), e.slug).toEqual(stripped(want.schema));
      expect(stripped(e.price), e.slug).toEqual(stripped(want.price));
    }
    const generated = await generate({ root, files });
    expect(await findStale(root, generated.files, ownedDirs)).toEqual({ stale: [], extra: [] });
    // The changesets release what the spec-diff gate (`pixelbyte spec diff --check-changesets`) requires of the whole change.
    const diff = await specDiff.diffSpecs(await specDiff.openSpec(path.join(repoRoot, "spec"), { cwd: repoRoot }), await specDiff.openSpec(path.join(root, "spec"), { cwd: root }));
    expect(diff.required).toEqual({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major" });
    expect((await specDiff.checkChangesets(diff, root)).ok).toBe(true);
    const again = await run(root, ["sync", docs, "--check"]);
    expect(again.stdout).toContain(`0 differences: the spec says what the pages say (${truth.length} models compared).`);
    expect(again.code).toBe(0);
  }, 300_000);
});
