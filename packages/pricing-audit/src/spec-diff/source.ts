import { readFile } from "node:fs/promises";
import { basename, dirname, join, posix, relative, sep } from "node:path";
import { inputError, usageError } from "../errors.js";
import { git, readTree, resolveCommit } from "../git.js";
import { findSpecRoot, kindOf, localPath } from "../load-revision.js";

/** The documents of spec/ the diff compares, by their standard file names. */
export const DOCUMENTS = { models: "models.yaml", api: "openapi.yaml", pricing: "pricing.yaml" } as const;
export type DocumentRole = keyof typeof DOCUMENTS;

/** Where a spec revision was read from. */
export type SpecOrigin =
  | { readonly kind: "git"; readonly ref: string; readonly commit: string; readonly dir: string }
  | { readonly kind: "dir"; readonly dir: string };

/**
 * One revision of spec/, as files read by path relative to its spec directory. A `$ref` to another
 * file (spec/api/**) is read from the same revision.
 */
export interface SpecTree {
  /** How the revision is named in the report: "HEAD~1:spec", "old/spec", "spec (working tree)". */
  readonly label: string;
  readonly origin: SpecOrigin;
  /**
   * The file of each document this revision has, relative to the spec directory. A revision named as
   * one file has only that document.
   */
  readonly documents: Partial<Record<DocumentRole, string>>;
  /**
   * True when the revision was named as one file: the other documents were not named, rather than
   * absent. In a whole spec directory a missing document is an empty one (nothing defined yet).
   */
  readonly partial: boolean;
  /** The text of `file` (a posix path relative to the spec directory), or undefined when it does not exist. */
  read(file: string): Promise<string | undefined>;
  /** How `file` is named in messages: "HEAD~1:spec/api/paths/jobs.yaml", "old/spec/models.yaml". */
  name(file: string): string;
}

export interface SourceOptions {
  /** Where relative paths and git commands start. */
  readonly cwd: string;
}

/** The spec directory inside a repository. */
export const SPEC_DIR = "spec";

/**
 * A spec revision named the way a user names it:
 * - a git revision (`HEAD~1`, `v1.2.0`, `origin/main`): its `spec/` directory, read with `git show`;
 *   `<ref>:<path>` reads another directory or one file at that revision;
 * - a directory: a repository holding `spec/`, or a spec directory itself;
 * - a file (`old-models.yaml`): that one document (models, HTTP API or pricing, told by its content
 *   when its name is not the standard one).
 * An existing path wins over a ref of the same name.
 */
export async function openSpec(arg: string, options: SourceOptions): Promise<SpecTree> {
  if (arg.trim() === "") throw usageError("an empty revision: pass a git ref, a directory or a file");
  const { path, kind } = await localPath(arg, options.cwd);
  if (kind === "dir") return openDirectory(path, arg);
  if (kind === "file") return openFile(path, arg);
  return openGit(arg, options.cwd);
}

/** The working tree's spec/, found from `cwd` upwards (the directory holding spec/pricing.yaml). */
export async function openWorkingTree(options: SourceOptions): Promise<SpecTree> {
  const root = await findSpecRoot(options.cwd);
  if (root === undefined) throw inputError(`no ${SPEC_DIR}/${DOCUMENTS.pricing} in ${options.cwd} or any directory above it`);
  const dir = join(root, SPEC_DIR);
  return directoryTree(dir, `${SPEC_DIR} (working tree)`, relative(options.cwd, dir) || ".");
}

async function openDirectory(path: string, arg: string): Promise<SpecTree> {
  const inner = join(path, SPEC_DIR);
  if ((await kindOf(inner)) === "dir" && (await hasDocument(inner))) return directoryTree(inner, join(arg, SPEC_DIR), join(arg, SPEC_DIR));
  if (await hasDocument(path)) return directoryTree(path, arg, arg);
  throw inputError(`${arg} is a directory without ${SPEC_DIR}/ or any of ${Object.values(DOCUMENTS).join(", ")}`);
}

async function hasDocument(dir: string): Promise<boolean> {
  for (const file of Object.values(DOCUMENTS)) if ((await kindOf(join(dir, file))) === "file") return true;
  return false;
}

