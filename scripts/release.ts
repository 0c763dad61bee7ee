/**
 * `pnpm release`: version, build and publish every public package under packages/, to the registry
 * npm is configured for.
 *
 * 1. `changeset version`: the pending changesets in .changeset/ become version bumps and CHANGELOG.md
 *    entries and are deleted (nothing changes when none are pending).
 * 2. `pnpm build`: every package, dependencies first (a package's build reads its dependencies' dist).
 * 3. `changeset publish`: `pnpm publish` of every public package whose version the registry does not
 *    have yet, and a git tag for each. pnpm writes `workspace:^` as `^<version>` and `catalog:` as the
 *    catalog's range in the published package.json.
 *
 * The registry is the one configured for the @pixelbyte scope (`@pixelbyte:registry=`), else the
 * default one (`registry=`), from any .npmrc or npm_config_* variable, as `pnpm config get` reads
 * them; a token for it comes from the same files (`//host/:_authToken=`). Changesets reads the
 * registry from the environment only, so the one found here is handed to it explicitly: the
 * "is it published yet" check and the publish always go to the same place, and it is printed first.
 * Then commit the version bumps and push the tags.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SCOPE = "@pixelbyte";

/** pnpm as this script was started (`pnpm release`), else `npx pnpm@10`. */
function pnpm(args: string[], options: SpawnSyncOptions = {}) {
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /pnpm/.test(path.basename(execPath)) ? [process.execPath, [execPath]] : ["npx", ["-y", "pnpm@10"]];
  return spawnSync(command, [...prefix, ...args], { cwd: root, encoding: "utf8", ...options });
}

function step(title: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n> ${title}: pnpm ${args.join(" ")}`);
  const result = pnpm(args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\nrelease stopped: \`pnpm ${args.join(" ")}\` exited ${result.status ?? result.signal}`);
    process.exit(1);
  }
}

/** A config value as pnpm resolves it; undefined when unset. */
function config(key: string): string | undefined {
  const result = pnpm(["config", "get", key]);
  const value = String(result.stdout).trim();
  return result.status === 0 && value !== "" && value !== "undefined" ? value : undefined;
}

const scoped = config(`${SCOPE}:registry`);
const registry = scoped ?? config("registry") ?? "https://registry.npmjs.org/";
console.log(`publishing ${SCOPE}/* to ${registry} (from ${scoped ? `${SCOPE}:registry` : "registry"} in your npm config)`);

step("versions and changelogs from the pending changesets", ["exec", "changeset", "version"]);
step("build every package, dependencies first", ["run", "build"]);
step("publish what the registry does not have yet", ["exec", "changeset", "publish"], {
  ...process.env,
  npm_config_registry: registry,
  [`npm_config_${SCOPE}:registry`]: registry,
});
console.log("\nreleased: commit the version bumps and CHANGELOG.md files, then push the new tags (git push --follow-tags)");
