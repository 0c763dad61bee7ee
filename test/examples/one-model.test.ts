// examples/video-app's second entry: @pixelbyte/client/core with one model descriptor. It runs
// against the local test server, and a bundler keeps exactly the one model it imports.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { modelDescriptors } from "@pixelbyte/client";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { build } from "esbuild";
import { afterEach, describe, expect, test } from "vitest";
import { runOneModel } from "../../examples/video-app/src/one-model.js";
import { repoRoot } from "../codegen/scenarios.js";

const run = promisify(execFile);
const app = path.join(repoRoot, "examples/video-app");
const KLING = "kling-plus/kling-o3-standard/text-to-video";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The browser bundle of `source` (esbuild, minified, as an application would ship it). */
async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: app, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    conditions: ["source"],
  });
  return result.outputFiles[0]!.text;
}

const slugsIn = (code: string) => Object.keys(modelDescriptors).filter((slug) => code.includes(JSON.stringify(slug)));

describe("examples/video-app, one-model entry", () => {
  test("prices, runs and refuses a dearer request with a descriptor instead of a slug", async () => {
    server = await startServer({ timing: { pendingMs: 10, processingMs: 30 } });
    const result = await runOneModel({ baseUrl: server.url, apiKey: server.apiKey, maxCostMicroCents: 1_500_000, pollIntervalMs: 10 });
    expect(result.quote).toMatchObject({ model: KLING, microCents: 1_260_000 });
    expect(result.job).toMatchObject({ status: "completed", costMicroCents: 1_260_000, price: { matches: true } });
    expect(server.spent()).toBe(1_260_000);
    const submits = server.requests.filter((r) => r.method === "POST" && r.path === "/v1/jobs/submit");
    expect(submits).toHaveLength(1);
    expect(server.jobs.map((j) => [j.model.slug, j.input])).toEqual([[KLING, { prompt: "a neon city at night, rain, slow dolly", duration: "10", has_sound: "true" }]]);
    // 15 s with sound is 1,890,000 µ¢: over the cap, refused before sending.
    expect(result.refused).toMatchObject({ code: "BUDGET_EXCEEDED" });
    expect(result.refused.message).toContain("1890000");
  });

  test("a browser bundle of the entry holds that one model; the root client by slug holds them all", async () => {
    const one = await bundle(`export { runOneModel } from "./src/one-model.ts";`);
    expect(slugsIn(one)).toEqual([KLING]);
    const all = await bundle(`import { createClient } from "@pixelbyte/client";\nexport const go = () => createClient({ apiKey: "pb_x" }).submit(${JSON.stringify(KLING)}, { prompt: "p" });`);
    expect(slugsIn(all)).toEqual(Object.keys(modelDescriptors));
  }, 60_000);

  test("`pnpm start:one-model` runs it against the local test server", async () => {
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    const { stdout } = await run(process.execPath, [tsx, "--conditions=source", "src/one-model-main.ts"], { cwd: app });
    expect(stdout).toContain(`price   Kling O3 Standard — Text to Video (${KLING}): 1,260,000 µ¢`);
    expect(stdout).toContain("the server charged 1,260,000 µ¢");
  }, 60_000);
});
