import { dirname, join, relative } from "node:path";
import { read as readConfig } from "@changesets/config";
import { shouldSkipPackage } from "@changesets/should-skip-package";
import { getPackages, type Packages } from "@manypkg/get-packages";
import { closestMatch } from "@pixelbyte/pricing";
import { inputError } from "../errors.js";

/**
 * What `changeset version` does with a package name a changeset gives:
 * - `released`: a package of the workspace it versions;
 * - `skipped`: a package of the workspace it never versions (`ignore`, private while
 *   `privatePackages.version` is false, no `version`); `why` says which, in words;
 * - `root`: the workspace root's own package.json, which is not one of the packages it versions;
 * - `unknown`: no package of the workspace has that name; `near` is the likely one meant.
 * `changeset version` stops on `root` and `unknown`, and on a changeset mixing `skipped` with `released`.
 */
export type Standing =
  | { readonly kind: "released" }
  | { readonly kind: "skipped"; readonly why: string }
  | { readonly kind: "root"; readonly lists: string }
  | { readonly kind: "unknown"; readonly near?: string };

export interface Workspace {
  /** The workspace root, absolute. */
  readonly dir: string;
  standing(name: string): Standing;
}

/** Where each workspace tool lists its packages (what `root` answers point at). */
const LISTS: Record<Packages["tool"], string> = {
  pnpm: "pnpm-workspace.yaml",
  yarn: 'the "workspaces" of its package.json',
  bolt: 'the "bolt.workspaces" of its package.json',
  lerna: "lerna.json",
  root: "its package.json",
};

/**
 * Reads the workspace `changesetDir` belongs to exactly as `changeset version` (@changesets/cli
 * 2.31.1) does: its packages with @manypkg/get-packages, `.changeset/config.json` with
 * @changesets/config, and which packages it skips with @changesets/should-skip-package. `cwd` only
 * shortens the file names in messages. Throws an input error (exit 2) where `changeset version`
 * would stop too: no package.json at or above the directory, a package.json without a name, a
 * config.json it refuses (missing, an `ignore` naming no package, a wrong option type), or a .changeset
 * directory that is not at the root of its workspace.
 */
export async function readWorkspace(changesetDir: string, cwd: string): Promise<Workspace> {
  const shown = relative(cwd, changesetDir) || ".changeset";
  const start = dirname(changesetDir);
  let packages: Packages;
  try {
    packages = await getPackages(start);
  } catch (error) {
    throw inputError(`cannot read the workspace ${shown} belongs to: ${firstLine(error)}; \`changeset version\` would stop on it too`);
  }
  const dir = packages.root.dir;
  if (dir !== start) throw inputError(`${shown} is not at the root of its workspace (${dir}): \`changeset version\` reads ${join(dir, ".changeset")} instead`);
  let config: Awaited<ReturnType<typeof readConfig>>;
  try {
    config = await readConfig(dir, packages);
  } catch (error) {
    const missing = (error as { code?: unknown }).code === "ENOENT";
    throw inputError(`${join(shown, "config.json")}: ${missing ? "missing" : oneLine(error)}; \`changeset version\` would stop on it too${missing ? " (run `pnpm changeset init` once)" : ""}`);
  }

  // A Map, not an object: a changeset may name "constructor" or "__proto__".
  const byName = new Map(packages.packages.map((p) => [p.packageJson.name, p]));
  const skipping = { ignore: config.ignore, allowPrivatePackages: config.privatePackages.version };
  const configFile = join(shown, "config.json");
  return {
    dir,
    standing(name: string): Standing {
      const pkg = byName.get(name);
      if (pkg === undefined) {
        return name === packages.root.packageJson.name ? { kind: "root", lists: LISTS[packages.tool] } : { kind: "unknown", near: closestMatch(name, byName.keys()) };
      }
      if (!shouldSkipPackage(pkg, skipping)) return { kind: "released" };
      // The library decided; this only says which of its three rules applied, in its order.
      const why = config.ignore.includes(name)
        ? `listed in "ignore" in ${configFile}`
        : pkg.packageJson.private && !skipping.allowPrivatePackages
          ? `private, and ${configFile} sets privatePackages.version to false`
          : `its package.json has no "version"`;
      return { kind: "skipped", why };
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim();
}

/** @changesets/config lists its complaints one per line after a heading line; keep them, on one line. */
function oneLine(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n");
  const body = lines.length > 1 && lines[0]!.endsWith(":") ? lines.slice(1) : lines;
  return body.join(" ").replace(/\s+/g, " ").trim();
}
