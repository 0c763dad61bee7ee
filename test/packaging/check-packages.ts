/**
 * `pnpm check:packages [--keep] [package ...]`: is every publishable package ready to publish?
 *
 * For each non-private package under packages/ (in dependency order): build it, `pnpm pack` it
 * (pnpm applies publishConfig, so the tarball is what the registry would get), then on the tarball:
 * publint (strict: no error, warning or suggestion), @arethetypeswrong/cli (esm-only profile, every
 * entry point, "*" patterns expanded), every exports target present and "types" first, and every
 * import of the published code and types declared as a dependency. Then, in a new project outside
 * the workspace, `npm install` the tarballs and check with this Node: every entry point imports as
 * ESM, a strict tsc run resolves the types (test/packaging/consumer/<package>.ts where there is
 * one), and every `bin` runs (`--help`, exit 0). Exit 1 when anything fails. A build that compiles
 * another package's sources (tsc then writes x.js beside that package's x.ts) fails, and those files
 * are removed again; nothing else in the repository is written. `--keep` keeps the temp directory.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { parse } from "yaml";
import { checkDependencies } from "./dependencies.js";
import { entryPoints, exportProblems } from "./exports-map.js";
import { pnpm, publishablePackages, repoRoot, run, type Manifest, type WorkspacePackage } from "./workspace.js";

interface Packed {
  pkg: WorkspacePackage;
  short: string;
  tarball: string;
  bytes: number;
  unpackedBytes: number;
  files: string[];
  manifest: Manifest;
  entryPoints: string[];
  problems: string[];
  notes: string[];
}

const args = process.argv.slice(2);
const keep = args.includes("--keep");
const only = args.filter((a) => !a.startsWith("--"));
const failures: string[] = [];
const fail = (what: string) => {
  failures.push(what);
  console.error(`  ✗ ${what}`);
};

async function main(): Promise<number> {
  const packages = await publishablePackages(only.length > 0 ? only : undefined);
  if (packages.length === 0) {
    console.error(`no publishable package matches ${only.join(", ")}`);
    return 1;
  }
  const work = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-packages-"));
  const tarballs = path.join(work, "tarballs");
  await mkdir(tarballs);
  console.log(`checking ${packages.map((p) => p.manifest.name).join(", ")} (Node ${process.version})\n`);

  const packed: Packed[] = [];
  for (const pkg of packages) {
    const result = await buildAndPack(pkg, tarballs);
    if (result) packed.push(result);
  }
  // A package whose workspace dependency did not pack cannot be installed: npm would look for it on the registry.
  const workspaceNames = new Set((await publishablePackages()).map((p) => p.manifest.name));
  const installable = packed.filter((p) => {
    const missing = Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies }).filter((d) => workspaceNames.has(d) && !packed.some((q) => q.manifest.name === d));
    if (missing.length > 0) fail(`${p.manifest.name}: not installed in the consumer project: its dependency ${missing.join(", ")} did not build or pack`);
    return missing.length === 0;
  });
  if (installable.length > 0) await consumer(installable, path.join(work, "consumer"));

  console.log("\npackage                    tarball bytes  unpacked bytes  files  result");
  for (const p of packed) {
    const ok = p.problems.length === 0;
    console.log(`${p.pkg.manifest.name.padEnd(26)} ${String(p.bytes).padStart(13)}  ${String(p.unpackedBytes).padStart(14)}  ${String(p.files.length).padStart(5)}  ${ok ? "ok" : `${p.problems.length} problem(s)`}`);
    for (const note of p.notes) console.log(`  note: ${note}`);
  }
  if (keep) console.log(`\nkept ${work}`);
  else await rm(work, { recursive: true, force: true });
  if (failures.length > 0) {
    console.error(`\n${failures.length} problem(s):\n${failures.map((f) => `  - ${f}`).join("\n")}`);
    return 1;
  }
  console.log("\nall packages: built, packed, publint clean, attw clean, installed and used from a project outside the workspace");
  return 0;
}

async function buildAndPack(pkg: WorkspacePackage, tarballs: string): Promise<Packed | undefined> {
  const name = pkg.manifest.name;
  const short = path.basename(pkg.dir);
  console.log(`${name}`);
  const started = Date.now();
  const build = await pnpm(["run", "build"], { cwd: pkg.dir });
  // tsc writes a file it compiled from outside rootDir next to that file's source (e.g. into another
  // package's src/): a broken build. Those compiled twins (x.js / x.d.ts beside x.ts, written during
  // this build) are removed again; nothing else is touched.
  const strays = await emittedBesideSources(started);
  await Promise.all(strays.map((f) => rm(path.join(repoRoot, f), { force: true })));
  if (strays.length > 0) {
    fail(`${name}: its build compiled ${strays.length} file(s) of other packages into their src/, e.g. ${strays[0]} (removed again): set "customConditions": [] in its tsconfig.build.json so workspace packages resolve to their built types, and import them only through their exports`);
    return undefined;
  }
  if (build.code !== 0) {
    fail(`${name}: build failed\n${indent(build.stdout + build.stderr)}`);
    return undefined;
  }
  console.log("  ✓ build");
  const pack = await pnpm(["pack", "--json", "--pack-destination", tarballs], { cwd: pkg.dir });
  if (pack.code !== 0) {
    fail(`${name}: pnpm pack failed\n${indent(pack.stdout + pack.stderr)}`);
    return undefined;
  }
  const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("{"))) as { filename: string; files: { path: string }[] };
  const files = info.files.map((f) => f.path).sort();
  const tarball = path.isAbsolute(info.filename) ? info.filename : path.join(tarballs, path.basename(info.filename));
  let unpackedBytes = 0;
  for (const file of files) unpackedBytes += (await stat(path.join(pkg.dir, file))).size;
  const before = failures.length;
  const result: Packed = { pkg, short, tarball, bytes: (await stat(tarball)).size, unpackedBytes, files, manifest: pkg.manifest, entryPoints: [], problems: [], notes: [] };
  const problem = (what: string) => {
    result.problems.push(what);
    fail(`${name}: ${what}`);
  };

  // publint, on the tarball: strict, and a suggestion counts too.
  const lint = await publint({ pack: { tarball: toArrayBuffer(await readFile(tarball)) }, strict: true, level: "suggestion" });
  result.manifest = lint.pkg as Manifest;
  for (const message of lint.messages) problem(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);
  if (lint.messages.length === 0) console.log("  ✓ publint: no errors, warnings or suggestions");

  // The exports map as published, and what the published files import.
  const fileSet = new Set(files);
  for (const p of exportProblems(result.manifest.exports, fileSet)) problem(p);
  if (result.manifest.exports === undefined) problem("no exports map");
  result.entryPoints = entryPoints(result.manifest.exports, fileSet);
  const sources = await Promise.all(files.filter((f) => /\.(m?js|d\.m?ts)$/.test(f)).map(async (f) => ({ path: f, text: await readFile(path.join(pkg.dir, f), "utf8") })));
  const deps = checkDependencies(result.manifest, sources);
  for (const p of deps.problems) problem(p);
  if (deps.nodeTypes.length > 0) result.notes.push(`its types use ${deps.nodeTypes.join(", ")}: TypeScript consumers need @types/node`);
  if (result.problems.length === 0) console.log(`  ✓ exports (${result.entryPoints.length} entry points, types first, every target packed), dependencies declared`);

  // attw, on the tarball: every entry point; esm-only because the packages are ESM for Node >= 20.
  const extra = result.entryPoints.filter((e) => !exportsKeys(result.manifest.exports).includes(e));
  const attwArgs = [tarball, "--profile", "esm-only", "--format", "table-flipped", "--no-color", "--no-emoji", ...(extra.length > 0 ? ["--include-entrypoints", ...extra] : [])];
  const attw = await run(process.execPath, [path.join(repoRoot, "node_modules/@arethetypeswrong/cli/dist/index.js"), ...attwArgs]);
  if (attw.code !== 0) problem(`attw found problems:\n${indent(attw.stdout + attw.stderr)}`);
  else console.log(`  ✓ attw (esm-only profile): ${result.entryPoints.length} entry points resolve under node16 (ESM) and bundler`);
  console.log(`  ${failures.length === before ? "✓" : "✗"} ${path.basename(tarball)}: ${result.bytes} bytes, ${files.length} files`);
  return result;
}

/** A project outside the workspace, with only npm, the tarballs and this Node. */
async function consumer(packed: Packed[], dir: string): Promise<void> {
  console.log(`\nconsumer project ${dir}`);
  await mkdir(path.join(dir, "src"), { recursive: true });
  const catalog = (parse(await readFile(path.join(repoRoot, "pnpm-workspace.yaml"), "utf8")) as { catalog: Record<string, string> }).catalog;
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "pixelbyte-consumer", private: true, type: "module" }, null, 2));
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, types: ["node"], outDir: "out", rootDir: "src" }, include: ["src"] }, null, 2),
  );
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packed.map((p) => p.tarball), `typescript@${catalog.typescript}`, `@types/node@${catalog["@types/node"]}`], { cwd: dir });
  if (install.code !== 0) {
    fail(`npm install of the tarballs failed\n${indent(install.stdout + install.stderr)}`);
    return;
  }
  console.log(`  ✓ npm install ${packed.map((p) => path.basename(p.tarball)).join(" ")}`);

  // Every entry point of every package, imported by name; plus the hand-written checks.
  const specifiers = packed.flatMap((p) => p.entryPoints.map((e) => p.manifest.name + e.slice(1)));
  await writeFile(
    path.join(dir, "src/entry-points.ts"),
    `${specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`).join("\n")}\n\nconst modules: Record<string, object> = {\n${specifiers.map((s, i) => `  ${JSON.stringify(s)}: m${i},`).join("\n")}\n};\nconsole.log(\`imported \${Object.keys(modules).length} entry points\`);\n`,
  );
  const scripts = ["entry-points"];
  for (const p of packed) {
    const fixture = path.join(repoRoot, "test/packaging/consumer", `${p.short}.ts`);
    if (await stat(fixture).then(() => true, () => false)) {
      await cp(fixture, path.join(dir, "src", `${p.short}.ts`));
      scripts.push(p.short);
    }
  }
  const tsc = await run(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", dir]);
  if (tsc.code !== 0) fail(`tsc in the consumer project:\n${indent(tsc.stdout + tsc.stderr)}`);
  else console.log(`  ✓ tsc (strict, NodeNext, skipLibCheck off): ${specifiers.length} entry points and ${scripts.length - 1} usage file(s) typecheck`);
  for (const script of scripts) {
    const node = await run(process.execPath, [path.join(dir, "out", `${script}.js`)], { cwd: dir });
    if (node.code !== 0) fail(`node out/${script}.js:\n${indent(node.stdout + node.stderr)}`);
    else console.log(`  ✓ node ${script}.js: ${node.stdout.trim().split("\n").pop()}`);
  }

  for (const p of packed) {
    const bins = typeof p.manifest.bin === "string" ? { [p.manifest.name.split("/").pop()!]: p.manifest.bin } : (p.manifest.bin ?? {});
    for (const bin of Object.keys(bins)) {
      const result = await run(path.join(dir, "node_modules/.bin", bin), ["--help"], { cwd: dir });
      if (result.code !== 0 || result.stdout.trim() === "") fail(`${p.manifest.name}: \`${bin} --help\` exited ${result.code}\n${indent(result.stdout + result.stderr)}`);
      else console.log(`  ✓ ${bin} --help: ${result.stdout.trim().split("\n")[0]}`);
    }
  }
}

