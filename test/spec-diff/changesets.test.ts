import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GENERATED_PACKAGES as SCAFFOLD_PACKAGES } from "../../codegen/src/scaffold/changeset.js";
import { newModel } from "../../codegen/src/scaffold/index.js";
import { repoRoot } from "../codegen/scenarios.js";
import { baseSpec, CLIP, git, oneLine, spec, tempDir, variant, writeSpec, writeText } from "./fixture.js";

const clip = (s: any) => s["models.yaml"].components.schemas.AcmeClipTextToVideoInput;

/** old/ and new/ specs (new: an enum value removed, major for both packages) and a .changeset/ holding `files`. */
function project(files: Record<string, string>): string {
  const dir = tempDir("changesets");
  writeSpec(join(dir, "old"), baseSpec());
  writeSpec(join(dir, "new"), variant((s) => (clip(s).properties.duration.enum = ["5"])));
  writeText(join(dir, ".changeset", "config.json"), readFileSync(join(repoRoot, ".changeset/config.json"), "utf8"));
  writeText(join(dir, ".changeset", "README.md"), "# Changesets\n\nNot a changeset: ignored.\n");
  for (const [name, text] of Object.entries(files)) writeText(join(dir, ".changeset", name), text);
  return dir;
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
    const bare = tempDir("no-changesets");
    writeSpec(join(bare, "old"), baseSpec());
    const none = await spec(["diff", "old", "old", "--check-changesets"], bare);
    expect(none.code).toBe(2);
    expect(oneLine(none.stderr)).toBe(`pixelbyte spec diff: no .changeset directory in ${bare} or any directory above it (run \`pnpm changeset init\` once)`);
  });
});

describe("the new-model scaffold, the spec diff and the changeset check agree", () => {
  const SLUG = "acme-test/scaffold-agreement/text-to-video";

  /** A repository holding a copy of this repository's spec/ and .changeset/config.json, committed. */
  function repoWithRealSpec(): string {
    const dir = tempDir("scaffold");
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
