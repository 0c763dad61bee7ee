import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { computePrice } from "@pixelbyte/pricing/runtime";
import { beforeAll, describe, expect, test } from "vitest";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import type { GeneratedFile } from "../../codegen/src/emit/render.js";
import { generate } from "../../codegen/src/pipeline.js";
import { modelsEntry, pricingEntry } from "../../codegen/src/scaffold/entries.js";
import { newModel, ScaffoldRefusal } from "../../codegen/src/scaffold/index.js";
import { formatProblem, SpecError, type Problem } from "../../codegen/src/validate/problem.js";
import { repoRoot } from "./scenarios.js";
import { changedFiles, copyOfSpec, snapshot } from "./spec-copy.js";

const run = promisify(execFile);

// A model that does not exist, in an existing provider (Kling Plus), between existing slugs. Not the
// README's example (kling-o3-lite): a newcomer who adds that one must still see this test pass.
const SLUG = "kling-plus/kling-o3-scaffold-test/text-to-video";
const TYPE = "KlingPlusKlingO3ScaffoldTestTextToVideoInput";
const STEM = "KlingPlusKlingO3ScaffoldTestTextToVideo";
const CHANGESET = ".changeset/add-model-kling-plus-kling-o3-scaffold-test-text-to-video.md";
const files = defaultSpecFiles;