/** x.js, x.d.ts (or .mjs/.d.mts) written since `since` beside an x.ts in a source folder of the workspace. */
async function emittedBesideSources(since: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names = new Set(entries.map((e) => e.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "dist") await walk(full);
      const twin = /^(.*)\.(d\.ts|js|d\.mts|mjs)$/.exec(entry.name);
      if (!entry.isFile() || !twin || !(names.has(`${twin[1]}.ts`) || names.has(`${twin[1]}.mts`))) continue;
      if ((await stat(full)).mtimeMs >= since) out.push(path.relative(repoRoot, full).split(path.sep).join("/"));
    }
  };
  for (const parent of ["packages", "examples"]) {
    for (const pkg of await readdir(path.join(repoRoot, parent)).catch(() => [] as string[])) await walk(path.join(repoRoot, parent, pkg, "src"));
  }
  await walk(path.join(repoRoot, "codegen/src"));
  return out.sort();
}

function exportsKeys(exports: unknown): string[] {
  return typeof exports === "object" && exports !== null ? Object.keys(exports) : ["."];
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

/** Command output, indented under its failure, cut to its first 30 lines. */
function indent(text: string, max = 30): string {
  const lines = text.trimEnd().split("\n");
  const shown = lines.slice(0, max).map((line) => `      ${line}`);
  if (lines.length > max) shown.push(`      ... ${lines.length - max} more lines`);
  return shown.join("\n");
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
