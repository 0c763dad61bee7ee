import { describe, expect, test } from "vitest";
import { globMatches, globToRegExp, MAX_GLOB_LENGTH } from "../../packages/pricing-audit/src/glob.js";
import { pricing } from "./helpers.js";

const OLD = "fixtures/old-pricing.yaml";

// Issue 12 §7 in the pricing audit: --model globs are matched in O(glob × slug), never by a
// backtracking regular expression (`*a*a*a*a*a*a*a*a*a*a*b` took minutes per slug).

const SLUGS = ["kling-plus/kling-o3-standard/text-to-video", "acme/clip-1/text-to-video", "acme/image-1/text-to-image", "a", "", "a*b?c"];
const GLOBS = ["*", "**", "?", "", "kling-plus/*", "*/text-to-*", "acme/*-1/*", "*image*", "a", "a*", "*a", "?*?", "a?b?c", "a*b?c", "*o*o*o*", "acme/clip-?/text-to-video", "acme/clip-1/text-to-vide"];

describe("globMatches", () => {
  test("agrees with the glob's regular expression on every pair", () => {
    for (const glob of GLOBS) for (const slug of SLUGS) expect(globMatches(glob, slug), `${glob} ~ ${slug}`).toBe(globToRegExp(glob).test(slug));
  });

  test("a glob built to make a regular expression backtrack is answered", () => {
    const hostile = `${"*a".repeat(40)}*b`;
    expect(globMatches(hostile, "a".repeat(200))).toBe(false);
    expect(globMatches(hostile, `${"a".repeat(200)}b`)).toBe(true);
  });
});

describe("pixelbyte pricing table --model", () => {
  test("a hostile glob is one line and exit 2, not minutes of CPU", async () => {
    const res = await pricing(["table", OLD, "--model", `${"*a".repeat(12)}*z`]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain("matches no model");
    expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test(`a glob over ${MAX_GLOB_LENGTH} characters is refused`, async () => {
    const res = await pricing(["table", OLD, "--model", "*".repeat(MAX_GLOB_LENGTH + 1)]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--model must be at most ${MAX_GLOB_LENGTH} characters`);
  });
});

describe("option names are own keys", () => {
  test.each(["--constructor", "--__proto__", "--toString", "--hasOwnProperty"])("pricing table %s is an unknown option", async (flag) => {
    const res = await pricing(["table", OLD, flag]);
    expect([res.code, res.stdout]).toEqual([2, ""]);
    expect(res.stderr).toContain(`unknown option ${flag}`);
  });
});
