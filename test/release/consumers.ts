import { spawn } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { LocalRegistry } from "../helpers/registry.js";
import { pnpm, repoRoot, run, type RunResult } from "../packaging/workspace.js";
import { check } from "./repository.js";

/** What an app team installs, by name only: the package manager writes the `^` range. */
export const PACKAGES = ["@pixelbyte/client", "@pixelbyte/pricing", "@pixelbyte/test-server", "@pixelbyte/cli"] as const;

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "consumer");
export const catalog = (parse(await readFile(path.join(repoRoot, "pnpm-workspace.yaml"), "utf8")) as { catalog: Record<string, string> }).catalog;

/** The strictest settings an app may have; the published types must pass them with skipLibCheck off. */
const strict = {
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  verbatimModuleSyntax: true,
};

/** Each module setting the README lists: NodeNext (emits, then run with Node) and Bundler (typecheck only). */
export const TSCONFIGS = {
  "tsconfig.json": { compilerOptions: { ...strict, module: "NodeNext", moduleResolution: "NodeNext", rootDir: "src", outDir: "out" }, include: ["src"] },
  "tsconfig.bundler.json": { compilerOptions: { ...strict, module: "ESNext", moduleResolution: "Bundler", noEmit: true }, include: ["src"] },
} as const;

/**
 * The environment of a shell an app team types in: this test runs under `pnpm`, whose npm_config_*,
 * npm_package_* and npm_lifecycle_* variables would otherwise leak into the consumer's installs, and
 * maybe under CI=true, which makes pnpm refuse to install without a lockfile.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_OPTIONS$|VITEST|TEST$|CI$)/i.test(key)));
  return { ...env, ...extra };
}

export interface Consumer {
  kind: "pnpm workspace" | "npm project";
  /** Where its lockfile and .npmrc are. */
  root: string;
  /** The app package: package.json, tsconfigs, src/, node_modules/.bin. */
  app: string;
  /** `pnpm add` / `npm install` of PACKAGES by name. */
  install(): Promise<RunResult>;
  /** `pnpm update` / `npm update`: the newest versions the ranges allow. */
  update(): Promise<RunResult>;
  tsc(config: keyof typeof TSCONFIGS): Promise<RunResult>;
  /** `node out/<name>.js` after a NodeNext build. */
  node(name: string, args?: string[]): Promise<RunResult>;
  /** An installed bin, as the app's scripts would run it. */
  bin(name: string, args: string[]): Promise<RunResult>;
  /** The version of an installed package as the app resolves it. */
  installed(name: string): Promise<string>;
}

async function writeApp(app: string): Promise<void> {
  await mkdir(path.join(app, "src"), { recursive: true });
  for (const [file, config] of Object.entries(TSCONFIGS)) await writeFile(path.join(app, file), JSON.stringify(config, null, 2));
  await cp(path.join(fixtures, "app.ts"), path.join(app, "src/app.ts"));
}

/**
 * The app's own TypeScript: the pnpm workspace has the version this repository uses (5.9), the npm
 * project the newest major, which is what `npm install -D typescript` gives an app today (7.0, the
 * native compiler: it no longer loads @types packages unless tsconfig's `types` lists them).
 */
export const TYPESCRIPT = { "pnpm workspace": catalog.typescript!, "npm project": "7.0.2" } as const;
const devDependencies = (kind: Consumer["kind"]) => ({ typescript: TYPESCRIPT[kind], "@types/node": catalog["@types/node"]! });

function common(kind: Consumer["kind"], root: string, app: string): Pick<Consumer, "kind" | "root" | "app" | "tsc" | "node" | "bin" | "installed"> {
  return {
    kind,
    root,
    app,
    tsc: (config) => run(process.execPath, [path.join(app, "node_modules/typescript/bin/tsc"), "-p", path.join(app, config)], { cwd: app, env: cleanEnv() }),
    node: (name, args = []) => run(process.execPath, [path.join(app, "out", `${name}.js`), ...args], { cwd: app, env: cleanEnv() }),
    bin: (name, args) => run(path.join(app, "node_modules/.bin", name), args, { cwd: app, env: cleanEnv() }),
    installed: async (name) => (JSON.parse(await readFile(path.join(app, "node_modules", name, "package.json"), "utf8")) as { version: string }).version,
  };
}

/** A separate pnpm workspace (a monorepo of its own) with one app package, apps/video. */
export async function pnpmWorkspace(root: string, registry: LocalRegistry): Promise<Consumer> {
  const app = path.join(root, "apps/video");
  await mkdir(app, { recursive: true });
  await writeFile(path.join(root, "pnpm-workspace.yaml"), "packages:\n  - apps/*\n");
  await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "acme-monorepo", private: true }, null, 2));
  await writeFile(path.join(app, "package.json"), JSON.stringify({ name: "@acme/video", private: true, type: "module", devDependencies: devDependencies("pnpm workspace") }, null, 2));
  await registry.configure(root);
  await writeApp(app);
  return {
    ...common("pnpm workspace", root, app),
    install: () => pnpm(["add", ...PACKAGES], { cwd: app, env: cleanEnv() }),
    update: () => pnpm(["update"], { cwd: app, env: cleanEnv() }),
  };
}

/** A plain npm project, no workspace. */
export async function npmProject(root: string, registry: LocalRegistry): Promise<Consumer> {
  await mkdir(root, { recursive: true });
  await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "acme-video", private: true, type: "module", devDependencies: devDependencies("npm project") }, null, 2));
  await registry.configure(root);
  await writeApp(root);
  const npm = (args: string[]) => run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: root, env: cleanEnv() });
  return {
    ...common("npm project", root, root),
    install: () => npm(["install", ...PACKAGES]),
    update: () => npm(["update"]),
  };
}

/** The consumer's package.json dependencies (what `pnpm add` / `npm install` wrote). */
export async function dependenciesOf(consumer: Consumer): Promise<Record<string, string>> {
  return (JSON.parse(await readFile(path.join(consumer.app, "package.json"), "utf8")) as { dependencies?: Record<string, string> }).dependencies ?? {};
}

/**
 * `pixelbyte serve --port 0 --json` from the consumer's installed CLI (so the installed test-server),
 * until `stop()`: the URL and key a `pixelbyte run` then talks to.
 */
export async function serveFromInstalledCli(consumer: Consumer): Promise<{ url: string; apiKey: string; stop(): Promise<void> }> {
  const child = spawn(path.join(consumer.app, "node_modules/.bin/pixelbyte"), ["serve", "--port", "0", "--json", "--pending-ms", "0", "--processing-ms", "20"], {
    cwd: consumer.app,
    env: cleanEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const newline = output.indexOf("\n");
      if (newline >= 0) resolve(output.slice(0, newline));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`pixelbyte serve exited ${code} before listening:\n${output}`)));
  });
  const { url, apiKey } = JSON.parse(first) as { url: string; apiKey: string };
  return {
    url,
    apiKey,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
