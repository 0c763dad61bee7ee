import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import { urlFromPath } from "../../codegen/src/scaffold/command.js";
import { newModelFromPage } from "../../codegen/src/scaffold/from-page.js";
import { newModel } from "../../codegen/src/scaffold/new-model.js";
import { modelsCommand } from "../../codegen/src/sync/command.js";
import { pageProgress } from "../../codegen/src/sync/progress.js";
import { specTexts, syncModels } from "../../codegen/src/sync/sync.js";
import { docsUrl, namesPage } from "../../codegen/src/sync/merge.js";
import { MAX_PAGE_BYTES } from "../../codegen/src/sync/walk.js";
import { inventedModel, pageFileOf, specEntries, writeDocsTree, type SpecEntry } from "../helpers/docs-tree.js";
import { renderMdx, renderRendered } from "../helpers/model-page.js";
import { repoRoot } from "./scenarios.js";

// `pnpm models sync` against odd docs trees: links, files that are not pages, one slug on two pages,
// a page claiming another model's slug, pages it cannot read, and bad arguments. A small spec (the
// first-models fixture) keeps each run short.

type Obj = Record<string, unknown>;
const files = defaultSpecFiles;
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));
async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A repository with the first-models fixture as its spec, and a docs tree of its pages. */
async function setUp(): Promise<{ root: string; docs: string; entries: SpecEntry[]; pages: Map<string, string> }> {
  const root = await temp("pixelbyte-sync-small-");
  await mkdir(path.join(root, "spec"));
  for (const f of ["models.yaml", "pricing.yaml"]) await cp(path.join(repoRoot, "test/fixtures/specs/first-models", f), path.join(root, "spec", f));
  const entries = await specEntries(root);
  const docs = await temp("pixelbyte-docs-small-");
  const pages = await writeDocsTree(docs, entries);
  return { root, docs, entries, pages };
}

async function run(root: string, args: string[], progress?: { isTTY: boolean; columns?: number; write(t: string): void }) {
  let stdout = "";
  let stderr = "";
  const code = await modelsCommand(args, root, files, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), today: () => "2026-12-01", ...(progress ? { progress } : {}) });
  return { code, stdout, stderr, json: args.includes("--json") ? (JSON.parse(stdout) as Obj) : undefined };
}

const write = async (file: string, text: string | Buffer) => {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
};

