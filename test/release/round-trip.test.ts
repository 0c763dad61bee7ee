/**
 * Release → install → upgrade, through a real registry (`pnpm test:release`; not part of `pnpm test`).
 *
 * A copy of this repository releases with `pnpm release` into a local Verdaccio; a separate pnpm
 * workspace and a plain npm project outside the repository install the packages by range from it,
 * typecheck strict and run a job and the CLI; then a model is added in the copy the normal way,
 * released as a minor version, and the consumers' update brings its types and price. Also: linking
 * a local checkout, before and after its build.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { estimate } from "@pixelbyte/pricing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startRegistry, type LocalRegistry } from "../helpers/registry.js";
import { pnpm, publishablePackages, run } from "../packaging/workspace.js";
import { catalog, cleanEnv, dependenciesOf, npmProject, PACKAGES, pnpmWorkspace, serveFromInstalledCli, TSCONFIGS, TYPESCRIPT, type Consumer } from "./consumers.js";
import { NEW_MODEL, fillScaffold, newModelSource } from "./new-model.js";
import { check, copyRepository } from "./repository.js";
import { tarballFiles, tarballManifest } from "./tarball.js";

const KEEP = process.env.PIXELBYTE_KEEP_RELEASE_TEST === "1";
const SLUG = "kling-plus/kling-o3-standard/text-to-video";
const INPUT = { prompt: "a neon city", duration: "10", has_sound: "true" } as const;

let registry: LocalRegistry;
let repo: string;
let work: string;
let names: string[];
const consumers: Consumer[] = [];
const timings: [string, number][] = [];

async function timed<T>(what: string, body: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await body();
  } finally {
    timings.push([what, Date.now() - started]);
  }
}

beforeAll(async () => {
  registry = await timed("start Verdaccio", startRegistry);
  repo = await timed("copy the repository and install it from the store", copyRepository);
  work = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-consumers-"));
  names = (await publishablePackages(undefined, repo)).map((p) => p.manifest.name).sort();
}, 180_000);

afterAll(async () => {
  await registry?.close();
  if (KEEP) console.log(`kept ${repo} and ${work}`);
  else await Promise.all([repo, work].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  console.log(`release round trip, wall time per step (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}):\n${timings.map(([what, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${what}`).join("\n")}`);
});

describe("linking a local checkout (link:)", () => {
  let app: string;

  beforeAll(async () => {
    app = path.join(work, "linked-app");
    await mkdir(path.join(app, "src"), { recursive: true });
    const link = (name: string) => `link:${path.join(repo, "packages", name)}`;
    await writeFile(
      path.join(app, "package.json"),
      JSON.stringify({ name: "linked-app", private: true, type: "module", dependencies: { "@pixelbyte/client": link("client"), "@pixelbyte/pricing": link("pricing") }, devDependencies: { tsx: catalog.tsx!, typescript: catalog.typescript!, "@types/node": catalog["@types/node"]! } }, null, 2),
    );
    await writeFile(path.join(app, "tsconfig.json"), JSON.stringify({ ...TSCONFIGS["tsconfig.json"], compilerOptions: { ...TSCONFIGS["tsconfig.json"].compilerOptions, noEmit: true } }, null, 2));
    await writeFile(
      path.join(app, "src/price.ts"),
      `import { estimate } from "@pixelbyte/pricing";\nimport { createClient } from "@pixelbyte/client";\nconst client = createClient({ apiKey: "pb_linked" });\nconsole.log(estimate(${JSON.stringify(SLUG)}, ${JSON.stringify(INPUT)}).microCents, client.price(${JSON.stringify(SLUG)}, ${JSON.stringify(INPUT)}).microCents);\n`,
    );
    await timed("link: install", async () => check("pnpm install (link:)", await pnpm(["install"], { cwd: app, env: cleanEnv() })));
  }, 120_000);

  test("unbuilt: tsx runs the linked TypeScript sources as they are; plain Node cannot load them", async () => {
    const expected = estimate(SLUG, INPUT).microCents;
    const sources = await run(path.join(app, "node_modules/.bin/tsx"), ["src/price.ts"], { cwd: app, env: cleanEnv() });
    expect(sources.stderr).toBe("");
    expect(sources.stdout.trim()).toBe(`${expected} ${expected}`);
    const plain = await run(process.execPath, ["--input-type=module", "-e", 'await import("@pixelbyte/pricing")'], { cwd: app, env: cleanEnv() });
    expect(plain.code).not.toBe(0);
    expect(plain.stderr).toMatch(/ERR_UNKNOWN_FILE_EXTENSION.*"\.ts".*packages\/pricing\/src\/index\.ts/);
  });

  test("a file: dependency on the checkout's package folder is refused: its workspace ranges mean nothing outside", async () => {
    const other = path.join(work, "file-app");
    await mkdir(other);
    await writeFile(path.join(other, "package.json"), JSON.stringify({ name: "file-app", private: true }));
    const added = await pnpm(["add", `file:${path.join(repo, "packages/client")}`], { cwd: other, env: cleanEnv() });
    expect(added.code).not.toBe(0);
    expect(added.stdout + added.stderr).toMatch(/ERR_PNPM_WORKSPACE_PKG_NOT_FOUND/);
  });
});

describe("pnpm release into a local registry", () => {
  let output: string;

  beforeAll(async () => {
    await registry.configure(repo); // the copy's .npmrc: @pixelbyte:registry=<local> and the token
    const released = await timed("pnpm release (version, build, publish)", () => pnpm(["release"], { cwd: repo }));
    output = check("pnpm release", released).stdout;
  }, 300_000);

  test("publishes every public package, at the version the pending changesets give, to the configured registry", async () => {
    expect(output).toContain(`publishing @pixelbyte/* to ${registry.url} (from @pixelbyte:registry in your npm config)`);
    expect(names).toEqual(["@pixelbyte/cli", "@pixelbyte/client", "@pixelbyte/pricing", "@pixelbyte/pricing-audit", "@pixelbyte/test-server"]);
    for (const name of names) expect(await registry.versions(name), name).toEqual(["1.0.0"]);
  });

  test("each tarball's package.json has ^ ranges where the sources say workspace:^ and catalog:, and no `source` condition", async () => {
    for (const name of names) {
      const tgz = await registry.tarball(name, "1.0.0");
      const manifest = tarballManifest(tgz);
      const files = tarballFiles(tgz);
      for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${name} -> ${dependency}`).toMatch(dependency.startsWith("@pixelbyte/") ? /^\^1\.0\.0$/ : /^\^\d+\.\d+\.\d+$/);
      }
      // In the repository the exports point at src/ (source and default); published, only at dist/.
      expect(JSON.stringify(manifest.exports), name).not.toContain('"source"');
      expect(JSON.stringify([manifest.exports, manifest.bin ?? null]), name).not.toContain("src/");
      expect(files, name).toContain("dist/index.js");
      expect(files.filter((f) => f.startsWith("src/")), name).toEqual([]);
    }
    expect(Object.keys(tarballManifest(await registry.tarball("@pixelbyte/cli", "1.0.0")).dependencies ?? {}).sort()).toEqual(["@pixelbyte/client", "@pixelbyte/pricing", "@pixelbyte/pricing-audit", "@pixelbyte/test-server"]);
  });

  test("the linked checkout, built (by the release), typechecks strict against its dist/ types; plain Node still cannot load it", async () => {
    const app = path.join(work, "linked-app");
    const tsc = await run(process.execPath, [path.join(app, "node_modules/typescript/bin/tsc"), "-p", app], { cwd: app, env: cleanEnv() });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
    const plain = await run(process.execPath, ["--input-type=module", "-e", 'await import("@pixelbyte/pricing")'], { cwd: app, env: cleanEnv() });
    expect(plain.stderr).toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
  });
});

// Both module settings in the pnpm workspace; the npm project (hoisted node_modules) under NodeNext.
const CONFIGS = { pnpm: ["tsconfig.json", "tsconfig.bundler.json"], npm: ["tsconfig.json"] } as const;

describe.each([
  ["a pnpm workspace", pnpmWorkspace, CONFIGS.pnpm],
  ["a plain npm project", npmProject, CONFIGS.npm],
] as const)("%s outside the repository", (label, make, configs) => {
  let consumer: Consumer;

  beforeAll(async () => {
    consumer = await make(path.join(work, label.replace(/\W+/g, "-")), registry);
    consumers.push(consumer);
    await timed(`${consumer.kind}: install by name`, async () => check(`${consumer.kind} install`, await consumer.install()));
  }, 240_000);

  test("installs every package by a ^ range from the registry, with no overrides", async () => {
    const dependencies = await dependenciesOf(consumer);
    for (const name of PACKAGES) {
      expect(dependencies[name], name).toBe("^1.0.0");
      expect(await consumer.installed(name), name).toBe("1.0.0");
    }
  });

  test(`typechecks strict (exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck off): ${configs.join(", ")}`, async () => {
    for (const config of configs) {
      const tsc = await timed(`${consumer.kind}: tsc -p ${config}`, () => consumer.tsc(config));
      expect(tsc.stdout + tsc.stderr, config).toBe("");
      expect(tsc.code, config).toBe(0);
    }
  });

  test("the module settings the README rules out fail the way it says", async () => {
    // A CommonJS package of the app: node16 would compile the import to require() of an ES module.
    const cjs = path.join(consumer.app, "cjs");
    await mkdir(cjs);
    await writeFile(path.join(cjs, "package.json"), JSON.stringify({ type: "commonjs" }));
    await writeFile(path.join(cjs, "index.ts"), 'import { estimate } from "@pixelbyte/pricing";\nexport const price = estimate;\n');
    const settings = { node16: { module: "Node16", moduleResolution: "Node16" }, node10: { module: "CommonJS", moduleResolution: "Node10" } };
    const errors: Record<string, string> = {};
    for (const [name, options] of Object.entries(settings)) {
      await writeFile(path.join(cjs, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { ...options, strict: true, noEmit: true, types: [] }, files: ["index.ts"] }));
      const tsc = await run(process.execPath, [path.join(consumer.app, "node_modules/typescript/bin/tsc"), "-p", path.join(cjs, `tsconfig.${name}.json`)], { cwd: cjs, env: cleanEnv() });
      errors[name] = (/error (TS\d+)/.exec(tsc.stdout) ?? [])[1] ?? `exit ${tsc.code}, no error`;
    }
    // TS1479: CommonJS cannot require() the ES module. node10 does not read `exports` (TS2307:
    // nothing found); TypeScript 7 has removed the setting altogether (TS5108).
    expect(errors).toEqual({ node16: "TS1479", node10: TYPESCRIPT[consumer.kind].startsWith("5.") ? "TS2307" : "TS5108" });
  });

  test("runs a job against the installed test server, priced exactly before it was sent", async () => {
    const ran = await consumer.node("app");
    expect(ran.stderr).toBe("");
    const expected = estimate(SLUG, INPUT).microCents;
    expect(JSON.parse(ran.stdout)).toEqual({ quote: expected, modelPrice: expected, clientPrice: expected, status: "completed", output: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//), charged: [expected], refused: "BudgetExceededError" });
  });

  test("the installed CLI serves the test API and runs a job against it", async () => {
    const server = await serveFromInstalledCli(consumer);
    try {
      const ran = await consumer.bin("pixelbyte", ["run", SLUG, ...Object.entries(INPUT).flatMap(([k, v]) => ["--set", `${k}=${v}`]), "--wait", "--json", "--poll-ms", "10", "--base-url", server.url, "--api-key", server.apiKey]);
      expect(ran.stderr).toBe("");
      expect(JSON.parse(ran.stdout)).toMatchObject({ model: SLUG, status: "completed", costMicroCents: estimate(SLUG, INPUT).microCents, matchesQuote: true });
    } finally {
      await server.stop();
    }
  });
});

describe("upgrade: a model added in the repository reaches the consumers with their update", () => {
  beforeAll(async () => {
    // Before: the consumers' code for the new model does not compile against 1.0.0.
    for (const consumer of consumers) await writeFile(path.join(consumer.app, "src/new-model.ts"), newModelSource);
  });

  test("before the release, a call to the new model does not compile", async () => {
    expect(consumers.map((c) => c.kind)).toEqual(["pnpm workspace", "npm project"]);
    for (const consumer of consumers.slice(0, 1)) {
      const tsc = await consumer.tsc("tsconfig.json");
      expect(tsc.code, consumer.kind).not.toBe(0);
      const errors = tsc.stdout.split("\n").filter((line) => /error TS/.test(line));
      expect(errors.length, consumer.kind).toBeGreaterThan(0);
      for (const line of errors) expect(line, consumer.kind).toMatch(/^src\/new-model\.ts\(/);
      expect(tsc.stdout, consumer.kind).toContain(NEW_MODEL.slug);
    }
  });

  test("pnpm new-model + the filled entries + generate, then pnpm release: a minor release of client and pricing", async () => {
    await timed("new-model + generate in the copy", async () => {
      check("pnpm new-model", await pnpm(["new-model", NEW_MODEL.slug], { cwd: repo }));
      await fillScaffold(repo);
      check("pnpm generate", await pnpm(["generate"], { cwd: repo }));
    });
    // This time the registry comes from the environment (npm_config_registry), the other way npm is configured.
    await rm(path.join(repo, ".npmrc"));
    await writeFile(path.join(repo, ".npmrc"), registry.npmrc().split("\n").filter((line) => !line.startsWith("@pixelbyte:registry=")).join("\n"));
    const released = await timed("pnpm release of the new model", () => pnpm(["release"], { cwd: repo, env: { ...process.env, npm_config_registry: registry.url } }));
    expect(check("second pnpm release", released).stdout).toContain(`publishing @pixelbyte/* to ${registry.url} (from registry in your npm config)`);
    expect(await registry.versions("@pixelbyte/client")).toEqual(["1.0.0", "1.1.0"]);
    expect(await registry.versions("@pixelbyte/pricing")).toEqual(["1.0.0", "1.1.0"]);
    // The others are not released again: their ^1.0.0 on client and pricing takes 1.1.0 as it is.
    for (const name of ["@pixelbyte/test-server", "@pixelbyte/cli", "@pixelbyte/pricing-audit"]) expect(await registry.versions(name), name).toEqual(["1.0.0"]);
  }, 300_000);

  test("each consumer's update installs 1.1.0; the new model's call compiles, is priced, and runs on the installed test server and CLI (still 1.0.0)", async () => {
    for (const consumer of consumers) {
      await timed(`${consumer.kind}: update`, async () => check(`${consumer.kind} update`, await consumer.update()));
      expect(await consumer.installed("@pixelbyte/client"), consumer.kind).toBe("1.1.0");
      expect(await consumer.installed("@pixelbyte/pricing"), consumer.kind).toBe("1.1.0");
      expect(await consumer.installed("@pixelbyte/test-server"), consumer.kind).toBe("1.0.0");
      for (const config of consumer.kind === "npm project" ? CONFIGS.npm : CONFIGS.pnpm) {
        const tsc = await consumer.tsc(config);
        expect(tsc.stdout + tsc.stderr, `${consumer.kind} ${config}`).toBe("");
      }
      const ran = await consumer.node("new-model");
      expect(ran.stderr, consumer.kind).toBe("");
      expect(JSON.parse(ran.stdout), consumer.kind).toEqual({ quote: NEW_MODEL.microCents, status: "completed", charged: [NEW_MODEL.microCents] });
      const priced = await consumer.bin("pixelbyte", ["price", NEW_MODEL.slug, "--set", "duration=10", "--set", "has_sound=true", "--json"]);
      expect(priced.stderr, consumer.kind).toBe("");
      expect(JSON.parse(priced.stdout), consumer.kind).toMatchObject({ microCents: NEW_MODEL.microCents });
    }
  }, 300_000);
});
