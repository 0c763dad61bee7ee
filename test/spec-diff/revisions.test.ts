import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { baseSpec, cli, CLIP, git, oneLine, spec, tempDir, variant, writeSpec, writeText } from "./fixture.js";

const clip = (s: any) => s["models.yaml"].components.schemas.AcmeClipTextToVideoInput;
const rows = (json: any) => json.changes.map((c: any) => `${c.level} ${c.rule} ${c.subject} ${c.path}`);

// A real repository: c0 a README only; c1 the base spec under spec/ (tagged v1); c2 an enum value
// removed; the working tree then adds an optional field without committing.
let repo: string;
const commits: string[] = [];

beforeAll(() => {
  repo = tempDir("git");
  git(repo, "init", "--quiet");
  writeText(join(repo, "README.md"), "fixture\n");
  git(repo, "add", ".");
  git(repo, "commit", "--quiet", "-m", "c0");
  writeSpec(join(repo, "spec"), baseSpec());
  git(repo, "add", ".");
  git(repo, "commit", "--quiet", "-m", "c1");
  git(repo, "tag", "v1");
  writeSpec(join(repo, "spec"), variant((s) => (clip(s).properties.duration.enum = ["5"])));
  git(repo, "commit", "--quiet", "-am", "c2");
  writeSpec(join(repo, "spec"), variant((s) => {
    clip(s).properties.duration.enum = ["5"];
    clip(s).properties.negative_prompt = { type: "string" };
  }));
  commits.push(...git(repo, "rev-list", "--reverse", "HEAD").trim().split("\n"));
});