describe("models sync: odd docs trees", () => {
  test("a family page documents several slugs: each is matched on its own, both new, then both in the spec, then one repriced", async () => {
    const { root, docs } = await setUp();
    const family = "models/image/gleam/gleam-image-1-5.mdx";
    const text = await readFile(path.join(repoRoot, "test/fixtures/pages", family), "utf8");
    await write(path.join(docs, family), text);
    const line = (slug: string) => text.split("\n").findIndex((l) => l.includes(`placeholder="${slug}"`)) + 1;
    const first = await run(root, ["sync", docs]);
    expect(first.stdout).toContain(`new       gleam/gleam-image-1.5/edit-image  ${family}:${line("gleam/gleam-image-1.5/edit-image")}`);
    expect(first.stdout).toContain(`new       gleam/gleam-image-1.5/text-to-image  ${family}:${line("gleam/gleam-image-1.5/text-to-image")}`);

    await newModelFromPage({ root, files, page: text, pageName: family, docsUrl: urlFromPath(family)!, checked: "2026-11-30", validate: false });
    const same = await run(root, ["sync", docs, "--check"]);
    expect(same.stdout).toContain("0 differences");
    expect(same.code).toBe(0);

    // The Edit Image section's price goes from 25,000 to 30,000 µ¢; the Text to Image section is untouched.
    await writeFile(path.join(docs, family), text.replaceAll("25,000 micro-cents", "30,000 micro-cents").replaceAll("$0.025", "$0.03"));
    const repriced = await run(root, ["sync", docs, "--json"]);
    const changed = repriced.json!.changed as Obj[];
    expect(changed.map((c) => [c.slug, c.page, c.line])).toEqual([["gleam/gleam-image-1.5/edit-image", family, line("gleam/gleam-image-1.5/edit-image")]]);
    expect((changed[0]!.prices as Obj).combinations).toEqual([expect.objectContaining({ input: {}, from: expect.objectContaining({ microCents: 25000 }), to: expect.objectContaining({ microCents: 30000 }), percent: "20" })]);
  });

  test("symbolic links: an alias of a page is read once; links out of the tree, to a directory (a loop) or to nothing are problems; nothing else is followed", async () => {
    const { root, docs, entries, pages } = await setUp();
    const first = pages.get(entries[0]!.slug)!;
    await symlink(path.join(docs, first), path.join(docs, "models/video/alias.mdx"));
    const outside = await temp("pixelbyte-outside-");
    await write(path.join(outside, "page.mdx"), renderMdx(inventedModel("quasar/quasar-9/image-to-video", "Quasar 9 — Image to Video")));
    await symlink(path.join(outside, "page.mdx"), path.join(docs, "models/video/outside.mdx"));
    await symlink(path.join(docs, "models"), path.join(docs, "models/video/loop"));
    await symlink(path.join(docs, "models/video/nothing-here.mdx"), path.join(docs, "models/video/gone.mdx"));
    await symlink(path.join(outside, "page.mdx"), path.join(docs, "models/video/logo.png"));

    const { code, json } = await run(root, ["sync", docs, "--json"]);
    expect(json!.differences).toBe(0);
    expect(json!.pages).toMatchObject({ read: entries.length, slugs: entries.length, ignoredFiles: 1 });
    expect(json!.notes).toEqual([`models/video/alias.mdx: a symbolic link to ${first}, which is read under its own name`]);
    expect((json!.problems as Obj[]).map((p) => [p.kind, p.file, p.message])).toEqual([
      ["skipped", "models/video/gone.mdx", "a symbolic link to nothing (broken): not read"],
      ["skipped", "models/video/loop", "a symbolic link to a directory: not followed (a loop, or pages read twice)"],
      ["skipped", "models/video/outside.mdx", expect.stringMatching(/^a symbolic link out of the docs directory \(to .*page\.mdx\): not read$/)],
    ]);
    expect(code).toBe(1);
  });

  test("a provider directory behind a link is not read: its models are 'not compared', not removed", async () => {
    const { root, docs, entries, pages } = await setUp();
    const model = entries.find((e) => pages.get(e.slug)!.startsWith("models/video/kling-plus/"))!;
    const elsewhere = await temp("pixelbyte-elsewhere-");
    await cp(path.join(docs, "models/video/kling-plus"), path.join(elsewhere, "kling-plus"), { recursive: true });
    await rm(path.join(docs, "models/video/kling-plus"), { recursive: true });
    await symlink(path.join(elsewhere, "kling-plus"), path.join(docs, "models/video/kling-plus"));
    const { code, json } = await run(root, ["sync", docs, "--json"]);
    expect(json!.removed).toEqual([]);
    expect(json!.problems).toEqual([
      { kind: "skipped", file: "models/video/kling-plus", line: 1, message: expect.stringMatching(/^a symbolic link out of the docs directory/) },
      { kind: "not-compared", file: "spec/models.yaml", line: expect.any(Number), slug: model.slug, message: `${model.slug} is not compared: its page would be under models/video/kling-plus, which was not read` },
    ]);
    expect(code).toBe(1);
  });

  test("files that are not model pages: other extensions and hidden entries are passed over, an overview page too, a binary or a huge .mdx is a problem", async () => {
    const { root, docs, entries } = await setUp();
    await write(path.join(docs, "models/README.md"), "# Models\n");
    await write(path.join(docs, "models/video/preview.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await write(path.join(docs, "models/video/pricing.json"), "{}");
    await write(path.join(docs, "models/.DS_Store"), "x");
    await write(path.join(docs, "models/.drafts/quasar.mdx"), renderMdx(inventedModel("quasar/quasar-1/image-to-video", "Quasar 1 — Image to Video")));
    await write(path.join(docs, "models/overview.mdx"), "---\ntitle: Models\n---\n\nEvery model PixelByte runs, by kind.\n\n## Video\n\nSee the pages below.\n");
    const { code, json } = await run(root, ["sync", docs, "--json"]);
    expect(json).toMatchObject({ differences: 0, pages: { read: entries.length + 1, slugs: entries.length, notModelPages: ["models/overview.mdx"], ignoredFiles: 3 }, problems: [] });
    expect(code).toBe(0);

    await write(path.join(docs, "models/video/blob.mdx"), Buffer.from([0x00, 0x01, 0x02, 0x03]));
    await write(path.join(docs, "models/video/huge.mdx"), `---\ntitle: Huge\n---\n\n${"a".repeat(MAX_PAGE_BYTES)}\n`);
    const again = await run(root, ["sync", docs, "--json"]);
    expect((again.json!.problems as Obj[]).map((p) => [p.kind, p.file, p.line, p.message])).toEqual([
      ["unreadable", "models/video/blob.mdx", 1, "a binary file (it holds NUL bytes), not a page"],
      ["skipped", "models/video/huge.mdx", 1, expect.stringMatching(/^\d+ bytes, more than a model page can be \(1048576 bytes\): not read$/)],
    ]);
    expect(again.code).toBe(1);
  });

  test("one slug on two pages: the page the spec names wins and the copy is reported; a new slug on two pages is taken from neither", async () => {
    const { root, docs, entries, pages } = await setUp();
    const model = entries[1]!;
    const text = await readFile(path.join(docs, pages.get(model.slug)!), "utf8");
    await write(path.join(docs, "models/video/copy-of-a-page.mdx"), text);
    const invented = renderMdx(inventedModel("quasar/quasar-1/image-to-video", "Quasar 1 — Image to Video"));
    await write(path.join(docs, "models/video/quasar/one.mdx"), invented);
    await write(path.join(docs, "models/video/quasar/two.mdx"), invented);
    const { code, stdout } = await run(root, ["sync", docs]);
    const slugLine = text.split("\n").findIndex((l) => l.includes(`placeholder="${model.slug}"`)) + 1;
    expect(stdout).toContain(`problem   models/video/copy-of-a-page.mdx:${slugLine}  ${model.slug} is documented more than once (also at ${pages.get(model.slug)}:${slugLine}); the spec's page is ${pages.get(model.slug)}, so this one is not compared`);
    expect(stdout).toMatch(/problem {3}models\/video\/quasar\/one\.mdx:\d+ {2}quasar\/quasar-1\/image-to-video is documented more than once \(also at models\/video\/quasar\/two\.mdx:\d+\); neither is compared/);
    expect(stdout).toMatch(/problem {3}models\/video\/quasar\/two\.mdx:\d+ {2}quasar\/quasar-1\/image-to-video is documented more than once/);
    expect(stdout).not.toMatch(/^new /m);
    expect(stdout).toContain("0 differences");
    expect(code).toBe(1);
  });

  test("a page elsewhere claiming an existing slug under another title is a conflict, not a change (and the model is not reported removed)", async () => {
    const { root, docs, entries, pages } = await setUp();
    const model = entries[2]!;
    await rm(path.join(docs, pages.get(model.slug)!));
    const impostor = { ...inventedModel("quasar/quasar-1/image-to-video", "Quasar 1 — Image to Video"), slug: model.slug };
    impostor.schema["x-slug"] = model.slug;
    await write(path.join(docs, "models/video/quasar/quasar-1.mdx"), renderMdx(impostor));
    const { code, json } = await run(root, ["sync", docs, "--json"]);
    expect(json!.differences).toBe(0);
    expect(json!.problems).toEqual([
      {
        kind: "conflict",
        file: "models/video/quasar/quasar-1.mdx",
        line: expect.any(Number),
        slug: model.slug,
        message: expect.stringContaining(`the page documents ${model.slug} as "Quasar 1 — Image to Video", but the spec has it as "${model.schema.title as string}" from ${(model.schema.externalDocs as Obj).url as string}`),
      },
    ]);
    expect(code).toBe(1);

    // The same page at the spec's own path is the model's page: its changes are reported (and --write would apply them).
    await rm(path.join(docs, "models/video/quasar/quasar-1.mdx"));
    await write(path.join(docs, pages.get(model.slug)!), renderMdx(impostor));
    const moved = await run(root, ["sync", docs, "--json"]);
    expect(moved.json!.problems).toEqual([]);
    expect((moved.json!.changed as Obj[]).map((c) => c.slug)).toEqual([model.slug]);
    expect(((moved.json!.changed as Obj[])[0]!.inputs as Obj[]).find((c) => c.kind === "title")).toEqual({ kind: "title", from: model.schema.title, to: "Quasar 1 — Image to Video", line: expect.any(Number) });
  });

  test("a spec model whose page cannot be read is 'not compared', not removed, and holds back every removal", async () => {
    const { root, docs, entries, pages } = await setUp();
    const [gone, broken] = [entries[0]!, entries[1]!];
    await rm(path.join(docs, pages.get(gone.slug)!));
    const brokenFile = pages.get(broken.slug)!;
    const text = await readFile(path.join(docs, brokenFile), "utf8");
    await writeFile(path.join(docs, brokenFile), text.replace(/\n## Pricing\n[\s\S]*?\n## Response\n/, "\n## Response\n"));
    const report = await run(root, ["sync", docs]);
    expect(report.stdout).toContain(`removed   ${gone.slug}`);
    expect(report.stdout).toMatch(new RegExp(`problem {3}${brokenFile.replace(/[.+]/g, "\\$&")}:\\d+ {2}no pricing section`));
    expect(report.stdout).toMatch(new RegExp(`not compared spec/models\\.yaml:\\d+ {2}${broken.slug.replace(/[.+]/g, "\\$&")} is not compared: its page ${brokenFile.replace(/[.+]/g, "\\$&")} could not be read`));
    expect(report.stdout).not.toContain(`removed   ${broken.slug}`);
    expect(report.code).toBe(1);

    const before = await readFile(path.join(root, files.models), "utf8");
    const held = await run(root, ["sync", docs, "--write", "--allow-remove"]);
    expect(held.stdout).toContain("removals not applied: 2 pages could not be read, and a model on one would look removed: fix them first");
    expect(await readFile(path.join(root, files.models), "utf8")).toBe(before);
    expect(held.code).toBe(1);
  });

  test("pages the sync cannot take: a worked cost its own numbers do not give, a new model missing its provider, a rendered copy, a slug whose type name another model has", async () => {
    const { root, docs, entries, pages } = await setUp();
    const model = entries.find((e) => (e.price.factors as unknown[]).length > 0)!;
    const file = pages.get(model.slug)!;
    const text = await readFile(path.join(docs, file), "utf8");
    const cost = (model.price.examples as Obj[])[0]!.micro_cents as number;
    const wrong = text.replace(`**${cost.toLocaleString("en-US")} micro-cents`, `**${(cost + 1).toLocaleString("en-US")} micro-cents`);
    expect(wrong).not.toBe(text);
    await writeFile(path.join(docs, file), wrong);
    const nameless = renderMdx(inventedModel("quasar/quasar-1/image-to-video", "Quasar 1 — Image to Video")).replace(/\| \*\*Provider\*\* \| Quasar \|\n/, "");
    await write(path.join(docs, "models/video/quasar/quasar-1.mdx"), nameless);
    await write(path.join(docs, "models/video/quasar/quasar-2.mdx"), renderRendered(inventedModel("quasar/quasar-2/image-to-video", "Quasar 2 — Image to Video")));
    // PascalCase of "kling-plus/kling-o3.standard/text-to-video" is the key of kling-plus/kling-o3-standard/text-to-video.
    const clash = inventedModel("kling-plus/kling-o3.standard/text-to-video", "Kling O3 Standard — Text to Video");
    await write(path.join(docs, "models/video/kling-plus/kling-o3-dot-standard.mdx"), renderMdx(clash));

    const { code, json } = await run(root, ["sync", docs, "--json"]);
    const problems = (json!.problems as Obj[]).map((p) => [p.kind, p.file, p.message]);
    expect(problems).toEqual([
      ["conflict", "models/video/kling-plus/kling-o3-dot-standard.mdx", "kling-plus/kling-o3.standard/text-to-video would have the schema key KlingPlusKlingO3StandardTextToVideoInput of another model in spec/models.yaml: two slugs must not differ only in punctuation"],
      ["incomplete", "models/video/quasar/quasar-1.mdx", expect.stringContaining("quasar/quasar-1/image-to-video is new, but the page does not show models:x-provider")],
      ["unreadable", "models/video/quasar/quasar-2.mdx", "a rendered page's browser copy, not the MDX source: sync compares the MDX pages of the docs repository"],
      ["page-numbers", file, expect.stringContaining(model.slug)],
    ].sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1)));
    expect(json!.differences).toBe(0);
    expect(code).toBe(1);
  });

  test("a page anywhere under models/ is published at its path; control characters in a file name or a page never reach the terminal raw", async () => {
    const { root, docs } = await setUp();
    await write(path.join(docs, "models/audio/quasar/quasar tone.mdx"), renderMdx(inventedModel("quasar/quasar-tone/text-to-audio", "Quasar Tone — Text to Audio")));
    const evil = "models/video/evil\u001b[31m\nname.mdx";
    await write(path.join(docs, evil), renderMdx(inventedModel("quasar/quasar-3/image-to-video", "Quasar 3 — Image to Video")).replace("| `8` | 8x |", "| `8` | 8x\u001b]0;owned\u0007 |"));
    const { stdout, json } = await run(root, ["sync", docs, "--json"]);
    expect((json!.added as Obj[]).map((a) => [a.slug, a.page])).toEqual([["quasar/quasar-tone/text-to-audio", "models/audio/quasar/quasar tone.mdx"]]);
    const text = await run(root, ["sync", docs]);
    expect(text.stdout).toContain("problem   models/video/evil\\x1b[31m\\x0aname.mdx:");
    expect(text.stdout).toContain("\\x1b]0;owned\\x07");
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(stdout.length).toBeGreaterThan(0);
  });

  test("a model `pnpm new-model` scaffolded and not filled in: 'not compared' without a page; with one, the page fills it in (the entry written anew, no placeholder or scaffold comment left)", async () => {
    const { root, docs } = await setUp();
    const slug = "quasar/quasar-1/image-to-video";
    await newModel({ root, files, slug });
    const lonely = await run(root, ["sync", docs, "--json"]);
    expect(lonely.json!.problems).toEqual([{ kind: "not-compared", file: "spec/models.yaml", line: expect.any(Number), slug, message: `${slug} is not compared: it is a \`pnpm new-model\` scaffold not filled in yet, and no page documents it` }]);
    expect(lonely.json!.removed).toEqual([]);

    const model = inventedModel(slug, "Quasar 1 — Image to Video");
    await write(path.join(docs, "models/video/quasar/quasar-1-image-to-video.mdx"), renderMdx(model));
    const filled = await run(root, ["sync", docs]);
    expect(filled.stdout).toContain("fills in the placeholders `pnpm new-model` left, from the page (the scaffold's changeset stands)");
    expect(filled.code).toBe(0);
    const report = await syncModels({ root, files, docsDir: docs, checked: "2026-12-01", progress: pageProgress(undefined) });
    const texts = specTexts(report, report.texts.spec, report.added, report.changed, report.removed);
    const schema = Object.values((parse(texts.models) as { components: { schemas: Record<string, Obj> } }).components.schemas).find((s) => s["x-slug"] === slug)!;
    expect(schema).toEqual(model.schema);
    expect((parse(texts.pricing) as { models: Record<string, Obj> }).models[slug]).toEqual(model.price);
    expect(texts.models + texts.pricing).not.toMatch(/TODO|Scaffolded by/);
  });

  test("field names such as constructor and __proto__ are fields like any other", async () => {
    const { root, docs, entries, pages } = await setUp();
    const model = structuredClone(entries.find((e) => e.slug === "kling-plus/kling-o3-standard/text-to-video")!);
    const props = model.schema.properties as Record<string, Obj>;
    Object.defineProperty(props, "__proto__", { value: { type: "string", description: "An odd name." }, enumerable: true, configurable: true, writable: true });
    Object.defineProperty(props, "constructor", { value: { type: "integer", minimum: 1, maximum: 3 }, enumerable: true, configurable: true, writable: true });
    await writeFile(path.join(docs, pages.get(model.slug)!), renderMdx(model));
    const { json } = await run(root, ["sync", docs, "--json"]);
    expect(((json!.changed as Obj[])[0]!.inputs as Obj[]).map((c) => [c.kind, c.field])).toEqual([
      ["field-added", "__proto__"],
      ["field-added", "constructor"],
    ]);
  });

  test("progress is drawn on a terminal only, on its own stream; results are the same", async () => {
    const { root, docs } = await setUp();
    let drawn = "";
    const tty = await run(root, ["sync", docs], { isTTY: true, columns: 60, write: (t) => void (drawn += t) });
    expect(drawn).toContain("reading pages");
    expect(drawn.endsWith("\r\x1b[2K")).toBe(true);
    expect(tty.stdout).not.toContain("reading pages");
    let piped = "";
    const notTty = await run(root, ["sync", docs], { isTTY: false, write: (t) => void (piped += t) });
    expect(piped).toBe("");
    expect(notTty.stdout).toBe(tty.stdout);
  });

  test("bad arguments and directories: exit 2 with one line saying why, nothing read", async () => {
    const { root, docs } = await setUp();
    const empty = await temp("pixelbyte-empty-");
    await mkdir(path.join(empty, "models"));
    const noModels = await temp("pixelbyte-no-models-");
    const cases: [string[], RegExp][] = [
      [[], /name a subcommand: sync/],
      [["check", docs], /unknown subcommand check/],
      [["sync"], /sync needs the docs directory/],
      [["sync", docs, docs], /one docs directory only/],
      [["sync", docs, "--allow-remove"], /--allow-remove applies removals with --write/],
      [["sync", docs, "--check", "--write"], /--check reports and --write applies/],
      [["sync", docs, "--checked", "2026-02-30"], /--checked 2026-02-30 is not a date/],
      [["sync", docs, "--frobnicate"], /Unknown option '--frobnicate'/],
      [["sync", path.join(docs, "nope")], /is not a directory/],
      [["sync", noModels], /has no models\/ directory/],
      [["sync", empty], /no model page under .* is it the docs repository\?/],
    ];
    for (const [args, why] of cases) {
      const r = await run(root, args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(why);
      expect(r.stdout, args.join(" ")).toBe("");
    }

    // A spec that cannot be priced or parsed: one located line, exit 2.
    const pricing = path.join(root, files.pricing);
    const good = await readFile(pricing, "utf8");
    await writeFile(pricing, good.replace(/base: \d+/, "base: -5"));
    const unpriced = await run(root, ["sync", docs]);
    expect([unpriced.code, unpriced.stdout]).toEqual([2, ""]);
    expect(unpriced.stderr).toMatch(/^models sync: spec\/pricing\.yaml: models\["[^"]+"\]\.base \(line \d+\) must be a non-negative integer of micro-cents \(got -5\) \(`pnpm generate` lists every problem of the spec\)\n$/);
    await writeFile(pricing, `${good}\n  bad: [unclosed\n`);
    const unparsed = await run(root, ["sync", docs]);
    expect([unparsed.code, unparsed.stdout]).toEqual([2, ""]);
    expect(unparsed.stderr).toMatch(/^models sync: spec\/pricing\.yaml:\d+:\d+ /);
  });
});

test("pageFileOf: a docs URL on any host names its page under models/", () => {
  expect(pageFileOf("https://developer.muvi.video/docs/models/image/google/nano-banana")).toBe("models/image/google/nano-banana.mdx");
});

test("docsUrl: the spec's URL while it names the page (on its own host), the spec's host with the new path when the page moved, the page's own otherwise", () => {
  const muvi = "https://developer.muvi.video/docs/models/image/google/nano-banana";
  expect(docsUrl(muvi, "models/image/google/nano-banana.mdx", "https://pixelbyte.mintlify.app/models/image/google/nano-banana")).toBe(muvi);
  expect(docsUrl(muvi, "models/image/google/nano-banana-1.mdx", "https://pixelbyte.mintlify.app/models/image/google/nano-banana-1")).toBe("https://developer.muvi.video/docs/models/image/google/nano-banana-1");
  expect(docsUrl(undefined, "models/video/x/y.mdx", "https://pixelbyte.mintlify.app/models/video/x/y")).toBe("https://pixelbyte.mintlify.app/models/video/x/y");
  expect(namesPage("https://pixelbyte.mintlify.app/models/audio/quasar/quasar%20tone/", "models/audio/quasar/quasar tone.mdx")).toBe(true);
  expect(namesPage("https://pixelbyte.mintlify.app/models/video/kling/kling-3", "models/video/kling/kling-3-0.mdx")).toBe(false);
  expect(namesPage("not a url", "models/video/kling/kling-3-0.mdx")).toBe(false);
});
