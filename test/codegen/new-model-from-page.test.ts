import { readFile } from "node:fs/promises";
import path from "node:path";
import { computePrice } from "@pixelbyte/pricing/runtime";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import { generate } from "../../codegen/src/pipeline.js";
import { newModelCommand, urlFromPath } from "../../codegen/src/scaffold/command.js";
import { SpecError } from "../../codegen/src/validate/problem.js";
import { repoRoot } from "./scenarios.js";
import { changedFiles, copyOfSpec, snapshot } from "./spec-copy.js";

// `pnpm new-model --from <page>` end to end on a temporary copy of spec/: what it writes, prints and
// refuses, and that the result is a spec `pnpm generate` builds (or, from a rendered page, refuses
// only at the placeholders it lists).

const files = defaultSpecFiles;
const pages = path.join(repoRoot, "test/fixtures/pages");
const LUMEN = path.join(pages, "models/video/lumen/lumen-wave-2-0-text-to-video.mdx");
const SLUG = "lumen/lumen-wave-2.0/text-to-video";
const CHANGESET = ".changeset/add-model-lumen-lumen-wave-2-0-text-to-video.md";
const URL = "https://pixelbyte.mintlify.app/models/video/lumen/lumen-wave-2-0-text-to-video";

/** What a command changed and added (new-model --from removes nothing). */
function changes(before: Map<string, string>, after: Map<string, string>) {
  const { changed, added } = changedFiles(before, after);
  return { changed, added };
}

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void out.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void err.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const run = (root: string, args: string[], stdin = async () => "") => newModelCommand(args, root, files, "usage: ...", stdin);

