// The maps and docs joined from per-model chunks (render.ts, template-parts.mjs), attacked through the
// incremental `generate` on one checkout: model titles and descriptions holding template syntax, the
// marker the outer template uses, line breaks (LF, CRLF), astral characters (UTF-16 lengths in the
// chunk cache's string table) and very long text; a provider renamed so the nested per-provider
// blocks regroup; a model moved to another place in the file. After each edit the output must be byte
// for byte what a full generate writes, and `generate --check` clean.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { CacheDir } from "../../codegen/src/cache/cache-dir.js";
import { checkouts, cli, outputs } from "./incremental-checkout.js";

const { checkout, fresh, full } = await checkouts("render-chunks-attacks");

const edit = async (root: string, change: (text: string) => string) => {
  const target = path.join(root, "spec/models.yaml");
  const before = await readFile(target, "utf8");
  const after = change(before);
  expect(after, "the edit changed nothing").not.toBe(before);
  await writeFile(target, after);
};

const TITLE = "Sora 2 Pro — Text to Video";
const DESCRIPTION = "Clip length in seconds.";
const PROVIDER = "x-provider: MiniMax Plus";
// The attacked lines, whatever they hold now: one model's title, every clip length's description.
const TITLE_LINE = /(x-provider: OpenAI\n {6}title: )[^\n]*/;
const DESCRIPTION_LINE = /(description: )(?:Clip length in seconds\.|"[^\n]*")/g;

// Each: the text put as a (JSON-quoted, so YAML reads it exactly) title of one model and description of some fields.
const texts: [string, string][] = [
  ["template syntax", "{{#each models}} {{title}} {{/each}} }} {{"],
  ["a block's tags on their own lines", "\n{{#each models}}\n{{/each}}\n"],
  ["the outer template's marker", "\uE000chunk0\uE000\n\uE000chunk1\uE000\n"],
  ["CRLF and a lone CR", "one\r\ntwo\rthree\n"],
  ["astral characters", "🎬 𝒳 \u{10FFFF} 😀😀"],
  ["very long text", "long ".repeat(20_000) + "🎬"],
];

describe("a model's text that could confuse the chunk cut or the chunk cache: the incremental generate writes what a full generate writes", () => {
  let root: string;
  beforeAll(async () => {
    root = await checkout();
    expect((await cli(root)).code).toBe(0);
  });

  const matchesFull = async (changes = true) => {
    const before = await outputs(root);
    const result = await cli(root);
    expect(result.code, result.stderr).toBe(0);
    const after = await outputs(root);
    // The edit reached the generated files (else the comparison proves nothing).
    if (changes) expect(after).not.toEqual(before);
    expect(after).toEqual(await full(root));
    expect((await cli(root, ["--check"])).code).toBe(0);
  };

  test.each(texts)("%s in a title and descriptions", async (_, text) => {
    const quoted = JSON.stringify(text);
    await edit(root, (t) => t.replace(TITLE_LINE, `$1${quoted}`).replaceAll(DESCRIPTION_LINE, `$1${quoted}`));
    await matchesFull();
  });

  test("a provider renamed (a nested per-provider block regroups), then a new provider, then back", async () => {
    await edit(root, (t) => t.replace(PROVIDER, "x-provider: OpenAI"));
    await matchesFull();
    await edit(root, (t) => t.replace("x-provider: OpenAI", "x-provider: \"{{#each models}}\""));
    await matchesFull();
    await edit(root, (t) => t.replace("x-provider: \"{{#each models}}\"", "x-provider: \"🎬 Zeta\\r\\nCo\""));
    await matchesFull();
  });

  test("models moved to another place in the file", async () => {
    await edit(root, (t) => {
      const start = t.indexOf("    BytedancePlus");
      const end = t.indexOf("    KlingPlus");
      return t.slice(0, start) + t.slice(end) + (t.endsWith("\n") ? "" : "\n") + t.slice(start, end);
    });
    // Models are generated in slug order: the files do not change.
    await matchesFull(false);
  });

  test("back to the first texts", async () => {
    await edit(root, (t) => t.replace(TITLE_LINE, `$1${TITLE}`).replaceAll(DESCRIPTION_LINE, `$1${DESCRIPTION}`));
    await matchesFull();
  });
});

describe("the chunk cache's string table (CacheDir.writeStrings/readStrings) gives back exactly what it was given, or nothing", () => {
  // Lengths are UTF-16 code units and the file is UTF-8: astral characters, empty strings and lists,
  // keys and meta holding line breaks must come back whole.
  const entries: [string, string[]][] = [
    ["a/b\nc", ["", "🎬𝒳\u{10FFFF}", "\r\n", "x".repeat(100_000)]],
    ["", []],
    ["é", ["\uE000chunk0\uE000\n", "{{#each models}}\n{{/each}}\n", ""]],
  ];

  test("astral characters, empty strings and lists, line breaks, long strings", () => {
    const store = new CacheDir(fresh("strings"));
    store.writeStrings("t.strings", "k", { note: "🎬\n" }, entries);
    expect(store.readStrings("t.strings", "k")).toEqual({ meta: { note: "🎬\n" }, entries });
    expect(store.readStrings("t.strings", "other key")).toBeUndefined();
  });

  test("a lone surrogate (UTF-8 cannot hold it, so the file holds U+FFFD) is no record, not a changed string", () => {
    const store = new CacheDir(fresh("strings"));
    store.writeStrings("t.strings", "k", null, [["m", ["a\uD800b", "🎬"]]]);
    expect(store.readStrings("t.strings", "k")).toBeUndefined();
  });
});