describe("revisions: git refs (read with git show), directories, single files", () => {
  test("two commits", async () => {
    const run = await spec(["diff", "HEAD~1", "HEAD", "--json"], repo);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.from).toEqual({ label: "HEAD~1:spec", ref: "HEAD~1", commit: commits[1], dir: "spec" });
    expect(json.to).toEqual({ label: "HEAD:spec", ref: "HEAD", commit: commits[2], dir: "spec" });
    expect(rows(json)).toEqual([`major request-enum-value-removed ${CLIP} duration`]);
    expect(json.changes[0].at).toMatch(/^HEAD:spec\/models\.yaml:\d+:\d+$/);
    expect(json.compared).toEqual(["models", "api", "pricing"]);
    expect(json.pricingDiff).toBe("pixelbyte pricing diff HEAD~1:spec/pricing.yaml HEAD:spec/pricing.yaml");
  });

  test("a tag against the working tree (the default second revision), also from a subdirectory", async () => {
    for (const cwd of [repo, join(repo, "spec", "api")]) {
      const run = await spec(["diff", "v1", "--json"], cwd);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(json.to.label).toMatch(/spec \(working tree\)$/);
      expect(rows(json)).toEqual([`major request-enum-value-removed ${CLIP} duration`, `minor request-field-added-optional ${CLIP} negative_prompt`]);
    }
  });

  test("<ref>:<path> with `..` is a git revision, never folded into a local path (HEAD:spec/.. is no directory here)", async () => {
    // path.resolve would fold "v1:spec/../spec" into ./spec and compare the working tree with itself.
    const run = await spec(["diff", "v1:spec/../spec", "--json"], repo);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.from).toMatchObject({ ref: "v1", commit: commits[1], dir: "spec" });
    expect(rows(json)).toEqual([`major request-enum-value-removed ${CLIP} duration`, `minor request-field-added-optional ${CLIP} negative_prompt`]);
    const outside = await spec(["diff", "HEAD:../.."], repo);
    expect(outside.code).toBe(2);
    expect(oneLine(outside.stderr)).toMatch(/^pixelbyte spec diff: \.\.\/\.\. does not exist at HEAD \(commit [0-9a-f]{12}\)$/);
    // The pricing diff reads revisions the same way.
    const pricing = await cli(["pricing", "diff", "v1:spec/../spec/pricing.yaml", "HEAD:spec/pricing.yaml"], repo);
    expect(pricing.code).toBe(2);
    expect(oneLine(pricing.stderr)).toMatch(/does not exist at v1/);
  });

  test("the human report: a line per change, then the required release", async () => {
    const run = await spec(["diff", "HEAD"], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "spec diff: HEAD:spec -> spec (working tree)",
        "",
        `minor  ${CLIP}  negative_prompt: optional field added  [request-field-added-optional]`,
        "",
        "1 change: 0 major, 1 minor, 0 patch.",
        "",
        "Required release: minor (@pixelbyte/client minor, @pixelbyte/pricing none).",
        "",
      ].join("\n"),
    );
  });

  test("<ref>:<file> and a file path compare that one document; what one side lacks is said", async () => {
    const one = JSON.parse((await spec(["diff", "HEAD~1:spec/models.yaml", "spec/models.yaml", "--json"], repo)).stdout);
    expect(one.compared).toEqual(["models"]);
    expect(one.notCompared).toEqual([]);
    expect(rows(one)).toHaveLength(2);
    const mixed = await spec(["diff", "HEAD~1:spec/models.yaml"], repo);
    expect(mixed.stdout).toContain("Not compared: the HTTP API (openapi.yaml): only spec (working tree) has it.");
  });

  test("a directory: a repository holding spec/, or the spec directory itself", async () => {
    const dir = tempDir("dirs");
    writeSpec(join(dir, "repo-a", "spec"), baseSpec());
    writeSpec(join(dir, "b"), variant((s) => (clip(s).properties.seed.maximum = 10)));
    const json = JSON.parse((await spec(["diff", "repo-a", "b", "--json"], dir)).stdout);
    expect(json.from.label).toBe("repo-a/spec");
    expect(rows(json)).toEqual([`major request-limit-narrowed ${CLIP} seed`]);
  });

  test("a whole spec directory without a document compares it as empty: everything added, or everything removed", async () => {
    const withoutApi = Object.fromEntries(Object.entries(baseSpec()).filter(([f]) => f === "models.yaml" || f === "pricing.yaml"));
    const dir = tempDir("absent");
    writeSpec(join(dir, "before"), withoutApi);
    writeSpec(join(dir, "after"), baseSpec());
    const added = JSON.parse((await spec(["diff", "before", "after", "--json"], dir)).stdout);
    expect(added.compared).toEqual(["models", "api", "pricing"]);
    expect(added.level).toBe("minor");
    expect(rows(added).filter((r: string) => / (operation|webhook)-added /.test(r))).toEqual(["minor operation-added GET /v1/things/{thingId} ", "minor operation-added POST /v1/things/submit ", "minor webhook-added webhook thingDone "]);
    const removed = JSON.parse((await spec(["diff", "after", "before", "--json"], dir)).stdout);
    expect(removed.level).toBe("major");
    expect(rows(removed).filter((r: string) => r.startsWith("major operation-removed"))).toHaveLength(2);
    // Security requirements arrive with the first operations (no call breaks); later they are judged.
    const secured = variant((s) => (s["openapi.yaml"].security = [{ bearer: [] }]));
    writeSpec(join(dir, "secured"), secured);
    expect(rows(JSON.parse((await spec(["diff", "after", "secured", "--json"], dir)).stdout))).toEqual(["major unclassified secured/openapi.yaml security"]);
  });

  test("the same revision twice: no change, level none", async () => {
    const json = JSON.parse((await spec(["diff", "HEAD", "HEAD", "--json"], repo)).stdout);
    expect(json).toMatchObject({ level: "none", changes: [], prices: [], required: { "@pixelbyte/client": "none", "@pixelbyte/pricing": "none" } });
  });
});

