import { describe, expect, test } from "vitest";
import { expectOneLine, pricing, tempDir, write } from "./helpers.js";

const OLD = "fixtures/old-pricing.yaml";

describe("bad input: one clear line on stderr, nothing on stdout, exit 2, no stack trace", () => {
  const cases: [string, string[], string | RegExp][] = [
    ["a slug glob that matches nothing", ["table", OLD, "--model", "acme/nothing-*"], "pixelbyte pricing table: --model acme/nothing-* matches no model of fixtures/old-pricing.yaml (it has 5 models)"],
    ["a near-miss slug", ["table", OLD, "--model", "acme/clip-1/text-to-vide"], "pixelbyte pricing table: --model acme/clip-1/text-to-vide matches no model of fixtures/old-pricing.yaml; did you mean acme/clip-1/text-to-video?"],
    ["a part of a slug", ["table", OLD, "--model", "image-1"], "pixelbyte pricing table: --model image-1 matches no model of fixtures/old-pricing.yaml; did you mean *image-1* (1 model)?"],
    ["a missing file", ["diff", "fixtures/missing.yaml", OLD], /^pixelbyte pricing diff: "fixtures\/missing\.yaml" is (neither a file nor a git revision of this repository|not a file, and .* is not inside a git repository to read it as a revision)$/],
    ["an unknown command", ["price"], 'pixelbyte pricing: unknown command "price": use table, diff, check or verify (see pixelbyte pricing --help)'],
    ["an unknown option", ["table", "--colour"], "pixelbyte pricing table: unknown option --colour (see pixelbyte pricing --help)"],
    ["an unknown format", ["diff", OLD, OLD, "--format", "csv"], "pixelbyte pricing diff: --format must be one of md, json (got csv) (see pixelbyte pricing --help)"],
    ["diff without a revision", ["diff"], "pixelbyte pricing diff: name the revision to compare, e.g. HEAD~1 or old-pricing.yaml (see pixelbyte pricing --help)"],
    ["diff with three revisions", ["diff", OLD, OLD, OLD], "pixelbyte pricing diff: takes one or two revisions (got 3) (see pixelbyte pricing --help)"],
    ["a threshold that is not a percentage", ["diff", OLD, OLD, "--fail-on-increase", "--threshold", "five"], "pixelbyte pricing diff: --threshold must be a percentage such as 5% or 0.5% (got five) (see pixelbyte pricing --help)"],
    ["a threshold without the gate", ["diff", OLD, OLD, "--threshold", "5%"], "pixelbyte pricing diff: --threshold only applies with --fail-on-increase (see pixelbyte pricing --help)"],
    ["an option missing its value", ["table", "--model"], "pixelbyte pricing table: --model needs a value (see pixelbyte pricing --help)"],
    ["a max age that is not a number", ["check", "--max-age", "ninety"], "pixelbyte pricing check: --max-age must be a whole number of days (got ninety) (see pixelbyte pricing --help)"],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const run = await pricing(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      const line = expectOneLine(run.stderr);
      if (typeof message === "string") expect(line).toBe(message);
      else expect(line).toMatch(message);
    });
  }

  test("YAML that does not parse names the file, line and column", async () => {
    const t = tempDir("bad-yaml");
    try {
      write(t.dir, "broken.yaml", "currency: micro-cents\nrounding: half-up\nmodels:\n  acme/a/b: {base: 1\n  unit: second\n");
      write(t.dir, "dup.yaml", "currency: micro-cents\nrounding: half-up\nrounding: floor\nmodels: {}\n");
      const broken = await pricing(["table", "broken.yaml"], t.dir);
      expect(broken.code).toBe(2);
      expect(expectOneLine(broken.stderr)).toMatch(/^pixelbyte pricing table: broken\.yaml:\d+:\d+: YAML does not parse: .+/);
      const dup = await pricing(["diff", "dup.yaml", "broken.yaml"], t.dir);
      expect(expectOneLine(dup.stderr)).toBe("pixelbyte pricing diff: dup.yaml:3:1: YAML does not parse: Map keys must be unique");
    } finally {
      t.cleanup();
    }
  });

  test("issue 12: an alias bomb, an alias cycle and a range of a billion values: one line each, at once", async () => {
    const t = tempDir("bad-aliases");
    try {
      const head = "currency: micro-cents\nrounding: half-up\nmodels:\n  acme/a/b:\n    base: 1000\n    unit: second\n";
      const bomb = ["x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]", ..."bcdefg"].map((c, i) => (i === 0 ? c : `x-${c}: &${c} [${Array(10).fill(`*${"abcdefg"[i - 1]}`).join(", ")}]`)).join("\n");
      write(t.dir, "bomb.yaml", `${bomb}\n${head}    factors: []\n    examples: []\n`);
      write(t.dir, "cycle.yaml", `${head}    factors: &f\n      - field: q\n        table: {"1": "1"}\n        note: *f\n    examples: []\n`);
      write(t.dir, "billion.yaml", `${head}    factors:\n      - field: q\n        range: {min: 1, max: 1000000000}\n    examples: []\n`);
      const expectations: [string, string][] = [
        ["bomb.yaml", "bomb.yaml:2:10: YAML aliases do not expand (Excessive alias count indicates a resource exhaustion attack); write the values out"],
        ["cycle.yaml", "cycle.yaml:10:15: alias *f is inside the value it repeats; write the value out"],
        ["billion.yaml", 'billion.yaml: models["acme/a/b"].factors[0].range (line 9) has 1000000000 values; a priced field may have at most 1000'],
      ];
      for (const [file, message] of expectations) {
        const run = await pricing(["table", file], t.dir);
        expect(run.code).toBe(2);
        expect(expectOneLine(run.stderr)).toBe(`pixelbyte pricing table: ${message}`);
      }
    } finally {
      t.cleanup();
    }
  });

  test("a pricing file it cannot price: the path, the line and what is wrong", async () => {
    const t = tempDir("bad-spec");
    try {
      const head = "currency: micro-cents\nrounding: half-up\nmodels:\n  acme/a/b:\n    base: 1000\n    unit: second\n";
      write(t.dir, "float.yaml", `${head}    factors:\n      - field: q\n        table: {"1": 1.5}\n    examples: []\n`);
      write(t.dir, "rule.yaml", "currency: micro-cents\nrounding: banker\nmodels: {}\n");
      write(t.dir, "list.yaml", "- just\n- a list\n");
      write(t.dir, "both.yaml", `${head}    factors:\n      - field: q\n        table: {"1": "1"}\n        range: {min: 1, max: 2}\n    examples: []\n`);
      write(t.dir, "range.yaml", `${head}    factors:\n      - field: q\n        range: {min: 5, max: 2}\n    examples: []\n`);
      const expectations: [string, string][] = [
        ["float.yaml", 'float.yaml: models["acme/a/b"].factors[0].table["1"] (line 9) multiplier must be an exact decimal written as a quoted string, e.g. "1.5" (got 1.5)'],
        ["rule.yaml", "rule.yaml: rounding (line 2) must be one of half-up, half-even, floor, ceil (got \"banker\")"],
        ["list.yaml", "list.yaml: the file is not a pricing file: expected a mapping with currency, rounding and models"],
        ["both.yaml", 'both.yaml: models["acme/a/b"].factors[0] (line 8) must have exactly one of table or range'],
        ["range.yaml", 'range.yaml: models["acme/a/b"].factors[0].range (line 9) must be {min, max}, integers with 0 <= min <= max (got {"min":5,"max":2})'],
      ];
      for (const [file, message] of expectations) {
        const run = await pricing(["table", file], t.dir);
        expect(run.code).toBe(2);
        expect(expectOneLine(run.stderr)).toBe(`pixelbyte pricing table: ${message}`);
      }
    } finally {
      t.cleanup();
    }
  });

  test("no spec/pricing.yaml above the working directory", async () => {
    const t = tempDir("empty");
    try {
      const run = await pricing(["table"], t.dir);
      expect(run.code).toBe(2);
      expect(expectOneLine(run.stderr)).toBe(`pixelbyte pricing table: no spec/pricing.yaml in ${t.dir} or any directory above it`);
    } finally {
      t.cleanup();
    }
  });
});

describe("usage", () => {
  test("no command prints the usage to stderr and exits 2; --help prints it to stdout and exits 0", async () => {
    const none = await pricing([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("usage: pixelbyte pricing <command>");
    for (const args of [["--help"], ["help"], ["diff", "--help"]]) {
      const help = await pricing(args);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("exit codes: 0 done; 1 a price rose");
      expect(help.stderr).toBe("");
    }
  });
});