/** What a maintainer types over the scaffold: every TODO line replaced, the scaffold's comments deleted. */
function fillModels(text: string): string {
  return text
    .replace(/^ +# Scaffolded by `pnpm new-model`.*\n.*\n/m, "")
    .replace(/^ +# One entry per input field on the page.*\n.*\n/m, "")
    .replace(/x-provider: "TODO: .*"/, "x-provider: Kling Plus")
    .replace(/title: "TODO: .*"/, "title: Kling O3 Scaffold Test — Text to Video")
    .replace(/url: "TODO: .*"/, "url: https://pixelbyte.mintlify.app/models/video/kling-plus/kling-o3-scaffold-test-text-to-video")
    .replace(/ +# keep: a misspelt field must not compile/, "")
    .replace(/ +# the fields the page marks required/, "")
    .replace(
      /^( +)prompt: "TODO: .*"$/m,
      (_, pad: string) =>
        [
          `${pad}prompt: {type: string, maxLength: 2500}`,
          `${pad}duration:`,
          `${pad}  type: string`,
          `${pad}  description: Clip length in seconds.`,
          `${pad}  enum: ["5", "10"]`,
          `${pad}  default: "5"`,
          `${pad}has_sound: {type: string, enum: ["false", "true"], default: "false"}`,
        ].join("\n"),
    );
}

function fillPricing(text: string, microCents = 210000): string {
  return text
    .replace(/^ +# Scaffolded by `pnpm new-model`.*\n.*\n/m, "")
    .replace(/^ +# One factor per priced input field.*\n.*\n.*\n.*\n/m, "")
    .replace(/source: "TODO: .*"/, "source: https://pixelbyte.mintlify.app/models/video/kling-plus/kling-o3-scaffold-test-text-to-video")
    .replace(/checked: "TODO: .*"/, "checked: 2026-11-25")
    .replace(/base: "TODO: .*"/, "base: 42000")
    .replace(/unit: "TODO: .*"/, "unit: second")
    .replace(
      /^( +)factors: "TODO: .*"$/m,
      (_, pad: string) =>
        [
          `${pad}factors:`,
          `${pad}  - field: duration`,
          `${pad}    table: {"5": "5", "10": "10"}`,
          `${pad}  - field: has_sound`,
          `${pad}    table: {"false": "1", "true": "1.5"}`,
        ].join("\n"),
    )
    .replace(/ +# the page's worked costs; generate recomputes every one/, "")
    .replace(/input: \{\} +# .*/, 'input: {duration: "5", has_sound: "false"}')
    .replace(/micro_cents: "TODO: .*"/, `micro_cents: ${microCents}`);
}

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const at = path.join(root, file);
  await writeFile(at, change(await readFile(at, "utf8")));
}

async function problemsOf(root: string): Promise<Problem[]> {
  const error = await generate({ root, files }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecError);
  return [...(error as SpecError).problems];
}

const byPath = (out: GeneratedFile[]) => new Map(out.map((f) => [f.path, f.content]));

/** `text` without the lines that mention `needle`, and how many there were. */
function withoutLines(text: string, needle: string): { text: string; removed: number } {
  const lines = text.split("\n");
  const kept = lines.filter((line) => !line.includes(needle));
  return { text: kept.join("\n"), removed: lines.length - kept.length };
}

describe("pnpm new-model", () => {
  let original: string;
  let baseline: Map<string, string>;

  beforeAll(async () => {
    original = await copyOfSpec("new-model");
    baseline = byPath((await generate({ root: original, files })).files);
  });

  test("inserts both entries in slug order and leaves every other byte of both files as it was", async () => {
    for (const slug of ["aaa/first/text-to-video", SLUG, "google/nano-banana-1/edit", "zzz/last/text-to-image"]) {
      const root = await copyOfSpec("new-model");
      const before = { models: await readFile(path.join(root, files.models), "utf8"), pricing: await readFile(path.join(root, files.pricing), "utf8") };
      const { written } = await newModel({ root, files, slug });
      for (const file of ["models", "pricing"] as const) {
        const after = await readFile(path.join(root, files[file]), "utf8");
        // The scaffolded entry and one blank line were inserted; the rest is the original, byte for byte.
        const entry = file === "models" ? modelsEntry(slug, "    ") : pricingEntry(slug, "  ");
        const at = after.indexOf(entry);
        expect(at, `${slug} ${file}`).toBeGreaterThan(0);
        const appended = at + entry.length === after.length;
        const without = appended ? after.slice(0, at - 1) + after.slice(at + entry.length) : after.slice(0, at) + after.slice(at + entry.length + 1);
        expect(without, `${slug} ${file}`).toBe(before[file]);
        // ...in sorted position.
        const slugs = file === "models" ? [...after.matchAll(/x-slug: (\S+)/g)].map((m) => m[1]!) : [...after.matchAll(/^ {2}([a-z0-9][^\s:]*):$/gm)].map((m) => m[1]!);
        expect(slugs).toContain(slug);
        expect(slugs).toEqual([...slugs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        const reported = written.find((w) => w.file === files[file])!;
        expect(after.split("\n")[reported.line - 1]).toMatch(file === "models" ? /^ {4}\w+Input:$/ : new RegExp(`^ {2}${slug.replace(/[.+]/g, "\\$&")}:$`));
      }
    }
  });

  test("an unfilled scaffold stops generate at each placeholder, with file:line:column and what to write", async () => {
    const root = await copyOfSpec("new-model");
    await newModel({ root, files, slug: SLUG });
    const problems = await problemsOf(root);
    const models = (await readFile(path.join(root, files.models), "utf8")).split("\n");
    const pricing = (await readFile(path.join(root, files.pricing), "utf8")).split("\n");
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      `spec/models.yaml components.schemas.${TYPE}["x-provider"]`,
      `spec/models.yaml components.schemas.${TYPE}.title`,
      `spec/models.yaml components.schemas.${TYPE}.externalDocs.url`,
      `spec/models.yaml components.schemas.${TYPE}.properties.prompt`,
      `spec/pricing.yaml models["${SLUG}"].source`,
      `spec/pricing.yaml models["${SLUG}"].checked`,
      `spec/pricing.yaml models["${SLUG}"].base`,
      `spec/pricing.yaml models["${SLUG}"].unit`,
      `spec/pricing.yaml models["${SLUG}"].factors`,
      `spec/pricing.yaml models["${SLUG}"].examples[0].micro_cents`,
    ]);
    for (const p of problems) {
      expect(p.check).toBe("scaffold");
      // The line and column point at the placeholder itself.
      const line = (p.file === files.models ? models : pricing)[p.line - 1]!;
      expect(line.slice(p.column - 1)).toMatch(/^"TODO: /);
    }
    const base = problems.find((p) => p.path.endsWith(".base"))!;
    expect(formatProblem(base)).toBe(
      `spec/pricing.yaml:${base.line}:${base.column} models["${SLUG}"].base: not filled in yet: this is a placeholder from \`pnpm new-model\`\n` +
        "  fix: replace the whole quoted value with the base cost in integer micro-cents per unit, unquoted (1,000,000 = $1)  [scaffold]",
    );
    expect(pricing[base.line - 1]).toMatch(/^ {4}base: "TODO: /);

    // Half filled in: only what is left is reported.
    await edit(root, files.models, fillModels);
    expect((await problemsOf(root)).map((p) => p.path)).toEqual(problems.filter((p) => p.file === files.pricing).map((p) => p.path));
  });

  test("filled in, a mistake is still caught by the usual checks: a worked example one micro-cent off", async () => {
    const root = await copyOfSpec("new-model");
    await newModel({ root, files, slug: SLUG });
    await edit(root, files.models, fillModels);
    await edit(root, files.pricing, (text) => fillPricing(text, 210001));
    const problems = await problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: files.pricing, path: `models["${SLUG}"].examples[0].micro_cents`, check: "example" });
    expect(problems[0]!.message).toContain("210000");
  });

  test("filled in: only the two YAML files change, and the output gains exactly the new model", async () => {
    const root = await copyOfSpec("new-model");
    const before = await snapshot(root);
    await newModel({ root, files, slug: SLUG });
    await edit(root, files.models, fillModels);
    await edit(root, files.pricing, fillPricing);
    expect(changedFiles(before, await snapshot(root))).toEqual({ changed: [files.models, files.pricing], added: [CHANGESET], removed: [] });

    const { model, files: out } = await generate({ root, files });
    const after = byPath(out);
    const clientFile = `packages/client/src/gen/models/${SLUG}.gen.ts`;
    const pricingFile = `packages/pricing/src/gen/models/${SLUG}.gen.ts`;
    const inputs = "packages/client/src/gen/model-inputs.gen.ts";
    const maps = {
      "packages/client/src/gen/model-schemas.gen.ts": 2, // import, modelSchemas entry
      "packages/client/src/gen/model-registry.gen.ts": 2, // import, modelDescriptors entry
      "packages/pricing/src/gen/index.gen.ts": 4, // import, modelPricing entry, modelPrices entry, PricedInputs entry
    };
    const docs = ["PRICING.md", "docs/models.md"];

    expect([...after.keys()].filter((f) => !baseline.has(f)).sort()).toEqual([clientFile, pricingFile]);
    expect([...baseline.keys()].filter((f) => !after.has(f))).toEqual([]);
    expect([...baseline].filter(([f, c]) => after.get(f) !== c).map(([f]) => f).sort()).toEqual([inputs, ...Object.keys(maps), ...docs].sort());

    // Each thin map: one new line per list it holds, each naming the model; nothing else moves.
    for (const [file, lines] of Object.entries(maps)) {
      const { text, removed } = withoutLines(after.get(file)!, STEM);
      expect(removed, file).toBe(lines);
      expect(text, file).toBe(baseline.get(file));
    }
    // Every input type in one file: the model's interface (the same block as in its own file) and its ModelInputs entry.
    const block = /\n\/\*\*\n \* Input of [^]*?\nexport interface \w+ \{\n[^]*?\n\}\n/.exec(after.get(clientFile)!)![0];
    expect(block).toContain(`export interface ${TYPE} {`);
    const inputsAfter = after.get(inputs)!;
    expect(inputsAfter).toContain(`\n${block}`);
    const inputsEntry = withoutLines(inputsAfter.replace(block, ""), TYPE);
    expect(inputsEntry.removed).toBe(1);
    expect(inputsEntry.text).toBe(baseline.get(inputs));
    // PRICING.md: one row in the Kling Plus table.
    const pricingMd = withoutLines(after.get("PRICING.md")!, `[${SLUG}](`);
    expect(pricingMd.removed).toBe(1);
    expect(pricingMd.text).toBe(baseline.get("PRICING.md"));
    // docs/models.md: the model count, one index line and the model's own section.
    const modelsMd = after.get("docs/models.md")!;
    const heading = `## ${SLUG}\n`;
    const start = modelsMd.indexOf(heading);
    const end = modelsMd.indexOf("\n## ", start + heading.length) + 1;
    expect(start).toBeGreaterThan(0);
    const section = modelsMd.slice(start, end);
    expect(section).toContain("Kling O3 Scaffold Test — Text to Video");
    const rest = withoutLines(modelsMd.slice(0, start) + modelsMd.slice(end), `[${SLUG}](`);
    expect(rest.removed).toBe(1);
    expect(rest.text).toBe(baseline.get("docs/models.md")!.replace(`${model.models.length - 1} models.`, `${model.models.length} models.`));

    // The generated price is the one written in the spec.
    const entry = model.models.find((m) => m.slug === SLUG)!;
    expect(entry.typeName).toBe(TYPE);
    expect(computePrice(entry.pricing, { duration: "10", has_sound: "true" }).microCents).toBe(630000);
    expect(after.get(clientFile)).toContain(`export interface ${TYPE} {`);
  });

  test("refuses an existing slug, a malformed one and a schema-name clash, with one line and exit code 2, writing nothing", async () => {
    const root = await copyOfSpec("new-model");
    const before = await snapshot(root);
    const cases: [string, RegExp][] = [
      ["kling-plus/kling-o3-standard/text-to-video", /^new-model: model "kling-plus\/kling-o3-standard\/text-to-video" already exists in .*models\.yaml or .*pricing\.yaml; edit its entries instead$/],
      ["Kling-Plus/O3/text-to-video", /^new-model: "Kling-Plus\/O3\/text-to-video" is not a model slug: write provider\/model\/capability in lower case/],
      ["kling-plus", /is not a model slug/],
      ["a/b/c/d", /is not a model slug/],
      ["a//b", /is not a model slug/],
      // Same PascalCase as alibaba-plus/wan-2.6-flash/image-to-video: the generated type names would clash.
      ["alibaba-plus/wan-2-6-flash/image-to-video", /^new-model: schema key AlibabaPlusWan26FlashImageToVideoInput \(the PascalCase of "alibaba-plus\/wan-2-6-flash\/image-to-video"\) is already used in/],
    ];
    for (const [slug, message] of cases) {
      const error = await newModel({ root, files, slug }).then(() => undefined, (e: unknown) => e);
      expect(error, slug).toBeInstanceOf(ScaffoldRefusal);
      expect(`new-model: ${(error as Error).message}`, slug).toMatch(message);
    }
    // Through the command, as `pnpm new-model` runs it (two cases: each start loads the whole codegen).
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    for (const [slug, message] of cases.slice(0, 2)) {
      const result = await run(process.execPath, [tsx, "--conditions=source", "codegen/src/cli.ts", "new-model", slug, "--spec-dir", path.join(root, "spec")], { cwd: repoRoot }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
      expect(result.code, slug).toBe(2);
      expect(result.stderr.trimEnd().split("\n"), slug).toHaveLength(1);
      expect(result.stderr.trimEnd(), slug).toMatch(message);
    }
    expect(changedFiles(before, await snapshot(root))).toEqual({ changed: [], added: [], removed: [] });
  }, 120_000);

  test("the changeset it writes becomes a changelog entry and a minor release of both generated packages", async () => {
    const root = await copyOfSpec("new-model");
    // A workspace skeleton: the root manifest, the workspace file and the published packages' manifests.
    await cp(path.join(repoRoot, "package.json"), path.join(root, "package.json"));
    await cp(path.join(repoRoot, "pnpm-workspace.yaml"), path.join(root, "pnpm-workspace.yaml"));
    const versions: Record<string, string> = {};
    for (const pkg of ["client", "pricing"]) {
      await mkdir(path.join(root, "packages", pkg), { recursive: true });
      await cp(path.join(repoRoot, "packages", pkg, "package.json"), path.join(root, "packages", pkg, "package.json"));
      versions[pkg] = JSON.parse(await readFile(path.join(root, "packages", pkg, "package.json"), "utf8")).version;
    }
    await symlink(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");

    await newModel({ root, files, slug: SLUG });
    expect(await readFile(path.join(root, CHANGESET), "utf8")).toBe(
      `---\n"@pixelbyte/client": minor\n"@pixelbyte/pricing": minor\n---\n\nAdd model \`${SLUG}\`: its input type and schema in @pixelbyte/client, its price in @pixelbyte/pricing.\n`,
    );
    await run(process.execPath, [path.join(repoRoot, "node_modules/@changesets/cli/bin.js"), "version"], { cwd: root });
    for (const pkg of ["client", "pricing"]) {
      const manifest = JSON.parse(await readFile(path.join(root, "packages", pkg, "package.json"), "utf8"));
      const [major, minor] = versions[pkg]!.split(".").map(Number);
      expect(manifest.version).toBe(`${major}.${minor! + 1}.0`);
      const changelog = await readFile(path.join(root, "packages", pkg, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${manifest.version}\n\n### Minor Changes\n\n- Add model \`${SLUG}\``);
    }
    // `changeset version` consumed it.
    await expect(readFile(path.join(root, CHANGESET))).rejects.toThrow(/ENOENT/);
  });

  test("with --spec-dir, the changeset goes beside that spec, never into the repository's .changeset/", async () => {
    const root = await copyOfSpec("new-model");
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    try {
      const { stdout } = await run(process.execPath, [tsx, "--conditions=source", "codegen/src/cli.ts", "new-model", SLUG, "--spec-dir", path.join(root, "spec")], { cwd: repoRoot });
      expect(stdout).toContain(`${CHANGESET}:1`);
      expect(await readFile(path.join(root, CHANGESET), "utf8")).toContain(`Add model \`${SLUG}\``);
      await expect(readFile(path.join(repoRoot, CHANGESET))).rejects.toThrow(/ENOENT/);
    } finally {
      // Before the fix it landed here: leave no stray changeset in the checkout.
      await rm(path.join(repoRoot, CHANGESET), { force: true });
    }
  }, 60_000);
});
