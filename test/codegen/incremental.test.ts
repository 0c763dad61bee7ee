import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { checkouts, cli, fullProblems, outputs, problemLines } from "./incremental-checkout.js";

// The incremental `generate` (the compiled CLI, node codegen/run.mjs, as `pnpm generate` runs it) must
// leave exactly the files a full generate of the same spec writes, byte for byte, whatever changed
// since its last run: a model added, changed or removed, a generated file edited or added by hand, a
// damaged cache, the generator itself. And it must report every problem a full generate reports.

const { checkout, full, generatorCopy } = await checkouts("incremental");

const edit = async (root: string, file: string, change: (text: string) => string) => {
  const target = path.join(root, "spec", file);
  await writeFile(target, change(await readFile(target, "utf8")));
};

/** A sixth model: a copy of Kling O3 Standard under another slug, its two entries inserted in slug order. */
async function addModel(root: string): Promise<void> {
  const copyOf = (text: string, start: string, next: string) => {
    const from = text.indexOf(start);
    return text.slice(from, text.indexOf(next, from));
  };
  await edit(root, "models.yaml", (text) => {
    const entry = copyOf(text, "    KlingPlusKlingO3StandardTextToVideoInput:", "    MinimaxPlusHailuo23ProTextToVideoInput:");
    const added = entry.replace("KlingPlusKlingO3StandardTextToVideoInput", "KlingPlusKlingO3CopyTextToVideoInput").replaceAll("kling-plus/kling-o3-standard/text-to-video", "kling-plus/kling-o3-copy/text-to-video").replace(/title: .*/, "title: Kling O3 Copy — Text to Video");
    return text.replace("    KlingPlusKlingO3StandardTextToVideoInput:", `${added}    KlingPlusKlingO3StandardTextToVideoInput:`);
  });
  await edit(root, "pricing.yaml", (text) => {
    const entry = copyOf(text, "  kling-plus/kling-o3-standard/text-to-video:", "  minimax-plus/hailuo-2.3-pro/text-to-video:");
    return text.replace("  kling-plus/kling-o3-standard/text-to-video:", `${entry.replace("kling-plus/kling-o3-standard/text-to-video:", "kling-plus/kling-o3-copy/text-to-video:")}  kling-plus/kling-o3-standard/text-to-video:`);
  });
}