describe("pnpm new-model --from <page>", () => {
  test("an MDX page: both entries in slug order and a changeset, nothing else; the worked examples checked; generate builds the model", async () => {
    const root = await copyOfSpec("from-page");
    const before = await snapshot(root);
    expect(await run(root, ["--from", LUMEN, "--url", URL, "--checked", "2026-11-25"])).toBe(0);
    expect(err).toEqual([]);
    expect(changes(before, await snapshot(root))).toEqual({ changed: [files.models, files.pricing], added: [CHANGESET] });
    const printed = out.join("\n");
    expect(printed).toContain(`new-model: imported ${SLUG} from ${LUMEN} (MDX source)`);
    expect(printed).toMatch(/spec\/models\.yaml:\d+ {2}LumenLumenWave20TextToVideoInput: the input schema/);
    expect(printed).toContain(`worked example reproduces: ${SLUG} {"duration":"5","resolution":"720p","has_sound":"false"} = 300000 micro-cents`);

    // Sorted: between the slugs around it.
    const pricing = await readFile(path.join(root, files.pricing), "utf8");
    const slugs = [...pricing.matchAll(/^ {2}([a-z0-9][^\s:]*):$/gm)].map((m) => m[1]!);
    expect(slugs).toEqual([...slugs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(slugs).toContain(SLUG);
    const line = Number(/spec\/pricing\.yaml:(\d+)/.exec(printed)![1]);
    expect(pricing.split("\n")[line - 1]).toBe(`  ${SLUG}:`);

    const { model } = await generate({ root, files });
    const entry = model.models.find((m) => m.slug === SLUG)!;
    expect(entry.title).toBe("Lumen Wave 2.0 — Text to Video");
    expect(entry.defaultQuote?.microCents).toBe(300000);
    expect(computePrice(entry.pricing, { duration: "8", resolution: "1080p", has_sound: "true" }).microCents).toBe(900000);
  });

  test("`-` reads the page from standard input", async () => {
    const root = await copyOfSpec("from-page");
    const text = await readFile(LUMEN, "utf8");
    expect(await run(root, ["--from", "-", "--url", URL, "--checked", "2026-11-25"], async () => text)).toBe(0);
    expect(out.join("\n")).toContain(`imported ${SLUG} from <stdin> (MDX source)`);
    expect(await readFile(path.join(root, files.models), "utf8")).toContain("x-slug: lumen/lumen-wave-2.0/text-to-video");
  });

  test("the docs URL comes from the page's path, the date is today's, and both are said", async () => {
    expect(urlFromPath("docs/models/video/lumen/lumen-wave-2-0-text-to-video.mdx")).toBe(URL);
    expect(urlFromPath("page.mdx")).toBeUndefined();
    const root = await copyOfSpec("from-page");
    expect(await run(root, ["--from", LUMEN])).toBe(0);
    const printed = out.join("\n");
    expect(printed).toContain(`docs URL ${URL}: from the page's path`);
    expect(printed).toMatch(/checked: \d{4}-\d{2}-\d{2} \(today; pass --checked to give another date\)/);
    expect(await readFile(path.join(root, files.models), "utf8")).toContain(`url: ${URL}`);
  });

  test("decisions are written into the entries and printed with the page line", async () => {
    const root = await copyOfSpec("from-page");
    const page = path.join(pages, "models/video/drift/drift-motion-3-motion-transfer-to-video.mdx");
    expect(await run(root, ["--from", page, "--url", URL, "--checked", "2026-11-25"])).toBe(0);
    const text = await readFile(page, "utf8");
    const line = text.split("\n").findIndex((l) => l.startsWith("| **Duration**")) + 1;
    const printed = out.join("\n");
    expect(printed).toContain("Where the page contradicts itself (written as x-decision / note):");
    expect(printed).toContain(`${page}:${line}  drift/drift-motion-3/motion-transfer-to-video models.yaml properties.duration: Not an input on the page.`);
    expect(printed).toContain(`${page}:${line}  drift/drift-motion-3/motion-transfer-to-video pricing.yaml note: The formula multiplies by duration (5 or 10)`);
    const models = await readFile(path.join(root, files.models), "utf8");
    expect(models).toContain("x-decision: Not an input on the page.");
    await generate({ root, files });
  });

  test("a family page writes every slug it documents; --slug picks one", async () => {
    const page = path.join(pages, "models/video/tidal/tidal-3.mdx");
    const both = await copyOfSpec("from-page");
    const before = await snapshot(both);
    expect(await run(both, ["--from", page, "--url", URL, "--checked", "2026-11-25"])).toBe(0);
    expect(changes(before, await snapshot(both)).added).toEqual([".changeset/add-model-tidal-tidal-3-image-to-video.md", ".changeset/add-model-tidal-tidal-3-text-to-video.md"]);
    const { model } = await generate({ root: both, files });
    expect(model.models.filter((m) => m.slug.startsWith("tidal/")).map((m) => m.slug)).toEqual(["tidal/tidal-3/image-to-video", "tidal/tidal-3/text-to-video"]);

    const one = await copyOfSpec("from-page");
    expect(await run(one, ["--from", page, "--slug", "tidal/tidal-3/image-to-video", "--url", URL, "--checked", "2026-11-25"])).toBe(0);
    const models = await readFile(path.join(one, files.models), "utf8");
    expect(models).toContain("x-slug: tidal/tidal-3/image-to-video");
    expect(models).not.toContain("x-slug: tidal/tidal-3/text-to-video");
    expect(await run(one, ["--from", page, "--slug", "tidal/tidal-3/extend", "--checked", "2026-11-25"])).toBe(2);
    expect(err.at(-1)).toBe(`new-model: ${page} does not document tidal/tidal-3/extend (it documents tidal/tidal-3/text-to-video, tidal/tidal-3/image-to-video); nothing was written`);
  });

  test("a rendered page: what it shows is written, what it hides is a listed placeholder that generate refuses until filled", async () => {
    const root = await copyOfSpec("from-page");
    const page = path.join(pages, "rendered/lumen-wave-2-0-text-to-video.txt");
    expect(await run(root, ["--from", page, "--url", URL, "--checked", "2026-11-25"])).toBe(0);
    const printed = out.join("\n");
    expect(printed).toContain("(rendered page)");
    expect(printed).toContain('What the page does not show is left as "TODO: ..."');
    const listed = [...printed.matchAll(/^ {2}spec\/models\.yaml:\d+:\d+ (\S+): not filled in yet/gm)].map((m) => m[1]);
    const error = await generate({ root, files }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    const problems = (error as SpecError).problems;
    expect(problems.every((p) => p.check === "scaffold")).toBe(true);
    expect(problems.map((p) => p.path)).toEqual(listed);
    expect(listed).toHaveLength(8);
  });

  test("what it cannot read is refused with one line naming the page's line, exit 2, nothing written", async () => {
    const root = await copyOfSpec("from-page");
    const before = await snapshot(root);
    const notAPage = path.join(pages, "../specs/first-models/models.yaml");
    expect(await run(root, ["--from", notAPage])).toBe(2);
    expect(err).toEqual([`new-model: ${notAPage}:1: not a model page: neither MDX (frontmatter, <ParamField> tags) nor a rendered page's copy (Request Body, Pricing, PropertyValue lines); nothing was written`]);
    expect(await run(root, ["--from", path.join(pages, "rendered/vela-2-ambiguous-split.txt")])).toBe(2);
    expect(err.at(-1)).toMatch(/^new-model: .*vela-2-ambiguous-split\.txt:41: the glued factor row "FPS241x" reads as/);
    expect(await run(root, ["--from", path.join(pages, "no-such-page.mdx")])).toBe(2);
    expect(err.at(-1)).toBe(`new-model: cannot read ${path.join(pages, "no-such-page.mdx")}: no such file`);
    expect(await run(root, ["--from", LUMEN, "extra/slug/arg"])).toBe(2);
    expect(await run(root, ["--from", LUMEN, "--checked", "25/11/2026"])).toBe(2);
    expect(err.at(-1)).toBe("new-model: --checked 25/11/2026 is not a date: write YYYY-MM-DD");
    expect(await snapshot(root)).toEqual(before);

    // A model that is already there.
    expect(await run(root, ["--from", LUMEN, "--checked", "2026-11-25"])).toBe(0);
    const after = await snapshot(root);
    expect(await run(root, ["--from", LUMEN, "--checked", "2026-11-25"])).toBe(2);
    expect(err.at(-1)).toBe(`new-model: model "${SLUG}" already exists in spec/models.yaml or spec/pricing.yaml; edit its entries instead`);
    expect(await snapshot(root)).toEqual(after);
  });

  test("a worked cost that does not reproduce, or a spec the entries would break, stops with the located problem: exit 1, nothing written", async () => {
    const root = await copyOfSpec("from-page");
    const before = await snapshot(root);
    const text = await readFile(LUMEN, "utf8");
    const wrong = text.replace("**300,000 micro-cents ($0.30)**", "**310,000 micro-cents ($0.31)**");
    expect(await run(root, ["--from", "-", "--checked", "2026-11-25"], async () => wrong)).toBe(1);
    const line = wrong.split("\n").findIndex((l) => l.startsWith("**Default cost:**")) + 1;
    expect(err[0]).toBe(`<stdin>:${line}: ${SLUG}: the page's default cost is 310,000 micro-cents, but 60,000 × 5 × 1 × 1 = 300000`);
    expect(err.at(-1)).toBe("\nnew-model: 1 problem; nothing was written.");

    // The page's own numbers hold, but its options do not cover its range row: the normal validation says so.
    const prism = (await readFile(path.join(pages, "models/video/prism/prism-1-5-super-image-to-video.mdx"), "utf8")).replace("`10`, `11`, `12`.", "`10`.");
    err = [];
    expect(await run(root, ["--from", "-", "--url", URL, "--checked", "2026-11-25"], async () => prism)).toBe(1);
    expect(err[0]).toMatch(/^spec\/pricing\.yaml:\d+:\d+ models\["prism-plus\/prism-1\.5-super\/image-to-video"\]\.factors\[2\]\.range: range 4\.\.12 does not match the values of "duration"/);
    expect(await snapshot(root)).toEqual(before);
  });

  test("with the spec outside the root (--spec-dir elsewhere), the validation reads the entries just written, and names that spec's files", async () => {
    const root = await copyOfSpec("from-page");
    const elsewhere = path.join(await copyOfSpec("from-page"), "spec");
    const outside = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(elsewhere, path.basename(f))])) as unknown as typeof files;
    const page = path.join(pages, "rendered/lumen-wave-2-0-text-to-video.txt");
    expect(await newModelCommand(["--from", page, "--url", URL, "--checked", "2026-11-25"], root, outside, "usage: ...")).toBe(0);
    const listed = [...out.join("\n").matchAll(/^ {2}(\S+):\d+:\d+ (\S+): not filled in yet/gm)];
    expect(listed).toHaveLength(8);
    expect(new Set(listed.map((m) => m[1]))).toEqual(new Set([outside.models.split(path.sep).join("/")]));

    // On a clean spec elsewhere (placeholders stop the validation before the other checks).
    const clean = path.join(await copyOfSpec("from-page"), "spec");
    const other = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(clean, path.basename(f))])) as unknown as typeof files;
    const prism = (await readFile(path.join(pages, "models/video/prism/prism-1-5-super-image-to-video.mdx"), "utf8")).replace("`10`, `11`, `12`.", "`10`.");
    err = [];
    expect(await newModelCommand(["--from", "-", "--url", URL, "--checked", "2026-11-25"], root, other, "usage: ...", async () => prism)).toBe(1);
    expect(err[0]!.startsWith(`${other.pricing.split(path.sep).join("/")}:`)).toBe(true);
    expect(err[0]).toMatch(/range 4\.\.12 does not match the values of "duration"/);
  });
});
