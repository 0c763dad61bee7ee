/**
 * A real npm registry for tests: Verdaccio, in this process, on 127.0.0.1 and a free port the OS
 * picks, with fresh storage and a fresh user database in a temp directory, and no uplink (it serves
 * only what was published into it; everything else keeps coming from the machine's own registry
 * through the scope line below). `close()` stops it and deletes the directory.
 *
 *   const registry = await startRegistry();
 *   await registry.configure(dir);              // dir/.npmrc: @pixelbyte:registry=<url> + the token
 *   await registry.publish(packageDir);         // `pnpm publish` of one built package
 *   await publishWorkspace(registry);           // build + publish every public package of the repo
 *   await registry.close();
 */
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { pnpm, publishablePackages, repoRoot, type RunResult } from "../packaging/workspace.js";

/** The scope this project publishes under; the registry line in `.npmrc` is for it only. */
export const SCOPE = "@pixelbyte";

export interface LocalRegistry {
  /** http://127.0.0.1:<port>/ (trailing slash, as npm writes registry URLs). */
  url: string;
  /** A publish token of a throwaway user created on this registry. */
  token: string;
  /** The temp directory holding storage/, htpasswd and nothing else. */
  dir: string;
  /** `.npmrc` lines: the scope's registry and the token for this host (npm and pnpm read both). */
  npmrc(): string;
  /** Appends `npmrc()` to `<dir>/.npmrc` (created when missing). */
  configure(dir: string): Promise<void>;
  /** `pnpm publish` of one built package directory into this registry. */
  publish(packageDir: string): Promise<RunResult>;
  /** The published manifest of `name@version` as this registry serves it (its packument entry). */
  manifest(name: string, version: string): Promise<Record<string, unknown> | undefined>;
  /** The versions of `name` on this registry, oldest first ([] when it has none). */
  versions(name: string): Promise<string[]>;
  /** The tarball of `name@version` as bytes. */
  tarball(name: string, version: string): Promise<Buffer>;
  close(): Promise<void>;
}

// Verdaccio is CommonJS; its types pull in @verdaccio/types, so only the one function is typed here.
const { runServer } = createRequire(import.meta.url)("verdaccio") as { runServer(config: object): Promise<Server> };

export async function startRegistry(): Promise<LocalRegistry> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-registry-"));
  const server = await runServer({
    // Verdaccio resolves relative paths against the config file's folder; every path here is absolute.
    self_path: path.join(dir, "config.yaml"),
    storage: path.join(dir, "storage"),
    auth: { htpasswd: { file: path.join(dir, "htpasswd"), max_users: 10 } },
    uplinks: {},
    packages: { "**": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" } },
    log: { type: "stdout", format: "pretty", level: "error" },
    web: { enable: false },
    max_body_size: "50mb",
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // `npm adduser` does this PUT; the htpasswd plugin creates the user and answers with a token.
    const user = `ci-${randomBytes(4).toString("hex")}`;
    const added = await fetch(new URL(`-/user/org.couchdb.user:${user}`, url), {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: user, password: randomBytes(16).toString("hex") }),
    });
    const body = (await added.json()) as { token?: string; error?: string };
    if (!added.ok || !body.token) throw new Error(`the local registry refused to create a user: ${added.status} ${body.error ?? ""}`);
    const token = body.token;
    const host = url.replace(/^https?:/, "");
    const npmrc = () => `${SCOPE}:registry=${url}\n${host}:_authToken=${token}\n`;
    const userconfig = path.join(dir, "npmrc");
    await writeFile(userconfig, npmrc());
    const packument = async (name: string) => {
      const res = await fetch(new URL(name.replace("/", "%2f"), url));
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`GET ${name} from the local registry: ${res.status}`);
      return (await res.json()) as { versions: Record<string, Record<string, unknown> & { dist: { tarball: string } }>; time?: Record<string, string> };
    };
    return {
      url,
      token,
      dir,
      npmrc,
      async configure(target) {
        const file = path.join(target, ".npmrc");
        const existing = await readFile(file, "utf8").catch(() => "");
        await writeFile(file, `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}${npmrc()}`);
      },
      // pnpm hands the publish to npm, which takes a scope's registry and a token only from a config
      // file: this registry's own, as the user config (the package's folder is left alone).
      publish: (packageDir) => pnpm(["publish", "--no-git-checks", "--access", "public", "--ignore-scripts"], { cwd: packageDir, env: { ...process.env, npm_config_userconfig: userconfig } }),
      manifest: async (name, version) => (await packument(name))?.versions[version],
      versions: async (name) => Object.keys((await packument(name))?.versions ?? {}),
      async tarball(name, version) {
        const entry = (await packument(name))?.versions[version];
        if (!entry) throw new Error(`${name}@${version} is not on the local registry`);
        const res = await fetch(entry.dist.tarball);
        if (!res.ok) throw new Error(`GET ${entry.dist.tarball}: ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Builds every public package of the repository at `root` (dependencies first) and publishes each,
 * at the version its package.json says, into `registry`. For tests that need the packages as a
 * consumer installs them (another runtime, a browser) without a release; `pnpm release` is the
 * real path and test/release/ tests it.
 */
export async function publishWorkspace(registry: LocalRegistry, root = repoRoot): Promise<void> {
  const build = await pnpm(["run", "build"], { cwd: root });
  if (build.code !== 0) throw new Error(`pnpm build failed:\n${build.stdout}${build.stderr}`);
  for (const pkg of await publishablePackages(undefined, root)) {
    const published = await registry.publish(pkg.dir);
    if (published.code !== 0) throw new Error(`pnpm publish ${pkg.manifest.name} failed:\n${published.stdout}${published.stderr}`);
  }
}
