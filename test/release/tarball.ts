import { spawnSync } from "node:child_process";

/** The files of a registry tarball (npm packs them under package/), paths without that prefix. */
export function tarballFiles(tgz: Buffer): string[] {
  return tar(["-tzf", "-"], tgz)
    .split("\n")
    .filter((line) => line.startsWith("package/") && !line.endsWith("/"))
    .map((line) => line.slice("package/".length))
    .sort();
}

/** package.json as published, read from the tarball itself (not from the registry's copy of it). */
export function tarballManifest(tgz: Buffer): Record<string, unknown> & { dependencies?: Record<string, string>; exports?: unknown } {
  return JSON.parse(tar(["-xzOf", "-", "package/package.json"], tgz)) as Record<string, unknown>;
}

function tar(args: string[], input: Buffer): string {
  const result = spawnSync("tar", args, { input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`tar ${args.join(" ")}: ${result.stderr || result.error}`);
  return result.stdout;
}
