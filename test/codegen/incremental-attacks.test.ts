// The incremental `generate` (node codegen/run.mjs, as `pnpm generate` runs it) attacked the way a
// maintainer's checkout gets treated: generated files edited in place with their size and
// modification time put back (`touch -r`), deleted, strays added to a folder whose time is put back,
// cache records damaged while still parsing, two runs at once, a change reverted, a model renamed,
// only whitespace or comments changed, only a price changed, a problem made after a clean run. After
// each, the output must be byte for byte what a full generate of the same spec writes, and a problem
// must be reported exactly as a full generate reports it.
import { execFile } from "node:child_process";
import { cp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { checkouts, cli, fullProblems, node, outputs, problemLines } from "./incremental-checkout.js";

const run = promisify(execFile);
const { fresh, checkout, full, generatorCopy } = await checkouts("incremental-attacks");

const edit = async (root: string, file: string, change: (text: string) => string) => {
  const target = path.join(root, "spec", file);
  const before = await readFile(target, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  await writeFile(target, after);
};

/** `touch -r from to`: `to` gets `from`'s access and modification times, to the nanosecond. */
const touchRef = (from: string, to: string) => run("touch", ["-r", from, to]);

/** The same number of bytes, other content: the first "export" becomes "EXPORT". */
const sameSize = (text: string) => text.replace("export", "EXPORT");

const CLIENT_MODEL = "packages/client/src/gen/models/minimax-plus/hailuo-2.3-pro/text-to-video.gen.ts";
const PRICING_MODEL = "packages/pricing/src/gen/models/minimax-plus/hailuo-2.3-pro/text-to-video.gen.ts";

describe("after a clean run, whatever happens to the checkout, generate writes what a full generate writes", () => {
  let root: string;
  beforeAll(async () => {
    root = await checkout();
    expect((await cli(root)).code).toBe(0);
  });

  const matchesFull = async (result: { code: number; stderr: string }) => {
    expect(result.code, result.stderr).toBe(0);
    expect(await outputs(root)).toEqual(await full(root));
    // And generate --check agrees.
    expect((await cli(root, ["--check"])).code).toBe(0);
  };

  test("generated files edited in place (same size) and a stray file added, their times and their folder's put back with touch -r", async () => {
    const ref = fresh("ref");
    await writeFile(ref, "");
    for (const file of [CLIENT_MODEL, PRICING_MODEL, "packages/client/src/gen/model-registry.gen.ts", "PRICING.md", "docs/models.md"]) {
      const target = path.join(root, file);
      await touchRef(target, ref);
      await writeFile(target, sameSize(await readFile(target, "utf8")));
      await touchRef(ref, target);
    }
    const folder = path.join(root, "packages/pricing/src/gen/models/openai/sora-2-pro");
    await touchRef(folder, ref);
    await writeFile(path.join(folder, "stray.gen.ts"), "export {};\n");
    await touchRef(ref, folder);
    await matchesFull(await cli(root));
  });

  test("a generated file deleted", async () => {
    await unlink(path.join(root, CLIENT_MODEL));
    await matchesFull(await cli(root));
  });

  test("a generated folder deleted", async () => {
    await rm(path.join(root, "packages/pricing/src/gen/models/openai"), { recursive: true });
    await matchesFull(await cli(root));
  });

  test("a cache file truncated, then a model changed", async () => {
    const dir = path.join(root, "node_modules/.cache/pixelbyte-codegen");
    for (const name of await readdir(dir)) {
      const file = path.join(dir, name);
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text !== undefined) await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
    }
    await edit(root, "models.yaml", (t) => t.replace("Clip length in seconds.", "Clip length in secs."));
    await matchesFull(await cli(root));
  });

  test("a change reverted: back to the first output", async () => {
    const first = await outputs(root);
    const models = await readFile(path.join(root, "spec/models.yaml"), "utf8");
    await edit(root, "models.yaml", (t) => t.replace("Clip length in secs.", "Clip length in whole seconds."));
    expect((await cli(root)).code).toBe(0);
    expect(await outputs(root)).not.toEqual(first);
    await writeFile(path.join(root, "spec/models.yaml"), models);
    await matchesFull(await cli(root));
    expect(await outputs(root)).toEqual(first);
  });

  test("only whitespace and comments changed in both YAML files", async () => {
    const first = await outputs(root);
    await edit(root, "models.yaml", (t) => t.replace("    MinimaxPlusHailuo23ProTextToVideoInput:", "    # a comment\n\n    MinimaxPlusHailuo23ProTextToVideoInput:   "));
    await edit(root, "pricing.yaml", (t) => t.replace("    base: 50000", "    base:   50000   # per request"));
    await matchesFull(await cli(root));
    expect(await outputs(root)).toEqual(first);
  });

  test("both YAML files converted to CRLF line endings with a byte order mark (a checkout with autocrlf)", async () => {
    for (const file of ["models.yaml", "pricing.yaml"]) await edit(root, file, (t) => `\ufeff${t.replaceAll("\n", "\r\n")}`);
    await matchesFull(await cli(root));
    for (const file of ["models.yaml", "pricing.yaml"]) await edit(root, file, (t) => t.replace(/^\ufeff/, "").replaceAll("\r\n", "\n"));
    await matchesFull(await cli(root));
  });

  test("only a price changed (pricing.yaml alone)", async () => {
    await edit(root, "pricing.yaml", (t) => t.replace(/base: +50000/, "base: 60000").replace("micro_cents: 50000", "micro_cents: 60000"));
    await matchesFull(await cli(root));
  });

  test("a model renamed (its slug, its key and its price entry)", async () => {
    await edit(root, "models.yaml", (t) => t.replace("MinimaxPlusHailuo23ProTextToVideoInput:", "MinimaxPlusHailuo24ProTextToVideoInput:").replace("x-slug: minimax-plus/hailuo-2.3-pro/text-to-video", "x-slug: minimax-plus/hailuo-2.4-pro/text-to-video"));
    await edit(root, "pricing.yaml", (t) => t.replace("  minimax-plus/hailuo-2.3-pro/text-to-video:", "  minimax-plus/hailuo-2.4-pro/text-to-video:"));
    await matchesFull(await cli(root));
    expect(Object.keys(await outputs(root)).some((f) => f.includes("hailuo-2.3-pro"))).toBe(false);
  });

  test("two generates at once after a change", async () => {
    await edit(root, "models.yaml", (t) => t.replace("Clip length in seconds.", "Clip length (seconds)."));
    const results = await Promise.all([cli(root), cli(root), cli(root)]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    await matchesFull(await cli(root));
  });
  test("a cache record damaged but still parsing (a changed character in every record), then a model changed", async () => {
    root = await checkout();
    expect((await cli(root)).code).toBe(0);
    const dir = path.join(root, "node_modules/.cache/pixelbyte-codegen");
    for (const name of await readdir(dir)) {
      if (!name.endsWith(".json")) continue;
      const file = path.join(dir, name);
      const text = await readFile(file, "utf8");
      // Every "Hailuo" a kept record holds (the model's title in its views) becomes "Hailuu": valid JSON, same key.
      await writeFile(file, text.replaceAll("Hailuo", "Hailuu"));
    }
    await edit(root, "models.yaml", (t) => t.replace("Clip length in seconds.", "Clip length, in seconds."));
    await matchesFull(await cli(root));
  });


  test("the cached pricing validator damaged into one that passes everything, then a pricing schema error", async () => {
    root = await checkout();
    expect((await cli(root)).code).toBe(0);
    const dir = path.join(root, "node_modules/.cache/pixelbyte-codegen");
    const validator = (await readdir(dir)).find((name) => name.startsWith("pricing-validator-"));
    expect(validator).toBeDefined();
    await writeFile(path.join(dir, validator!), "module.exports = () => true;\n");
    await edit(root, "pricing.yaml", (t) => t.replace("    base: 84000\n", '    base: "84000"\n'));
    const expected = await fullProblems(root);
    expect(expected.length).toBeGreaterThan(0);
    const result = await cli(root);
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr).join("\n")).toBe(expected.join("\n"));
  });
});

