import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { quickStartLines } from "../helpers/readme.js";

// The README's commands work as written: on a machine whose npm says yes=false (npx would stop and
// ask), and with `pnpm` meaning what the README says it means. test/packaging/fresh-clone.test.ts runs
// its install line literally in a fresh copy; .ci/run runs its test line.

const repoRoot = path.resolve(import.meta.dirname, "../..");
let readme: string;
let scripts: Record<string, string>;

beforeAll(async () => {
  readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
  scripts = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")).scripts;
});

describe("README commands", () => {
  test("every npx passes -y: nothing depends on the npm config saying yes", () => {
    const uses = [...readme.matchAll(/\bnpx\s+(\S+)/g)].map((m) => m[0]);
    expect(uses.length).toBeGreaterThan(0);
    expect(uses.filter((u) => !/^npx\s+(-y|--yes)$/.test(u))).toEqual([]);
  });

  test("the quick start installs, then starts or tests, with the same pnpm; CI runs its test line exactly", async () => {
    const lines = quickStartLines(readme);
    expect(lines).toEqual(["npx -y pnpm@10 install && npx -y pnpm@10 start", "npx -y pnpm@10 install && npx -y pnpm@10 test"]);
    const ci = await readFile(path.join(repoRoot, ".ci/run"), "utf8");
    expect(ci.split("\n")).toContain(lines[1]);
  });

  test("says what `pnpm` means in later commands, and every `pnpm <name>` it shows is a script or a pnpm command", () => {
    expect(readme).toMatch(/`pnpm` stands for `npx -y pnpm@10`/);
    const builtins = new Set(["install", "exec", "add", "run", "update"]);
    const named = [...readme.matchAll(/`pnpm((?:\s+-[a-z]+)*)\s+([a-z][\w:-]*)/g)].map((m) => m[2]!);
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((n) => !Object.hasOwn(scripts, n) && !builtins.has(n))).toEqual([]);
  });

  test("piped JSON: the README shows `pnpm -s` (pnpm's own header line would break the JSON)", () => {
    expect(readme).toMatch(/`pnpm -s pixelbyte [^`]*--json[^`]*`/);
  });
});