describe("--json: the shape CI reads", () => {
  test("every key and type", async () => {
    const json = JSON.parse((await spec(["diff", "v1", "--json"], repo)).stdout);
    expect(Object.keys(json)).toEqual(["from", "to", "level", "required", "changes", "prices", "pricingDiff", "compared", "notCompared"]);
    expect(json.changes[0]).toEqual({
      level: "major",
      rule: "request-enum-value-removed",
      oasdiff: ["request-property-enum-value-removed", "request-parameter-enum-value-removed", "request-body-enum-value-removed"],
      kind: "model",
      subject: CLIP,
      path: "duration",
      message: 'enum value "10" removed',
      packages: ["@pixelbyte/client", "@pixelbyte/pricing"],
      at: expect.stringMatching(/^spec\/models\.yaml:\d+:\d+$/),
    });
    // The price table still prices "10": no price changed.
    expect(json.prices).toEqual([]);
  });
});

describe("bad input: one line on stderr naming where, nothing on stdout, exit 2", () => {
  const bad: [string, string[], string | RegExp][] = [
    ["an unknown ref", ["diff", "nope"], 'pixelbyte spec diff: "nope" is neither a file nor a git revision of this repository'],
    ["a ref without spec/", ["diff", "HEAD~2"], /^pixelbyte spec diff: spec does not exist at HEAD~2 \(commit [0-9a-f]{12}\)$/],
    ["<ref>:<path> that does not exist", ["diff", "HEAD:nothing.yaml"], /^pixelbyte spec diff: nothing\.yaml does not exist at HEAD \(commit [0-9a-f]{12}\)$/],
    ["no revision", ["diff"], "pixelbyte spec diff: name the revision to compare, e.g. HEAD~1, origin/main or old-spec/ (see pixelbyte spec --help)"],
    ["three revisions", ["diff", "HEAD", "HEAD", "HEAD"], "pixelbyte spec diff: takes one or two revisions (got 3) (see pixelbyte spec --help)"],
    ["an unknown option", ["diff", "HEAD", "--format", "md"], "pixelbyte spec diff: unknown option --format (see pixelbyte spec --help)"],
    ["an unknown command", ["dif"], 'pixelbyte spec: unknown command "dif": use diff (see pixelbyte spec --help)'],
  ];
  for (const [name, args, message] of bad) {
    test(name, async () => {
      const run = await spec(args, repo);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      const line = oneLine(run.stderr);
      if (typeof message === "string") expect(line).toBe(message);
      else expect(line).toMatch(message);
    });
  }

  test("a missing file outside any repository", async () => {
    const dir = tempDir("nogit");
    const run = await spec(["diff", "missing.yaml"], dir);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toBe(`pixelbyte spec diff: "missing.yaml" is not a file, and ${dir} is not inside a git repository to read it as a revision`);
  });

  test("malformed YAML, in a file, a $ref'd file and a git revision: file:line:column", async () => {
    const dir = tempDir("yaml");
    writeSpec(join(dir, "good"), baseSpec());
    writeSpec(join(dir, "broken-models"), { ...baseSpec(), "models.yaml": "openapi: 3.1.0\ncomponents:\n  schemas: {A: [1, 2}\n" });
    writeSpec(join(dir, "broken-ref"), { ...baseSpec(), "api/components/things.yaml": "Thing:\n  type: object\n  type: string\n" });
    const a = await spec(["diff", "good", "broken-models"], dir);
    expect(a.code).toBe(2);
    expect(oneLine(a.stderr)).toMatch(/^pixelbyte spec diff: broken-models\/models\.yaml:3:\d+: YAML does not parse: .+/);
    const b = await spec(["diff", "broken-ref", "good"], dir);
    expect(oneLine(b.stderr)).toBe("pixelbyte spec diff: broken-ref/api/components/things.yaml:3:3: YAML does not parse: Map keys must be unique");

    const r = tempDir("yaml-git");
    git(r, "init", "--quiet");
    writeSpec(join(r, "spec"), { ...baseSpec(), "models.yaml": "openapi: 3.1.0\ninfo:\n\ttitle: tabs\n" });
    git(r, "add", ".");
    git(r, "commit", "--quiet", "-m", "broken");
    writeSpec(join(r, "spec"), baseSpec());
    const c = await spec(["diff", "HEAD"], r);
    expect(c.code).toBe(2);
    expect(oneLine(c.stderr)).toMatch(/^pixelbyte spec diff: HEAD:spec\/models\.yaml:3:1: YAML does not parse: .+/);
  });

  test("a $ref that points at nothing, or at a missing file: where it is written", async () => {
    const dir = tempDir("refs");
    writeSpec(join(dir, "good"), baseSpec());
    writeSpec(join(dir, "pointer"), variant((s) => (s["openapi.yaml"].components.schemas.Thing.$ref = "./api/components/things.yaml#/Thingy")));
    writeSpec(join(dir, "file"), variant((s) => (s["api/components/things.yaml"].Thing.properties.status.$ref = "./status.yaml#/Status")));
    const a = await spec(["diff", "good", "pointer"], dir);
    expect(a.code).toBe(2);
    expect(oneLine(a.stderr)).toMatch(/^pixelbyte spec diff: pointer\/openapi\.yaml:\d+:\d+: \$ref "\.\/api\/components\/things\.yaml#\/Thingy" points at nothing: pointer\/api\/components\/things\.yaml has no "Thingy" at #\/Thingy$/);
    const b = await spec(["diff", "file", "good"], dir);
    expect(oneLine(b.stderr)).toMatch(/^pixelbyte spec diff: file\/api\/components\/things\.yaml:\d+:\d+: \$ref "\.\/status\.yaml#\/Status" names file\/api\/components\/status\.yaml, which does not exist in file$/);
  });

  test("two schemas with one slug; a file that is no spec document; a directory without one", async () => {
    const dir = tempDir("odd");
    writeSpec(join(dir, "good"), baseSpec());
    writeSpec(join(dir, "twins"), variant((s) => (s["models.yaml"].components.schemas.AcmeStillTextToImageInput["x-slug"] = CLIP)));
    writeText(join(dir, "notes.yaml"), "title: not a spec\n");
    writeText(join(dir, "empty", "README.md"), "nothing\n");
    const twins = await spec(["diff", "good", "twins"], dir);
    expect(oneLine(twins.stderr)).toMatch(/^pixelbyte spec diff: twins\/models\.yaml:\d+:\d+: x-slug acme\/clip\/text-to-video is also the slug of twins\/models\.yaml:\d+:\d+: one schema per model$/);
    const notes = await spec(["diff", "notes.yaml", "good"], dir);
    expect(oneLine(notes.stderr)).toBe("pixelbyte spec diff: notes.yaml is not a spec document: expected model inputs (components.schemas with x-slug), an HTTP API (paths) or prices (currency, models)");
    const empty = await spec(["diff", "empty", "good"], dir);
    expect(oneLine(empty.stderr)).toBe("pixelbyte spec diff: empty is a directory without spec/ or any of models.yaml, openapi.yaml, pricing.yaml");
  });
});

describe("the pixelbyte CLI", () => {
  test("registers `spec` (help lists it; spec --help and spec diff run through it)", async () => {
    const help = await cli(["help"], repo);
    expect(help.stdout).toMatch(/^ {2}spec diff <ref\|dir\|file> \[<ref\|dir\|file>\] \.\.\. +breaking changes between two spec revisions/m);
    for (const args of [["spec", "--help"], ["spec", "diff", "-h"], ["help", "spec", "diff"]]) {
      const specHelp = await cli(args, repo);
      expect(specHelp.code).toBe(0);
      expect(specHelp.stdout).toContain("--check-changesets");
    }
    const run = await cli(["spec", "diff", "HEAD~1", "HEAD", "--json"], repo);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).level).toBe("major");
  });
});
