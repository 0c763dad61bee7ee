import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import { generate } from "../../codegen/src/pipeline.js";
import { SpecError } from "../../codegen/src/validate/problem.js";
import { removeBundle, runInProcess, spawnCli } from "../helpers/cli.js";
import { api, type Api } from "../helpers/http.js";

// The names a person reads are the spec's: each model's `title` and its provider's `x-provider`, in the
// CLI and in the test server's catalog (which used to spell them from the slug).

const repoRoot = path.resolve(import.meta.dirname, "../..");

interface SpecSchema {
  "x-slug": string;
  "x-provider": string;
  title: string;
}

let titles: Map<string, string>;
let providerNames: Map<string, string>;
let server: TestServer;
let http: Api;

beforeAll(async () => {
  const doc = parse(await readFile(path.join(repoRoot, "spec/models.yaml"), "utf8")) as { components: { schemas: Record<string, SpecSchema> } };
  const schemas = Object.values(doc.components.schemas);
  titles = new Map(schemas.map((s) => [s["x-slug"], s.title]));
  providerNames = new Map(schemas.map((s) => [s["x-slug"].split("/")[0]!, s["x-provider"]]));
  server = await startServer();
  http = api(server.url, server.apiKey);
});
afterAll(async () => {
  removeBundle();
  await server.close();
});

describe("model titles and provider names come from the spec", () => {
  test("test server: /v1/catalog/models, /v1/models and the providers use every title and x-provider", async () => {
    const [catalog, keyed, catalogProviders, keyedProviders] = await Promise.all([
      http.get("/v1/catalog/models"),
      http.get("/v1/models"),
      http.get("/v1/catalog/providers"),
      http.get("/v1/providers"),
    ]);
    const named = (list: { slug: string; name: string }[]) => new Map(list.map((m) => [m.slug, m.name]));
    expect(named(catalog.body)).toEqual(titles);
    expect(named(keyed.body.models)).toEqual(titles);
    for (const m of catalog.body as { slug: string; provider: { id: string; name: string } }[]) expect(m.provider.name).toBe(providerNames.get(m.provider.id));
    const providerMap = (list: { id: string; name: string }[]) => new Map(list.map((p) => [p.id, p.name]));
    expect(providerMap(catalogProviders.body)).toEqual(providerNames);
    expect(providerMap(keyedProviders.body.providers)).toEqual(providerNames);
    // One whose slug does not spell its title.
    expect(catalog.body.find((m: { slug: string }) => m.slug === "google/nano-banana-pro-extra/edit-image").name).toBe("Nano Banana Pro (Extra) — Image to Image / Edit");
  });

  test("CLI: models --json names every model by its title and provider name; price heads its quote with the title", async () => {
    const [models, price] = await Promise.all([spawnCli(["models", "--json"]), spawnCli(["price", "alibaba/wan-2.6-flash/image-to-video"])]);
    expect(models.code).toBe(0);
    const rows = JSON.parse(models.stdout) as { slug: string; name: string; provider: string; providerName: string }[];
    expect(new Map(rows.map((r) => [r.slug, r.name]))).toEqual(titles);
    for (const r of rows) expect(r.providerName).toBe(providerNames.get(r.provider));
    expect(price.stdout.split("\n")[0]).toBe(`alibaba/wan-2.6-flash/image-to-video (${titles.get("alibaba/wan-2.6-flash/image-to-video")})`);
  });

  test("CLI: --provider takes the id or the display name, in any case; a near miss is named", async () => {
    const ids = async (provider: string) => {
      const res = await runInProcess(["models", "--provider", provider, "--json"]);
      expect(res.stderr).toBe("");
      return [...new Set((JSON.parse(res.stdout) as { provider: string }[]).map((r) => r.provider))];
    };
    for (const spelling of ["kling-plus", "Kling Plus", "kling plus", "KLING-PLUS"]) expect(await ids(spelling)).toEqual(["kling-plus"]);
    expect(await ids("ByteDance+")).toEqual(["bytedance-plus"]);
    expect(await ids("OpenAI")).toEqual(["openai"]);
    const human = await runInProcess(["models", "--provider", "Kling Plus"]);
    const kling = [...titles.keys()].filter((slug) => slug.startsWith("kling-plus/")).length;
    expect(human.stdout).toMatch(new RegExp(`^${kling} models from Kling Plus \\(kling-plus\\)\\.`, "m"));
    const miss = await runInProcess(["models", "--provider", "Kling Pluss"]);
    expect([miss.code, miss.stderr]).toEqual([2, 'pixelbyte: unknown provider "Kling Pluss"; did you mean "Kling Plus"?\n']);
  });
});

describe("codegen: one display name per provider", () => {
  test("two spellings of one provider's x-provider stop generation at the second, with the fix", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-provider-names-"));
    try {
      await cp(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
      const file = path.join(root, "spec/models.yaml");
      const text = await readFile(file, "utf8");
      // The second Kling Plus model spells its provider differently.
      const first = text.indexOf("x-provider: Kling Plus");
      const second = text.indexOf("x-provider: Kling Plus", first + 1);
      await writeFile(file, `${text.slice(0, second)}x-provider: Kling+${text.slice(second + "x-provider: Kling Plus".length)}`);
      const error = await generate({ root, files: defaultSpecFiles }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(SpecError);
      const problems = (error as SpecError).problems;
      expect(problems).toHaveLength(1);
      const line = text.slice(0, second).split("\n").length;
      expect(problems[0]).toMatchObject({
        file: "spec/models.yaml",
        line,
        check: "cross-check",
        message: expect.stringMatching(/^x-provider "Kling\+" differs from "Kling Plus" of KlingPlus\w+Input \(both are provider "kling-plus"\)$/),
        fix: 'write "Kling Plus": one display name per provider',
      });
      expect(problems[0]!.path).toMatch(/^components\.schemas\.KlingPlus\w+Input\["x-provider"\]$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
