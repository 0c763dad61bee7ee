import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadRevision } from "@pixelbyte/pricing-audit";
import { expectOneLine, git, pricing, tempDir, write } from "./helpers.js";

const models = (resolutionDefault: string) => `components:
  schemas:
    AcmeClipInput:
      x-slug: acme/clip/text-to-video
      x-provider: Acme
      type: object
      properties:
        resolution: {type: string, enum: ["720p", "1080p"], default: "${resolutionDefault}"}
        audio: {type: boolean, default: false}
`;

const pricingSpec = (base: number, hd: string) => `currency: micro-cents
rounding: half-up
models:
  acme/clip/text-to-video:
    source: https://docs.example.com/clip
    checked: 2026-01-01
    base: ${base}
    unit: request
    factors:
      - field: resolution
        table: {"720p": "1", "1080p": "${hd}"}
      - field: audio
        table: {"false": "1", "true": "2"}
    examples:
      - input: {}
        micro_cents: ${base}
`;

// A real repository: c0 README only; c1 the spec; c2 only a schema default moves (720p -> 1080p);
// c3 the base rises 5%; the working tree then changes a multiplier without committing.
let repo: { dir: string; cleanup: () => void };
const commits: string[] = [];

beforeAll(() => {
  repo = tempDir("git");
  const { dir } = repo;
  git(dir, "init", "--quiet");
  write(dir, "README.md", "fixture\n");
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "c0");
  write(dir, "spec/pricing.yaml", pricingSpec(100000, "1.5"));
  write(dir, "spec/models.yaml", models("720p"));
  git(dir, "add", ".");
  git(dir, "commit", "--quiet", "-m", "c1");
  write(dir, "spec/models.yaml", models("1080p"));
  git(dir, "commit", "--quiet", "-am", "c2");
  write(dir, "spec/pricing.yaml", pricingSpec(105000, "1.5"));
  git(dir, "commit", "--quiet", "-am", "c3");
  git(dir, "tag", "v1", "HEAD~2");
  write(dir, "spec/pricing.yaml", pricingSpec(105000, "1.4"));
  commits.push(...git(dir, "rev-list", "--reverse", "HEAD").trim().split("\n"));
});

afterAll(() => repo.cleanup());

describe("reading revisions from git", () => {
  test("a ref is read with git show, with models.yaml at the same ref", async () => {
    const c1 = await loadRevision("HEAD~2", { cwd: repo.dir });
    expect(c1.label).toBe("HEAD~2:spec/pricing.yaml");
    expect(c1.origin).toEqual({ kind: "git", ref: "HEAD~2", commit: commits[1], path: "spec/pricing.yaml", modelsPath: "spec/models.yaml" });
    expect(c1.models[0]!.factors[0]!.default).toBe("720p");
    expect(c1.models[0]!.factors[1]!.type).toBe("boolean");
    const c2 = await loadRevision("HEAD~1", { cwd: repo.dir });
    expect(c2.models[0]!.factors[0]!.default).toBe("1080p");
  });

  test("diff between two commits", async () => {
    const run = await pricing(["diff", "HEAD~1", "HEAD", "--format", "json"], repo.dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.from).toEqual({ label: "HEAD~1:spec/pricing.yaml", ref: "HEAD~1", commit: commits[2], rounding: "half-up", models: 1 });
    expect(json.to.commit).toBe(commits[3]);
    expect(json.modelsChanged[0].changes).toEqual([{ kind: "base", from: 100000, to: 105000 }]);
    expect(json.summary.increases).toBe(4);
    expect(json.priceChanges.map((c: { percent: string }) => c.percent)).toEqual(["5", "5", "5", "5"]);
  });

  test("one side defaults to the working tree's spec", async () => {
    const run = await pricing(["diff", "HEAD"], repo.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("# Pricing diff: HEAD:spec/pricing.yaml → spec/pricing.yaml (working tree)");
    expect(run.stdout).toContain("- multiplier: resolution=1080p ×1.5 → ×1.4");
    expect(run.stdout).toContain("2 changed price (0 up, 2 down)");
  });

  test("tags, full hashes and <ref>:<path> all name a revision", async () => {
    const byTag = JSON.parse((await pricing(["diff", "v1", "HEAD", "--format", "json"], repo.dir)).stdout);
    expect(byTag.from.commit).toBe(commits[1]);
    const byPath = JSON.parse((await pricing(["diff", `${commits[1]}:spec/pricing.yaml`, "HEAD", "--format", "json"], repo.dir)).stdout);
    expect(byPath.from.commit).toBe(commits[1]);
    expect(byPath.summary).toEqual(byTag.summary);
  });

  test("a moved schema default is a price change for calls that omit the field, and the gate sees it", async () => {
    const run = await pricing(["diff", "HEAD~2", "HEAD~1", "--fail-on-increase"], repo.dir);
    expect(run.stdout).toContain("- default of `resolution`: 720p → 1080p");
    expect(run.stdout).toContain("- default cost: 100,000 µ¢ ($0.10) → 150,000 µ¢ ($0.15): +50,000 µ¢ (+$0.05), +50%");
    // No combination's price changed, yet a call omitting `resolution` now costs 50% more.
    expect(run.stdout).toContain("- combinations: 4 compared, 0 changed price (0 up, 0 down)");
    expect(run.code).toBe(1);
    expect(expectOneLine(run.stderr)).toBe(
      "pixelbyte pricing diff: failed: 1 price rose (largest: acme/clip/text-to-video default call (resolution=1080p, audio=false), +50,000 µ¢ (+$0.05), +50%).",
    );
  });

  test("works from a subdirectory of the repository", async () => {
    write(repo.dir, "docs/notes.md", "x\n");
    const run = await pricing(["diff", "HEAD~2", "--format", "json"], join(repo.dir, "docs"));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).to.label).toBe("../spec/pricing.yaml (working tree)");
  });

  test("table of an older revision", async () => {
    const run = await pricing(["table", "HEAD~2", "--format", "json"], repo.dir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.revision).toBe("HEAD~2:spec/pricing.yaml");
    expect(json.models[0].default.input).toEqual({ resolution: "720p", audio: false });
    expect(json.models[0].default.microCents).toBe(100000);
  });
});

describe("bad git input: one line, exit 2", () => {
  test("a ref that does not exist", async () => {
    const run = await pricing(["diff", "no-such-branch"], repo.dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(expectOneLine(run.stderr)).toBe('pixelbyte pricing diff: "no-such-branch" is neither a file nor a git revision of this repository');
  });

  test("a commit without the pricing file", async () => {
    const run = await pricing(["diff", "HEAD~3"], repo.dir);
    expect(run.code).toBe(2);
    expect(expectOneLine(run.stderr)).toBe(`pixelbyte pricing diff: spec/pricing.yaml does not exist at HEAD~3 (commit ${commits[0]!.slice(0, 12)})`);
  });

  test("a ref outside any repository", async () => {
    const t = tempDir("nogit");
    try {
      write(t.dir, "spec/pricing.yaml", pricingSpec(1, "1"));
      const run = await pricing(["diff", "HEAD"], t.dir, {});
      expect(run.code).toBe(2);
      expect(expectOneLine(run.stderr)).toMatch(/^pixelbyte pricing diff: "HEAD" is not a file, and .* is not inside a git repository to read it as a revision$/);
    } finally {
      t.cleanup();
    }
  });
});
