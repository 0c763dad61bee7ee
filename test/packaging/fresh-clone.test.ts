import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { quickStartLines } from "../helpers/readme.js";
import { copyWorkTree } from "../helpers/work-tree.js";
import { repoRoot, run, type RunResult } from "./workspace.js";

// A newcomer's clone, where nothing is built: the README's install line prints no warning, a script importing the
// packages runs with plain `tsx` (no --conditions), and the workspace's `pixelbyte` bin runs. The copy
// holds the repository's files as git sees them (tracked and new, nothing ignored: no dist/, no
// node_modules/), and installs from the local pnpm store.

let clone: string;
let install: RunResult;

beforeAll(async () => {
  clone = await copyWorkTree("fresh-clone");
  // The README's install command, literally, as npm configured with yes=false runs it.
  const readme = await readFile(path.join(repoRoot, "README.md"), "utf8");
  const installLine = quickStartLines(readme)[0]!.split("&&")[0]!.trim();
  expect(installLine).toBe("npx -y pnpm@10 install");
  install = await run("sh", ["-c", installLine], { cwd: clone, env: { ...process.env, CI: "true", npm_config_yes: "false" } });
}, 240_000);

afterAll(() => rm(clone, { recursive: true, force: true }));

describe("a fresh clone, nothing built", () => {
  test("pnpm install is silent: no warning (once: Failed to create bin …/pixelbyte, its bin pointed at dist/)", () => {
    const output = install.stdout + install.stderr;
    expect(install.code, output).toBe(0);
    expect(output).not.toMatch(/WARN|Failed to create bin/);
  });

  test("a script at the repository root importing the packages by name runs with plain tsx (no --conditions)", async () => {
    const dir = clone;
    const script = path.join(dir, "first-day.ts");
    await writeFile(
      script,
      [
        'import { createClient } from "@pixelbyte/client";',
        'import { estimate } from "@pixelbyte/pricing";',
        'import { price } from "@pixelbyte/pricing/models/kling-plus/kling-o3-standard/text-to-video";',
        'import { startServer } from "@pixelbyte/test-server";',
        'const model = "kling-plus/kling-o3-standard/text-to-video";',
        "const server = await startServer({ port: 0, timing: { pendingMs: 10, processingMs: 10 } });",
        "const client = createClient({ apiKey: server.apiKey, baseUrl: server.url });",
        'const job = await client.run(model, { prompt: "a red fox", duration: "10", has_sound: "true" });',
        'console.log(job.status, estimate(model, { duration: "10", has_sound: "true" }).microCents, price({}).microCents);',
        "await server.close();",
      ].join("\n"),
    );
    const res = await run(process.execPath, [path.join(clone, "node_modules/tsx/dist/cli.mjs"), script], { cwd: dir, timeout: 120_000 });
    expect(res.stderr).toBe("");
    expect([res.code, res.stdout]).toEqual([0, "completed 1260000 420000\n"]);
  }, 120_000);

  test("the workspace bin `pixelbyte` (pnpm exec pixelbyte) runs from the sources", async () => {
    const res = await run(path.join(clone, "node_modules/.bin/pixelbyte"), ["price", "kling-plus/kling-o3-standard/text-to-video", "--set", "duration=10", "--set", "has_sound=true"], {
      cwd: clone,
      timeout: 120_000,
    });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("total  1,260,000 µ¢  $1.26");
  }, 120_000);
});