describe("a problem made after a clean run is reported as a full generate reports it, and nothing is written", () => {
  const mistakes: [string, (root: string) => Promise<void>][] = [
    ["two models with one slug", (r) => edit(r, "models.yaml", (t) => t.replace("x-slug: openai/sora-2-pro/text-to-video", "x-slug: minimax-plus/hailuo-2.3-pro/text-to-video"))],
    ["a price entry for no model", (r) => edit(r, "pricing.yaml", (t) => t.replace("  openai/sora-2-pro/text-to-video:", "  openai/sora-2-pro/text-to-vide:"))],
    ["a $ref in a model input", (r) => edit(r, "models.yaml", (t) => t.replace("        prompt:\n          type: string\n          maxLength: 2500", '        prompt:\n          $ref: "#/components/schemas/OpenaiSora2ProTextToVideoInput"'))],
    ["a YAML anchor and alias across two entries", (r) => edit(r, "models.yaml", (t) => t.replace("x-provider: Kling Plus", "x-provider: &p Kling Plus").replace("x-provider: MiniMax Plus", "x-provider: *p"))],
    ["a rounding rule that is not one", (r) => edit(r, "pricing.yaml", (t) => t.replace("rounding: half-up", "rounding: half-sideways"))],
  ];
  let clean: string;
  beforeAll(async () => {
    clean = await checkout();
    expect((await cli(clean)).code).toBe(0);
  });
  test.each(mistakes)("%s", async (_, make) => {
    // A copy of one clean run, its cache and stamp included (copied files are checked by content).
    const root = fresh("mistake");
    await cp(clean, root, { recursive: true });
    const before = await outputs(root);
    await make(root);
    const expected = await fullProblems(root);
    const result = await cli(root);
    if (expected.length === 0) {
      // Not a problem for a full generate: then the same output.
      expect(result.code, result.stderr).toBe(0);
      expect(await outputs(root)).toEqual(await full(root));
      return;
    }
    expect(result.code).toBe(1);
    expect(problemLines(result.stderr).join("\n")).toBe(expected.join("\n"));
    expect(await outputs(root)).toEqual(before);
  });
});

describe("a fresh clone where codegen/dist cannot be built", () => {
  test("the postinstall (node codegen/build.mjs) without esbuild: one line saying what happens instead, and the install goes on", async () => {
    const other = await generatorCopy(["esbuild"]);
    const result = await node(other, "codegen/build.mjs");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^codegen: could not build codegen\/dist \(.*esbuild.*\); `pnpm generate` will run the TypeScript sources with tsx instead \(slower start\)\n$/);
  });

  test("generate with neither esbuild nor tsx: exit 1 and the install command, no stack trace", async () => {
    const other = await generatorCopy(["esbuild", "tsx"]);
    const result = await node(other, "codegen/run.mjs", "generate", "--root", await checkout());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/codegen: tsx is not installed either: run `npx -y pnpm@10 install` first\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
