// What each runtime is given, built the way a user's code would meet the packages: the published
// build (dist/, the `default` export condition, never the `source` TypeScript) of @pixelbyte/pricing
// and @pixelbyte/client, imported by name where the runtime resolves packages itself (Node, Bun,
// Deno), and bundled by esbuild where a bundler is what users run (a web page, an edge worker).
import { cp, mkdir, readFile, realpath, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { pnpm, repoRoot } from "../packaging/workspace.js";

export interface Probes {
  /** A project directory (package.json, node_modules) the process runtimes run in. */
  project: string;
  /** ESM entry for process runtimes; imports `@pixelbyte/*` by name through `project/node_modules`. */
  cli: string;
  /** The same entry as one self-contained ES module, in a directory with no package.json or node_modules. */
  standalone: string;
  /** Directory served to the browser: index.html and probe.js (one bundle). */
  page: string;
  /** An ES module worker, one bundle. */
  worker: string;
}

const probeDir = path.join(repoRoot, "test/runtimes/probe");

/** Builds the two packages' dist/ (their own `build` scripts), then the three probe entries into `work`. */
export async function buildProbes(work: string): Promise<Probes> {
  const built = await pnpm(["--filter", "@pixelbyte/pricing", "--filter", "@pixelbyte/client", "run", "build"], { cwd: repoRoot });
  if (built.code !== 0) throw new Error(`building @pixelbyte/pricing and @pixelbyte/client failed:\n${built.stdout}${built.stderr}`);

  // A project directory like a user's: package.json naming the dependencies (Deno reads it) and a
  // node_modules holding the packages as published: their dist/ and the manifest with
  // publishConfig.exports (inside the repository the exports' default points at src/).
  const project = path.join(work, "project");
  await mkdir(path.join(project, "node_modules/@pixelbyte"), { recursive: true });
  for (const name of ["pricing", "client"]) {
    const dir = path.join(repoRoot, "packages", name);
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
    const published = { ...manifest, ...manifest.publishConfig };
    const dest = path.join(project, "node_modules/@pixelbyte", name);
    await cp(path.join(dir, "dist"), path.join(dest, "dist"), { recursive: true });
    await writeFile(path.join(dest, "package.json"), JSON.stringify(published, null, 2));
  }
  // The client's one runtime dependency, from where the workspace installed it.
  await symlink(await realpath(path.join(repoRoot, "packages/client/node_modules/openapi-fetch")), path.join(project, "node_modules/openapi-fetch"), "dir");
  // The probe's sources inside the project, so bundlers resolve the packages from its node_modules.
  const probeSrc = path.join(project, "probe");
  await cp(probeDir, probeSrc, { recursive: true });
  await writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "runtime-probe", private: true, type: "module", dependencies: { "@pixelbyte/client": "*", "@pixelbyte/pricing": "*" } }, null, 2),
  );
  const page = path.join(work, "page");
  await mkdir(page);
  await writeFile(path.join(page, "index.html"), '<!doctype html>\n<meta charset="utf-8">\n<title>pixelbyte runtime probe</title>\n<script type="module" src="/probe.js"></script>\n');

  const common: BuildOptions = { bundle: true, format: "esm", target: "es2022", logLevel: "warning", absWorkingDir: work };
  const cli = path.join(project, "cli.mjs");
  const standalone = path.join(work, "standalone", "cli.mjs");
  const worker = path.join(work, "worker.js");
  await Promise.all([
    // Only the probe's own code is compiled; the packages stay imports for the runtime to resolve.
    build({ ...common, entryPoints: [path.join(probeSrc, "cli.ts")], platform: "neutral", packages: "external", outfile: cli }),
    // Everything in one ES module, for Deno without its npm resolution.
    build({ ...common, entryPoints: [path.join(probeSrc, "cli.ts")], platform: "neutral", mainFields: ["module", "main"], outfile: standalone }),
    // As Vite/webpack/esbuild would for a web app: browser conditions, resolved from node_modules.
    build({ ...common, entryPoints: [path.join(probeSrc, "browser.ts")], platform: "browser", outfile: path.join(page, "probe.js") }),
    // As wrangler bundles a Worker: workerd/worker/browser conditions, no Node built-ins.
    build({
      ...common,
      entryPoints: [path.join(probeSrc, "worker.ts")],
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["browser", "module", "main"],
      outfile: worker,
    }),
  ]);
  return { project, cli, standalone, page, worker };
}
