import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { readYamlEntries } from "../../codegen/src/load/yaml-cached.js";
import { readYamlFast } from "../../codegen/src/load/yaml-fast.js";
import { parseYamlSource } from "../../codegen/src/load/yaml-source.js";
import { repoRoot } from "./scenarios.js";

// The fast YAML reader (js-yaml, no positions) may only ever read what the positioned reader (yaml)
// reads, to the same data; everything else it must hand back (undefined), so that the positioned
// reader reads the file and reports what is wrong exactly as before.

/** What the positioned reader makes of a text: its data, or undefined when it refuses it. */
function positioned(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

const read = (file: string) => readFile(path.join(repoRoot, file), "utf8");
const FILES = ["spec/openapi.yaml", "spec/models.yaml", "spec/pricing.yaml", "spec/api/components/jobs.yaml", "test/fixtures/specs/first-models/models.yaml", "test/fixtures/specs/first-models/pricing.yaml"];

describe("the fast YAML reader", () => {
  test.each(FILES)("reads %s, to the same data as the positioned reader", async (file) => {
    const text = await read(file);
    const fast = readYamlFast(text);
    expect(fast, "the spec's own files are read fast").toBeDefined();
    expect(fast).toStrictEqual(positioned(text));
  });

  const asides: Record<string, string> = {
    "an anchor and an alias": "a: &x 1\nb: *x\n",
    "a tag": "a: !!str 1\n",
    "a directive": "%YAML 1.2\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a tab": "a:\n\tb: 1\n",
    "an explicit key": "? a\n: 1\n",
    "a collection as a key": "[a, b]: 1\n",
    "a null key": "~: 1\nb: 2\n",
    "an empty key": ": 1\n",
    "__proto__": "__proto__: {a: 1}\n",
    "an octal number (YAML 1.1 reads 8)": "a: 010\n",
    "a hex number": "a: 0x10\n",
    "an exponent": "a: 1e3\n",
    "a plus sign": "a: +1\n",
    "infinity": "a: .inf\n",
    "negative zero (the entry cache's JSON drops its sign)": "a: -0\n",
    "more digits than a double holds": "a: 12345678901234567\n",
    "a flow sequence going on at a shallower indent": "a:\n  b: [1,\n2]\n",
    "a quoted value going on at the key's indent": 'a:\n  b: "one\n  two"\n',
    "a list at the top": "- a\n- b\n",
    "a scalar at the top": "just text\n",
    "an empty file": "# only a comment\n",
    "a duplicated key": "a: 1\na: 2\n",
    "a syntax error": "a: {b: 1\n",
  };
  test.each(Object.entries(asides))("steps aside for %s", (_, text) => {
    expect(readYamlFast(text)).toBeUndefined();
  });

  test("reads what it may to the same data: plain numbers, booleans, nulls, quoted and block scalars, flow collections over lines", () => {
    const text = [
      "int: 42", "neg: -7", "dec: 1.50", "zero: 0.0", "yes: true", "no: False", "nothing: ~", "empty:", "str: '010'", "dq: \"a\\tb \\u00e9\"",
      "url: https://example.com/a{b}:c", "table: {\"4\": \"4\", 16:9: \"1.5\", \"true\": \"1\"}", "list: [a, \"b, c\", 3]",
      "long: [1,", "  2]", "quoted: \"one", "  two\"", "folded: >", "  a", "  b", "literal: |", "  line 1", "  line 2", "key with spaces: v", "\"10\": ten", "1.0: one",
    ].join("\n");
    const fast = readYamlFast(text);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(positioned(text));
  });

  test("1,500 seeded mutations of the fixtures: whatever it reads, whole or entry by entry, the positioned reader reads to the same data", async () => {
    const texts = await Promise.all(FILES.slice(4).map(read));
    // Entry by entry, with every entry of the unmutated files read before (as an incremental run has them).
    const at = (i: number) => (i % texts.length === 0 ? ["components", "schemas"] : ["models"]);
    const entries = new Map<string, { key: string; value: unknown }>();
    texts.forEach((text, i) => readYamlEntries(text, at(i), entries));
    let state = 20261129;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [":", " ", "\n", "  ", "-", '"', "'", "{", "}", "[", "]", ",", "#", "|", ">", "0", "1.5", "0x1", "1e3", "true", "null", "~", "\\", ": ", "- ", "010", "+1", "é", "\r\n"];
    let accepted = 0;
    for (let i = 0; i < 1500; i++) {
      let text = texts[i % texts.length]!;
      for (let e = 0; e < 1 + Math.floor(random() * 3); e++) {
        const at = Math.floor(random() * text.length);
        const kind = random();
        if (kind < 0.4) text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at);
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
        else {
          // Shift one line's indent.
          const start = text.lastIndexOf("\n", at) + 1;
          text = random() < 0.5 ? `${text.slice(0, start)}${" ".repeat(1 + Math.floor(random() * 3))}${text.slice(start)}` : text.slice(0, start) + text.slice(start).replace(/^ {1,3}/, "");
        }
      }
      const byEntry = readYamlEntries(text, at(i), new Map(entries))?.data;
      if (byEntry !== undefined) expect(byEntry, text).toStrictEqual(positioned(text));
      const fast = readYamlFast(text);
      if (fast === undefined) continue;
      accepted++;
      expect(fast, text).toStrictEqual(positioned(text));
    }
    // Most mutations keep a readable file: the comparison is not vacuous.
    expect(accepted).toBeGreaterThan(500);
  });

  test("entry by entry, from an empty or a full cache, as the whole file: the spec, and entries laid out every way", async () => {
    const layouts = [
      ...(await Promise.all(["spec/models.yaml", "test/fixtures/specs/first-models/models.yaml"].map(read))).map((text) => [text, ["components", "schemas"]] as const),
      ...(await Promise.all(["spec/pricing.yaml", "test/fixtures/specs/first-models/pricing.yaml"].map(read))).map((text) => [text, ["models"]] as const),
      // A block scalar ending an entry (its line break is the next entry's), comments and blank lines between entries, a quoted key.
      ["top: 1\nmodels:\n  a/b:\n    note: |\n      two\n      lines\n  # between\n\n  \"c/d\":\n    note: >\n      folded\n\n\n  e/f: {x: 1}\nafter: 2\n", ["models"]] as const,
      // An entry added after the last one, and one before the first.
      ["models:\n  a: 1\n  b: |\n    text\n", ["models"]] as const,
      ["models:\n  a: 1\n  b: |\n    text\n  c: 3\n", ["models"]] as const,
    ];
    for (const [text, at] of layouts) {
      const cache = new Map<string, { key: string; value: unknown }>();
      const first = readYamlEntries(text, at, cache);
      expect(first, text).toBeDefined();
      expect(first!.split, "cut into entries").toBeDefined();
      expect(first!.data).toStrictEqual(positioned(text));
      // Every entry now from the cache: the same data.
      expect(readYamlEntries(text, at, cache)!.data).toStrictEqual(positioned(text));
    }
  });

  test("a file read fast locates a problem exactly where the positioned reader does", async () => {
    const text = await read("test/fixtures/specs/first-models/pricing.yaml");
    const source = parseYamlSource(text, "/x/pricing.yaml", "pricing.yaml");
    if (!("locate" in source)) throw new Error("expected a source");
    const at = ["models", "kling-plus/kling-o3-standard/text-to-video", "factors", 1, "table", "true"];
    const lines = text.split("\n");
    const { line, column } = source.locate(at);
    expect(lines[line - 1]!.slice(column - 1)).toMatch(/^"1\.5"/);
    expect(source.locate(at, { key: true })).toEqual({ line, column: lines[line - 1]!.indexOf('"true"') + 1 });
  });
});
