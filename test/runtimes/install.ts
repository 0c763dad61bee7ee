// Gets each runtime of the matrix onto this machine, once: registry runtimes through `npm pack`
// (the registry's integrity check included) into a cache keyed by package and version, Chromium
// through apt-get when it is missing. A cached runtime costs nothing on the next run.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { RegistryRuntime, SystemBrowser } from "./runtimes.js";

const exec = promisify(execFile);

export interface Installed {
  id: string;
  label: string;
  /** Absolute path of the binary. */
  path: string;
  /** What the binary itself says (`--version`). */
  version: string;
  /** How it was obtained: "cached", "downloaded", "apt-get", "present". */
  source: string;
  ms: number;
}

/** ~/.cache/pixelbyte-ci/runtimes (XDG_CACHE_HOME respected); PIXELBYTE_RUNTIMES_CACHE overrides it. */
export function cacheRoot(): string {
  const base = process.env["XDG_CACHE_HOME"] || path.join(os.homedir(), ".cache");
  return process.env["PIXELBYTE_RUNTIMES_CACHE"] || path.join(base, "pixelbyte-ci", "runtimes");
}

export async function installRegistryRuntime(rt: RegistryRuntime): Promise<Installed> {
  const started = Date.now();
  const root = cacheRoot();
  const dir = path.join(root, `${rt.pkg.replace("/", "+")}@${rt.version}`);
  const bin = path.join(dir, rt.bin);
  let source = "cached";
  // The marker is written last: a run killed mid-download leaves no half runtime that looks complete.
  if (!existsSync(path.join(dir, ".complete"))) {
    source = "downloaded";
    await mkdir(root, { recursive: true });
    const tmp = await mkdtemp(path.join(root, ".download-"));
    try {
      // A throwaway npm cache: the tarball lives once, unpacked, in our cache rather than twice.
      await exec("npm", ["pack", `${rt.pkg}@${rt.version}`, "--pack-destination", tmp, "--cache", path.join(tmp, "npm-cache"), "--silent", "--ignore-scripts"], {
        cwd: tmp,
        maxBuffer: 1 << 20,
      });
      const tarball = (await readdir(tmp)).find((f) => f.endsWith(".tgz"));
      if (!tarball) throw new Error(`npm pack ${rt.pkg}@${rt.version} produced no tarball`);
      const unpacked = path.join(tmp, "unpacked");
      await mkdir(unpacked);
      await exec("tar", ["-xzf", path.join(tmp, tarball), "-C", unpacked]);
      await writeFile(path.join(unpacked, ".complete"), `${rt.pkg}@${rt.version}\n`);
      // A directory without the marker is left from an older layout or a manual copy: replace it.
      if (existsSync(dir) && !existsSync(path.join(dir, ".complete"))) await rm(dir, { recursive: true, force: true });
      await rename(unpacked, dir).catch((e: NodeJS.ErrnoException) => {
        // Another run on this machine finished the same download first: use theirs.
        if (e.code !== "ENOTEMPTY" && e.code !== "EEXIST") throw e;
      });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  const version = await versionOf(bin, ["--version"]);
  return { id: rt.id, label: rt.label, path: bin, version, source, ms: Date.now() - started };
}

/**
 * The system Chromium; when it is missing and this is a Debian-like machine where we are root (a CI
 * container), `apt-get install` it, running `apt-get update` first only if the package is unknown.
 */
export async function installChromium(browser: SystemBrowser): Promise<Installed> {
  const started = Date.now();
  let source = "present";
  if (!existsSync(browser.path)) {
    const root = process.getuid?.() === 0;
    const apt = existsSync("/usr/bin/apt-get");
    if (!root || !apt) {
      throw new Error(
        `no Chromium at ${browser.path}: install it (Debian/Ubuntu: sudo apt-get install ${browser.debianPackage}) or set PIXELBYTE_CHROMIUM to a Chromium or Chrome binary`,
      );
    }
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const policy = await exec("apt-cache", ["policy", browser.debianPackage], { env }).catch(() => ({ stdout: "" }));
    if (!/Candidate: (?!\(none\))/.test(policy.stdout)) await exec("apt-get", ["update", "-qq", "-o", "DPkg::Lock::Timeout=300"], { env, maxBuffer: 16 << 20 });
    // Waits for the dpkg lock rather than failing when another job on this machine is installing.
    await exec("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", browser.debianPackage], { env, maxBuffer: 64 << 20 });
    source = "apt-get";
    if (!existsSync(browser.path)) throw new Error(`apt-get installed ${browser.debianPackage} but ${browser.path} does not exist; set PIXELBYTE_CHROMIUM`);
  }
  const version = await versionOf(browser.path, ["--version"]);
  return { id: browser.id, label: browser.label, path: browser.path, version, source, ms: Date.now() - started };
}

/** The version number the binary prints ("v20.20.2" → 20.20.2, "deno 2.9.6 (stable, ...)" → 2.9.6, workerd's build date). */
async function versionOf(bin: string, args: string[]): Promise<string> {
  const { stdout } = await exec(bin, args, { timeout: 30_000 });
  const line = stdout.trim().split("\n")[0]!.trim();
  return /\d+(?:[.-]\d+)+/.exec(line)?.[0] ?? line;
}
