import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const benchDir = path.resolve(import.meta.dirname, "..");
export const repoRoot = path.resolve(benchDir, "..");
const require = createRequire(path.join(benchDir, "package.json"));

/** A file inside an installed package, resolved from bench/ (the bench package's own dependencies). */
export function packageFile(name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

/** The installed version of `name` as seen from the package at `from` (its own node_modules, then up). */
export function packageVersion(name: string, from = benchDir): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      if (dir === path.dirname(dir)) return "?";
    }
  }
}

export const tsxCli = () => packageFile("tsx", "dist/cli.mjs");
export const tscBin = () => packageFile("typescript", "bin/tsc");
export const openapiTsCli = () => packageFile("openapi-typescript", "bin/cli.js");