describe("the incremental generate writes what a full generate writes", () => {
  let root: string;
  beforeAll(async () => {
    root = await checkout("incremental");
  });

  test("first run: everything, as a full generate", async () => {
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(await outputs(root)).toEqual(await full(root));
  });

  test("nothing changed: nothing is loaded or written", async () => {
    const result = await cli(root);
    expect(result.stdout).toMatch(/0 written, \d+ unchanged, 0 removed \(nothing changed since the last run\)/);
  });

  test("a model changed: only it is rebuilt; maps and docs follow", async () => {
    await edit(root, "models.yaml", (text) => text.replace("description: Clip length in seconds.\n          enum: [\"3\"", "description: Clip length, in seconds.\n          enum: [\"3\""));
    await edit(root, "pricing.yaml", (text) => text.replace('table: {"false": "1", "true": "1.5"}', 'table: {"false": "1", "true": "1.6"}').replace("micro_cents: 1260000", "micro_cents: 1344000"));
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\(1 changed models rebuilt\)/);
    expect(await outputs(root)).toEqual(await full(root));
  });

  test("a model added: only it is built", async () => {
    await addModel(root);
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\(1 changed models rebuilt\)/);
    const files = await outputs(root);
    expect(Object.keys(files)).toContain("packages/client/src/gen/models/kling-plus/kling-o3-copy/text-to-video.gen.ts");
    expect(files).toEqual(await full(root));
  });

  test("a model removed: its files go, nothing is rebuilt", async () => {
    await edit(root, "models.yaml", (text) => {
      const from = text.indexOf("    OpenaiSora2ProTextToVideoInput:");
      return text.slice(0, from) + text.slice(text.indexOf("    PixelbytePlusPixelImage10TextToImageInput:"));
    });
    await edit(root, "pricing.yaml", (text) => {
      const from = text.indexOf("  openai/sora-2-pro/text-to-video:");
      return text.slice(0, from) + text.slice(text.indexOf("  pixelbyte-plus/pixel-image-1.0/text-to-image:"));
    });
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/[1-9]\d* removed \(0 changed models rebuilt\)/);
    const files = await outputs(root);
    expect(Object.keys(files).some((f) => f.includes("sora-2-pro"))).toBe(false);
    expect(files).toEqual(await full(root));
  });

  test("a generated file edited by hand, and files added anywhere in the generated folders, are put back as generated", async () => {
    const edited = path.join(root, "packages/client/src/gen/models/minimax-plus/hailuo-2.3-pro/text-to-video.gen.ts");
    await writeFile(edited, `${await readFile(edited, "utf8")}// hand edit\n`);
    await writeFile(path.join(root, "packages/pricing/src/gen/models/stray.gen.ts"), "export {};\n");
    // In the folder the removed model left empty, and in a new folder.
    await writeFile(path.join(root, "packages/client/src/gen/models/openai/sora-2-pro/text-to-video.gen.ts"), "export {};\n");
    await mkdir(path.join(root, "packages/client/src/gen/models/new/folder"), { recursive: true });
    await writeFile(path.join(root, "packages/client/src/gen/models/new/folder/stray.gen.ts"), "export {};\n");
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(await outputs(root)).toEqual(await full(root));
  });

  test("a damaged cache costs time, not correctness", async () => {
    const dir = path.join(root, "node_modules/.cache/pixelbyte-codegen");
    for (const name of await readdir(dir)) await writeFile(path.join(dir, name), "not a cache record");
    await edit(root, "models.yaml", (text) => text.replace("Clip length, in seconds.", "Clip length in seconds."));
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(await outputs(root)).toEqual(await full(root));
  });

  test("a unit table cut short costs time, not correctness", async () => {
    // The per-model units are a table of strings sliced by length (cache-dir.ts): slices that do not end where the file ends are no record.
    const table = path.join(root, "node_modules/.cache/pixelbyte-codegen/units.strings");
    expect((await cli(root)).code).toBe(0);
    await edit(root, "models.yaml", (text) => text.replace("Clip length in seconds.", "Clip length, in seconds."));
    expect((await cli(root)).code).toBe(0);
    const text = await readFile(table, "utf8");
    await writeFile(table, text.slice(0, text.length - 40));
    await edit(root, "models.yaml", (text) => text.replace("Clip length, in seconds.", "Clip length in seconds."));
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    expect(await outputs(root)).toEqual(await full(root));
  });

  // Each mistake after a clean run (everything cached): the CLI reports exactly what a full generate does.
  const mistakes: [string, (root: string) => Promise<void>][] = [
    ["an OpenAPI lint error in one model entry (linted alone, then with the whole document)", (r) => edit(r, "models.yaml", (t) => t.replace("maxLength: 2500", "maxLength: long"))],
    ["a pricing schema error", (r) => edit(r, "pricing.yaml", (t) => t.replace("    base: 84000\n", '    base: "84000"\n'))],
    ["a cross-check error (a factor reading no field)", (r) => edit(r, "pricing.yaml", (t) => t.replace("- field: has_sound", "- field: has_sounds"))],
    ["a worked example one micro-cent off", (r) => edit(r, "pricing.yaml", (t) => t.replace("micro_cents: 420000", "micro_cents: 420001"))],
    ["a YAML syntax error", (r) => edit(r, "pricing.yaml", (t) => t.replace('table: {"false": "1", "true": "1.5"}', 'table: {"false": "1", "true": "1.5"'))],
  ];
  test.each(mistakes)("a problem is never hidden by the cache: %s", async (_, make) => {
    const clean = await checkout("mistake");
    await addModel(clean);
    expect((await cli(clean)).code).toBe(0);
    const before = await outputs(clean);
    await make(clean);
    const expected = await fullProblems(clean);
    expect(expected.length).toBeGreaterThan(0);
    const result = await cli(clean);
    expect(result.code).toBe(1);
    // The launcher may say it rebuilt codegen/dist first: not a problem line.
    expect(problemLines(result.stderr).join("\n")).toBe(expected.join("\n"));
    // Nothing was written.
    expect(await outputs(clean)).toEqual(before);
  });
});

describe("the generator that runs is the generator in the sources", () => {
  test("a template changed (in a copy of the generator): rebuilt, every model rebuilt, as a full generate of the copy", async () => {
    const other = await generatorCopy();
    const template = path.join(other, "codegen/src/emit/templates/client-model.hbs");
    await writeFile(template, (await readFile(template, "utf8")).replace("export const slug", "/** The model's slug. */\nexport const slug"));

    const root = await checkout("generator-change");
    expect((await cli(root)).code).toBe(0);
    const result = await cli(root, [], path.join(other, "codegen/run.mjs"));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/rebuilt \S*codegen\/dist\//);
    expect(result.stdout).not.toMatch(/changed models rebuilt/);
    const files = await outputs(root);
    expect(files["packages/client/src/gen/models/openai/sora-2-pro/text-to-video.gen.ts"]).toContain("/** The model's slug. */");
    // The copy's full generate, from a fresh checkout.
    const fresh = await checkout("generator-change-fresh");
    expect((await cli(fresh, [], path.join(other, "codegen/run.mjs"))).code).toBe(0);
    expect(files).toEqual(await outputs(fresh));
  });

  test("when it cannot be compiled (no esbuild), the sources run through tsx, with a message, to the same files", async () => {
    const other = await generatorCopy(["esbuild"]);
    const root = await checkout("without-esbuild");
    const result = await cli(root, [], path.join(other, "codegen/run.mjs"));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/could not build codegen\/dist \(.*esbuild.*\); running the TypeScript sources with tsx instead/);
    expect(await outputs(root)).toEqual(await full(root));
  });
});
