import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { PageRefusal, readModelPage, type ImportedModel } from "../../codegen/src/page/index.js";
import { repoRoot } from "./scenarios.js";

// Page inputs of the kinds issue 15 names that import-page.test.ts does not cover: each is a
// variant of the invented Lumen Wave fixture page, read as its clean form or refused on its line.

const LUMEN = readFileSync(path.join(repoRoot, "test/fixtures/pages/models/video/lumen/lumen-wave-2-0-text-to-video.mdx"), "utf8");
const options = { docsUrl: "https://docs.example/lumen-wave", checked: "2026-11-25" };

function lumenWith(from: string | RegExp, to: string): string {
  const out = LUMEN.replace(from, to);
  if (out === LUMEN) throw new Error(`the fixture has no ${String(from)}`);
  return out;
}

function only(text: string): ImportedModel {
  const all = readModelPage(text, options).entries;
  expect(all).toHaveLength(1);
  expect(all[0]!.problems).toEqual([]);
  return all[0]!;
}

function refusal(text: string): PageRefusal {
  try {
    readModelPage(text, options);
  } catch (error) {
    if (error instanceof PageRefusal) return error;
    throw error;
  }
  throw new Error("the page was not refused");
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
const DURATION_ROWS = /\| \*\*Duration\*\* \| `3` \| 3x \|\n(\| \| `\d` \| \dx \|\n)+/;

describe("worked costs on consecutive lines of one Tip paragraph", () => {
  test("are two examples, each with its own label, inputs and total", () => {
    const text = lumenWith("($0.30)**\n\n**1080p cost:**", "($0.30)**\n**1080p cost:**");
    expect(only(text).pricing).toEqual(only(LUMEN).pricing);
    // A hard line break (two trailing spaces) separates them the same way.
    expect(only(lumenWith("($0.30)**\n\n**1080p cost:**", "($0.30)**  \n**1080p cost:**")).pricing).toEqual(only(LUMEN).pricing);
  });

  test("the second cost is located on its own line when its numbers are wrong", () => {
    const text = lumenWith("($0.30)**\n\n**1080p cost:**", "($0.30)**\n**1080p cost:**").replace("**562,500 micro-cents", "**562,000 micro-cents");
    const [e] = readModelPage(text, options).entries;
    expect(e!.problems).toEqual([{ line: lineOf(text, "**1080p cost:**"), message: expect.stringContaining("the page's 1080p cost is 562,000 micro-cents") }]);
  });
});

describe("zero-width characters a copy leaves inside numbers", () => {
  test("are removed, not read as a space", () => {
    const text = lumenWith("**Base cost:** 60,000", "**Base cost:** 60,\u200b000").replace("**300,000 micro", "**300\u2060,000 micro").replace("| `1080p` | 1.25x |", "| `1080p\u200d` | 1.\u200b25x |");
    expect(only(text).pricing).toEqual(only(LUMEN).pricing);
  });
});

describe("a range row that cannot be expanded", () => {
  const range = (option: string) => lumenWith(DURATION_ROWS, `| **Duration** | ${option} | matches value (e.g. \`5\` → 5x) |\n`);

  test("hyphen-minus and 'to' between the values read like the en dash", () => {
    for (const option of ["`3`-`8`", "`3` to `8`", "3-8"]) expect(only(range(option)).pricing.factors[0], option).toEqual({ field: "duration", range: { min: 3, max: 8 } });
  });

  test("backwards or wider than a priced field may be: refused on its row, without expanding it", () => {
    for (const [option, message] of [
      ["`8`–`3`", /the range row "8–3" of Duration runs backwards/],
      ["`3`–`99999999`", /the range row "3–99999999" of Duration spans more than 1000 values/],
      ["`3`–`99999999999999999999`", /spans more than 1000 values/],
    ] as const) {
      const text = range(option);
      const r = refusal(text);
      expect(r.message, option).toMatch(message);
      expect(r.line).toBe(lineOf(text, "| **Duration**"));
    }
  });
});

describe("a rendered page copied with HTML character references", () => {
  test("&times;, &nbsp; and &#215; read as the characters the browser shows", () => {
    const rendered = readFileSync(path.join(repoRoot, "test/fixtures/pages/rendered/lumen-wave-2-0-text-to-video.txt"), "utf8");
    const copied = rendered.replace(/×/g, (_m, at: number) => (at % 2 === 0 ? "&times;" : "&#215;")).replace(/(\d) micro-cents/g, "$1&nbsp;micro-cents");
    expect(copied).toContain("&times;");
    const [want] = readModelPage(rendered, options).entries;
    const [got] = readModelPage(copied, options).entries;
    expect(got!.problems).toEqual([]);
    expect(got!.pricing).toEqual(want!.pricing);
    expect(got!.schema).toEqual(want!.schema);
  });
});