async function directoryTree(dir: string, label: string, shown: string): Promise<SpecTree> {
  const documents: Partial<Record<DocumentRole, string>> = {};
  for (const [role, file] of Object.entries(DOCUMENTS) as [DocumentRole, string][]) {
    if ((await kindOf(join(dir, file))) === "file") documents[role] = file;
  }
  return fsTree(dir, label, shown, documents);
}

async function openFile(path: string, arg: string): Promise<SpecTree> {
  const file = basename(path);
  const tree = fsTree(dirname(path), arg, dirname(arg), {});
  const text = await tree.read(file);
  return { ...tree, documents: { [roleOf(file, text ?? "", arg)]: file }, partial: true };
}

function fsTree(dir: string, label: string, shown: string, documents: Partial<Record<DocumentRole, string>>): SpecTree {
  const name = (file: string) => (shown === "." ? file : `${shown.split(sep).join("/").replace(/\/+$/, "")}/${file}`);
  return {
    label,
    origin: { kind: "dir", dir },
    documents,
    partial: false,
    async read(file) {
      const path = join(dir, ...file.split("/"));
      if ((await kindOf(path)) !== "file") return undefined;
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        throw inputError(`${name(file)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    },
    name,
  };
}

async function openGit(arg: string, cwd: string): Promise<SpecTree> {
  const colon = arg.indexOf(":");
  const ref = colon < 0 ? arg : arg.slice(0, colon);
  const path = colon < 0 ? SPEC_DIR : posix.normalize(arg.slice(colon + 1).replace(/^\.?\//, "")).replace(/\/+$/, "");
  if (ref === "" || path === "" || path === ".") throw usageError(`"${arg}": write a git revision as <ref> or <ref>:<path>`);
  const commit = await resolveCommit(ref, arg, cwd);
  const type = await git(["cat-file", "-t", `${commit}:${path}`], cwd);
  if (!type.ok) throw inputError(`${path} does not exist at ${ref} (commit ${commit.slice(0, 12)})`);

  const isFile = type.stdout.trim() === "blob";
  const dir = isFile ? posix.dirname(path) : path;
  // The whole directory at once: a spec's files are few and small, and a git process per file is slow.
  const files = (await readTree(commit, dir, cwd)) ?? new Map<string, string>();
  const tree: SpecTree = {
    label: `${ref}:${path}`,
    origin: { kind: "git", ref, commit, dir },
    documents: {},
    partial: isFile,
    read: async (file) => files.get(posix.normalize(file)),
    name: (file) => `${ref}:${posix.join(dir, file)}`,
  };
  const documents: Partial<Record<DocumentRole, string>> = {};
  if (isFile) {
    const file = posix.basename(path);
    documents[roleOf(file, (await tree.read(file)) ?? "", arg)] = file;
  } else {
    for (const [role, file] of Object.entries(DOCUMENTS) as [DocumentRole, string][]) if (files.has(file)) documents[role] = file;
    if (Object.keys(documents).length === 0) throw inputError(`${ref}:${dir} has none of ${Object.values(DOCUMENTS).join(", ")}`);
  }
  return { ...tree, documents };
}

/**
 * Which document a file is: by its standard name, else by its top-level keys (`paths`/`webhooks`:
 * the HTTP API; `currency`: pricing; `components`: model inputs). Only a first look: the text is
 * parsed properly, with positions, when it is compared.
 */
function roleOf(file: string, text: string, arg: string): DocumentRole {
  for (const [role, name] of Object.entries(DOCUMENTS) as [DocumentRole, string][]) if (file === name) return role;
  const keys = new Set([...text.matchAll(/^([A-Za-z_$][\w$-]*)\s*:/gm)].map((m) => m[1]));
  if (keys.has("paths") || keys.has("webhooks")) return "api";
  if (keys.has("currency")) return "pricing";
  if (keys.has("components")) return "models";
  throw inputError(`${arg} is not a spec document: expected model inputs (components.schemas with x-slug), an HTTP API (paths) or prices (currency, models)`);
}
