import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GENERATED_PACKAGES as SCAFFOLD_PACKAGES } from "../../codegen/src/scaffold/changeset.js";
import { newModel } from "../../codegen/src/scaffold/index.js";
import { repoRoot } from "../codegen/scenarios.js";
import { baseSpec, CLIP, git, oneLine, spec, tempDir, variant, writeSpec, writeText } from "./fixture.js";

const clip = (s: any) => s["models.yaml"].components.schemas.AcmeClipTextToVideoInput;

/**
 * A pnpm workspace as changesets reads it: a private root package "fixture-root" and the packages
 * @pixelbyte/client, @pixelbyte/pricing and @pixelbyte/cli (plus `extra`, name → package.json fields).
 */
function writeWorkspace(dir: string, extra: Record<string, object> = {}): void {
  writeText(join(dir, "package.json"), JSON.stringify({ name: "fixture-root", private: true }));
  writeText(join(dir, "pnpm-workspace.yaml"), "packages:\n  - packages/*\n");
  for (const name of ["client", "pricing", "cli"]) writeText(join(dir, "packages", name, "package.json"), JSON.stringify({ name: `@pixelbyte/${name}`, version: "1.0.0" }));
  for (const [name, fields] of Object.entries(extra)) writeText(join(dir, "packages", name.replace(/^@.*\//, ""), "package.json"), JSON.stringify({ name, ...fields }));
}

/** old/ and new/ specs (new: an enum value removed, major for both packages), in a workspace (writeWorkspace), and a .changeset/ holding `files`. */
function project(files: Record<string, string>): string {
  const dir = tempDir("changesets");
  writeWorkspace(dir);
  writeSpec(join(dir, "old"), baseSpec());
  writeSpec(join(dir, "new"), variant((s) => (clip(s).properties.duration.enum = ["5"])));
  writeText(join(dir, ".changeset", "config.json"), readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"));
  writeText(join(dir, ".changeset", "README.md"), "# Changesets\n\nNot a changeset: ignored.\n");
  for (const [name, text] of Object.entries(files)) writeText(join(dir, ".changeset", name), text);
  return dir;
}

/** The real `changeset version` (the pinned @changesets/cli) in `dir`: what it refuses, this check must refuse. It edits `dir`. */
function changesetVersion(dir: string): { code: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, "node_modules/@changesets/cli/bin.js"), "version"], { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: run.status, stderr: run.stdout + run.stderr };
}

const changeset = (releases: Record<string, string>, summary = "A change.") => `---\n${Object.entries(releases).map(([p, l]) => `"${p}": ${l}`).join("\n")}\n---\n\n${summary}\n`;

describe("--check-changesets: the pending changesets against the release the diff requires", () => {
  test("no changeset for a major change: exit 1, and the fix", async () => {
    const dir = project({});
    const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        "Pending changesets: none in .changeset.",
        "FAIL  @pixelbyte/client: the spec diff requires major, the changesets give none",
        "      fix: add a changeset: pnpm changeset, choose major for @pixelbyte/client",
        "FAIL  @pixelbyte/pricing: the spec diff requires major, the changesets give none",
        "      fix: add a changeset: pnpm changeset, choose major for @pixelbyte/pricing",
      ].join("\n"),
    );
    expect(oneLine(run.stderr)).toBe(
      "pixelbyte spec diff: the pending changesets release @pixelbyte/client at none (the spec diff requires major) and @pixelbyte/pricing at none (the spec diff requires major); fix: add a changeset: pnpm changeset, choose major for @pixelbyte/client; add a changeset: pnpm changeset, choose major for @pixelbyte/pricing",
    );
  });

  test("a changeset too low for one package: exit 1, naming the file to raise", async () => {
    const dir = project({ "brave-lions-sing.md": changeset({ "@pixelbyte/client": "minor", "@pixelbyte/pricing": "major" }) });
    const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Pending changesets in .changeset: .changeset/brave-lions-sing.md (@pixelbyte/client minor, @pixelbyte/pricing major).");
    expect(run.stdout).toContain('      fix: add a changeset (pnpm changeset, choose major for @pixelbyte/client) or raise "@pixelbyte/client": minor to major in .changeset/brave-lions-sing.md');
    expect(run.stdout).toContain("ok    @pixelbyte/pricing: the spec diff requires major, the changesets give major");
  });

  test("the highest bump over several changesets counts; enough passes (exit 0), more is fine", async () => {
    const dir = project({
      "a.md": changeset({ "@pixelbyte/client": "patch" }),
      "b.md": changeset({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major", "@pixelbyte/cli": "minor" }),
    });
    const run = await spec(["diff", "old", "new", "--check-changesets", "--json"], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout);
    expect(json.changesets.ok).toBe(true);
    expect(json.changesets.packages).toEqual([
      { name: "@pixelbyte/client", required: "major", pending: "major", files: [".changeset/a.md", ".changeset/b.md"], ok: true },
      { name: "@pixelbyte/pricing", required: "major", pending: "major", files: [".changeset/b.md"], ok: true },
    ]);
  });

  test("nothing to release: no changeset needed", async () => {
    const dir = project({});
    const run = await spec(["diff", "old", "old", "--check-changesets"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ok    @pixelbyte/client: the spec diff requires none, the changesets give none");
  });

  test("a changeset that does not parse, or no .changeset directory: exit 2, one line", async () => {
    const dir = project({ "bad.md": "---\n\"@pixelbyte/client\": huge\n---\n\nOops.\n" });
    const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(
      'pixelbyte spec diff: .changeset/bad.md: could not parse changeset - invalid version type "huge" for package "@pixelbyte/client".; a changeset starts with ---, one "package": major|minor|patch line per package, ---',
    );
    const empty = project({ "empty.md": '---\n"@pixelbyte/client":\n---\n\nNo level.\n' });
    const noLevel = await spec(["diff", "old", "new", "--check-changesets"], empty);
    expect(noLevel.code).toBe(2);
    expect(oneLine(noLevel.stderr)).toBe(
      'pixelbyte spec diff: .changeset/empty.md: could not parse changeset - invalid release type for package "@pixelbyte/client".; a changeset starts with ---, one "package": major|minor|patch line per package, ---',
    );
    const bare = tempDir("no-changesets");
    writeSpec(join(bare, "old"), baseSpec());
    const none = await spec(["diff", "old", "old", "--check-changesets"], bare);
    expect(none.code).toBe(2);
    expect(oneLine(none.stderr)).toBe(`pixelbyte spec diff: no .changeset directory in ${bare} or any directory above it (run \`pnpm changeset init\` once)`);
  });
});

describe("--check-changesets: a changeset naming a package the workspace does not have", () => {
  const workspace = project;

  test("a misspelt name: exit 2 naming the file and the likely package, even when nothing needs a release", async () => {
    const dir = workspace({ "a.md": changeset({ "@pixelbyte/clinet": "major", "@pixelbyte/pricing": "major" }) });
    for (const revisions of [["old", "new"], ["old", "old"]]) {
      const run = await spec(["diff", ...revisions, "--check-changesets"], dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(oneLine(run.stderr)).toBe(`pixelbyte spec diff: .changeset/a.md names "@pixelbyte/clinet", which is not a package of the workspace at ${dir} (did you mean "@pixelbyte/client"?); \`changeset version\` would stop on it`);
    }
  });

  // The breaker's case also listed the root ("fixture-root": patch) as fine; `changeset version` 2.31.1 stops on it
  // ("Found changeset a for package fixture-root which is not in the workspace"), so it is refused below instead.
  test("a package of the workspace that the spec diff does not judge (the CLI) is fine", async () => {
    const dir = workspace({ "a.md": changeset({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major", "@pixelbyte/cli": "patch" }) });
    const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(changesetVersion(dir).code).toBe(0);
  });

  test("every name `changeset version` stops on is refused, in one line: exit 2; and `changeset version` does stop on each", async () => {
    const cases: [string, Record<string, string>, string][] = [
      ["the workspace root", { "fixture-root": "patch" }, `names "fixture-root", the root package.json of the workspace at DIR, which is not one of the packages pnpm-workspace.yaml lists`],
      ["a package of another workspace", { "@elsewhere/thing": "minor" }, `names "@elsewhere/thing", which is not a package of the workspace at DIR`],
      ["an Object.prototype member", { constructor: "patch" }, `names "constructor", which is not a package of the workspace at DIR`],
      ["a name with a space", { " @pixelbyte/pricing": "patch" }, `names " @pixelbyte/pricing", which is not a package of the workspace at DIR (did you mean "@pixelbyte/pricing"?)`],
    ];
    for (const [what, releases, message] of cases) {
      const dir = workspace({ "a.md": changeset({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major", ...releases }) });
      // @elsewhere/thing lives in a directory the workspace's globs do not list.
      writeText(join(dir, "elsewhere", "packages", "thing", "package.json"), JSON.stringify({ name: "@elsewhere/thing", version: "1.0.0" }));
      const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
      expect(run.code, what).toBe(2);
      expect(run.stdout, what).toBe("");
      expect(oneLine(run.stderr), what).toBe(`pixelbyte spec diff: .changeset/a.md ${message.replace("DIR", dir)}; \`changeset version\` would stop on it`);
      expect(changesetVersion(dir), what).toMatchObject({ code: 1, stderr: expect.stringContaining("which is not in the workspace") });
    }
  });

  test("several refused names: every one, in one line", async () => {
    const dir = workspace({ "a.md": changeset({ "@pixelbyte/clinet": "major" }), "b.md": changeset({ "@pixelbyte/pricnig": "major" }) });
    const run = await spec(["diff", "old", "old", "--check-changesets"], dir);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(
      `pixelbyte spec diff: .changeset/a.md names "@pixelbyte/clinet", which is not a package of the workspace at ${dir} (did you mean "@pixelbyte/client"?); .changeset/b.md names "@pixelbyte/pricnig", which is not a package of the workspace at ${dir} (did you mean "@pixelbyte/pricing"?); \`changeset version\` would stop on them`,
    );
  });

  test("a package changesets skips (private, no version, ignored): alone it is fine and releases nothing; mixed with a released one it is refused", async () => {
    const skipped: [string, object, string][] = [
      ["@pixelbyte/internal", { version: "1.0.0", private: true }, "private, and .changeset/config.json sets privatePackages.version to false"],
      ["@pixelbyte/unversioned", {}, 'its package.json has no "version"'],
      ["@pixelbyte/ignored", { version: "1.0.0" }, 'listed in "ignore" in .changeset/config.json'],
    ];
    const ignoring = (dir: string) => {
      const config = JSON.parse(readFileSync(join(dir, ".changeset/config.json"), "utf8"));
      writeText(join(dir, ".changeset/config.json"), JSON.stringify({ ...config, ignore: ["@pixelbyte/ignored"] }));
    };
    for (const [name, fields, why] of skipped) {
      const alone = workspace({ "a.md": changeset({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major" }), "b.md": changeset({ [name]: "minor" }) });
      writeWorkspace(alone, { [name]: fields });
      if (name === "@pixelbyte/ignored") ignoring(alone);
      const ok = await spec(["diff", "old", "new", "--check-changesets"], alone);
      expect(ok.code, ok.stderr).toBe(0);
      expect(changesetVersion(alone).code).toBe(0);

      const mixed = workspace({ "a.md": changeset({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major", [name]: "minor" }) });
      writeWorkspace(mixed, { [name]: fields });
      if (name === "@pixelbyte/ignored") ignoring(mixed);
      const run = await spec(["diff", "old", "new", "--check-changesets"], mixed);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(oneLine(run.stderr)).toBe(
        `pixelbyte spec diff: .changeset/a.md names "@pixelbyte/client", which is released, together with "${name}" (${why}), which changesets skips; a changeset may not mix them (move the skipped ones to a changeset of their own, or remove them); \`changeset version\` would stop on it`,
      );
      expect(changesetVersion(mixed), name).toMatchObject({ code: 1, stderr: expect.stringContaining("Mixed changesets that contain both ignored and not ignored packages are not allowed") });
    }
  });

  test("a generated package that changesets ignores: its changeset releases nothing, so the check fails (exit 1) and says why", async () => {
    const dir = workspace({ "a.md": changeset({ "@pixelbyte/client": "major" }), "b.md": changeset({ "@pixelbyte/pricing": "major" }) });
    const config = JSON.parse(readFileSync(join(dir, ".changeset/config.json"), "utf8"));
    writeText(join(dir, ".changeset/config.json"), JSON.stringify({ ...config, ignore: ["@pixelbyte/client"] }));
    const run = await spec(["diff", "old", "new", "--check-changesets"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("FAIL  @pixelbyte/client: the spec diff requires major, the changesets give none");
    expect(run.stdout).toContain('fix: changesets skips @pixelbyte/client (listed in "ignore" in .changeset/config.json), so no changeset can release it: make it a released package of the workspace first');
    expect(run.stdout).toContain("ok    @pixelbyte/pricing: the spec diff requires major, the changesets give major");
  });

  test("a config.json or workspace `changeset version` refuses: exit 2, one line", async () => {
    const dir = workspace({});
    const config = JSON.parse(readFileSync(join(dir, ".changeset/config.json"), "utf8"));
    writeText(join(dir, ".changeset/config.json"), JSON.stringify({ ...config, ignore: ["@pixelbyte/clinet"] }));
    const run = await spec(["diff", "old", "old", "--check-changesets"], dir);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/^pixelbyte spec diff: \.changeset\/config\.json: The package or glob expression "@pixelbyte\/clinet" is specified in the `ignore` option but it is not found in the project\. .*; `changeset version` would stop on it too$/);
    writeText(join(dir, ".changeset", "a.md"), changeset({ "@pixelbyte/client": "patch" }));
    expect(changesetVersion(dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('"@pixelbyte/clinet" is specified in the `ignore` option') });

    // No config.json at all.
    const noConfig = workspace({});
    rmSync(join(noConfig, ".changeset", "config.json"));
    const missing = await spec(["diff", "old", "old", "--check-changesets"], noConfig);
    expect(missing.code).toBe(2);
    expect(oneLine(missing.stderr)).toBe("pixelbyte spec diff: .changeset/config.json: missing; `changeset version` would stop on it too (run `pnpm changeset init` once)");

    // A .changeset directory below the workspace root: `changeset version` reads the root's, not this one.
    const nested = workspace({});
    const sub = join(nested, "sub");
    writeSpec(join(sub, "old"), baseSpec());
    writeText(join(sub, ".changeset", "a.md"), changeset({ "@pixelbyte/client": "patch" }));
    const below = await spec(["diff", "old", "old", "--check-changesets"], sub);
    expect(below.code).toBe(2);
    expect(oneLine(below.stderr)).toBe(`pixelbyte spec diff: .changeset is not at the root of its workspace (${nested}): \`changeset version\` reads ${join(nested, ".changeset")} instead`);

    // No package.json at or above the directory: no workspace at all.
    const bare = tempDir("no-workspace");
    writeSpec(join(bare, "old"), baseSpec());
    writeText(join(bare, ".changeset", "config.json"), "{}");
    const none = await spec(["diff", "old", "old", "--check-changesets"], bare);
    expect(none.code).toBe(2);
    expect(oneLine(none.stderr)).toBe(`pixelbyte spec diff: cannot read the workspace .changeset belongs to: No package.json could be found upwards from the directory ${bare}; \`changeset version\` would stop on it too`);
  });
});

describe("the new-model scaffold, the spec diff and the changeset check agree", () => {
  const SLUG = "acme-test/scaffold-agreement/text-to-video";

  /** A repository holding a copy of this repository's spec/ and .changeset/config.json in a workspace (writeWorkspace), committed. */
  function repoWithRealSpec(): string {
    const dir = tempDir("scaffold");
    writeWorkspace(dir);
    cpSync(join(repoRoot, "spec"), join(dir, "spec"), { recursive: true });
    writeText(join(dir, ".changeset", "config.json"), readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"));
    git(dir, "init", "--quiet");
    git(dir, "add", ".");
    git(dir, "commit", "--quiet", "-m", "spec");
    return dir;
  }

  test("adding a model is minor for both packages, and the scaffold's changeset says exactly that", async () => {
    const dir = repoWithRealSpec();
    const unchanged = JSON.parse((await spec(["diff", "HEAD", "--json"], dir)).stdout);
    expect(unchanged.level).toBe("none");

    const { written } = await newModel({ root: dir, files: { models: "spec/models.yaml", pricing: "spec/pricing.yaml" }, slug: SLUG });
    const changesetFile = written.find((w) => w.file.startsWith(".changeset/"))!.file;
    const run = await spec(["diff", "HEAD", "--check-changesets", "--json"], dir);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.changes.map((c: any) => [c.level, c.rule, c.subject, c.packages])).toEqual([["minor", "model-added", SLUG, [...SCAFFOLD_PACKAGES]]]);
    expect(json.required).toEqual(Object.fromEntries(SCAFFOLD_PACKAGES.map((p) => [p, "minor"])));
    expect(json.changesets.packages.map((p: any) => [p.name, p.required, p.pending, p.files, p.ok])).toEqual(SCAFFOLD_PACKAGES.map((p) => [p, "minor", "minor", [changesetFile], true]));
    // The scaffold's placeholders are not prices yet: prices are "not compared", the classification stands.
    expect(json.notCompared).toEqual([{ document: "pricing", reason: expect.stringMatching(/^spec\/pricing\.yaml: .*acme-test\/scaffold-agreement\/text-to-video/) }]);

    // The same changeset lowered to patch no longer covers the addition.
    writeFileSync(join(dir, changesetFile), readFileSync(join(dir, changesetFile), "utf8").replace(/: minor/g, ": patch"));
    const low = await spec(["diff", "HEAD", "--check-changesets"], dir);
    expect(low.code).toBe(1);
    expect(low.stdout).toContain(`FAIL  @pixelbyte/client: the spec diff requires minor, the changesets give patch`);
  });
});
