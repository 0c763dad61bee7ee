import { readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from "node:path";
import { inputError, usageError } from "./errors.js";
import { git, resolveCommit } from "./git.js";
import { parseRevision } from "./parse-revision.js";
import type { Revision } from "./types.js";

/** Where the pricing spec lives inside a repository. */
export const PRICING_PATH = "spec/pricing.yaml";

export interface LoadOptions {
  /** The directory relative paths and git commands start from. */
  readonly cwd: string;
}

/**
 * One revision of the pricing spec, named the way a user names it:
 * - a file path (`old-pricing.yaml`), read with the `models.yaml` beside it when there is one;
 * - a directory holding `spec/pricing.yaml`;
 * - a git revision (`HEAD~1`, `v1.2.0`, `origin/main`), read with `git show <ref>:spec/pricing.yaml`
 *   and `<ref>:spec/models.yaml`, or `<ref>:<path>` for another file at that revision.
 * An existing file wins over a ref of the same name.
 */
export async function loadRevision(spec: string, options: LoadOptions): Promise<Revision> {
  if (spec.trim() === "") throw usageError("an empty revision: pass a git ref or a file");
  const { path, kind } = await localPath(spec, options.cwd);
  if (kind === "file") return loadFile(path, spec);
  if (kind === "dir") {
    const inside = join(path, PRICING_PATH);
    if ((await kindOf(inside)) !== "file") throw inputError(`${spec} is a directory without ${PRICING_PATH}`);
    return loadFile(inside, join(spec, PRICING_PATH));
  }
  return loadGitRevision(spec, options.cwd);
}

/** The working tree's spec/pricing.yaml, found from `cwd` upwards. */
export async function loadWorkingTree(options: LoadOptions): Promise<Revision> {
  const root = await findSpecRoot(options.cwd);
  if (root === undefined) throw inputError(`no ${PRICING_PATH} in ${options.cwd} or any directory above it`);
  const file = join(root, PRICING_PATH);
  return loadFile(file, `${relative(options.cwd, file) || PRICING_PATH} (working tree)`);
}

/** The nearest directory at or above `cwd` that holds spec/pricing.yaml. */
export async function findSpecRoot(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    if ((await kindOf(join(dir, PRICING_PATH))) === "file") return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

async function loadFile(path: string, label: string): Promise<Revision> {
  let pricingText: string;
  try {
    pricingText = await readFile(path, "utf8");
  } catch (error) {
    throw inputError(`${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const modelsPath = join(dirname(path), "models.yaml");
  const modelsText = modelsPath !== path && (await kindOf(modelsPath)) === "file" ? await readFile(modelsPath, "utf8") : undefined;
  return parseRevision({
    label,
    origin: { kind: "file", path, ...(modelsText !== undefined ? { modelsPath } : {}) },
    pricingText,
    ...(modelsText !== undefined ? { modelsText, modelsLabel: join(dirname(label), "models.yaml") } : {}),
  });
}

async function loadGitRevision(spec: string, cwd: string): Promise<Revision> {
  const colon = spec.indexOf(":");
  const ref = colon < 0 ? spec : spec.slice(0, colon);
  const path = colon < 0 ? PRICING_PATH : spec.slice(colon + 1).replace(/^\.?\//, "");
  if (ref === "" || path === "") throw usageError(`"${spec}": write a git revision as <ref> or <ref>:<path>`);

  const commit = await resolveCommit(ref, spec, cwd);
  const shown = await git(["show", `${commit}:${path}`], cwd);
  if (!shown.ok) throw inputError(`${path} does not exist at ${ref} (commit ${commit.slice(0, 12)})`);

  const modelsPath = posix.join(posix.dirname(path), "models.yaml");
  const models = modelsPath === path ? undefined : await git(["show", `${commit}:${modelsPath}`], cwd);
  const label = `${ref}:${path}`;
  return parseRevision({
    label,
    origin: { kind: "git", ref, commit, path, ...(models?.ok ? { modelsPath } : {}) },
    pricingText: shown.stdout,
    ...(models?.ok ? { modelsText: models.stdout, modelsLabel: `${ref}:${modelsPath}` } : {}),
  });
}

/**
 * What a revision argument names on disk, asked of the file system as typed: `resolve()` folds `..`
 * lexically, so `HEAD:spec/../spec` would become the existing ./spec although no directory
 * `HEAD:spec` exists (and a git revision would silently read as the working tree). Shared by every
 * command that takes "a path or a git revision".
 */
export async function localPath(arg: string, cwd: string): Promise<{ readonly path: string; readonly kind: "file" | "dir" | undefined }> {
  const kind = await kindOf(isAbsolute(arg) ? arg : `${cwd}${sep}${arg}`);
  return { path: resolve(cwd, arg), kind };
}

/** Whether `path` is a file, a directory, or neither (missing, unreadable, a socket…). */
export async function kindOf(path: string): Promise<"file" | "dir" | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? "file" : s.isDirectory() ? "dir" : undefined;
  } catch {
    return undefined;
  }
}
