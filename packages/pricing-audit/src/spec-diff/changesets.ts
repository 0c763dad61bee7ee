import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import parseChangeset from "@changesets/parse";
import { inputError } from "../errors.js";
import { kindOf } from "../load-revision.js";
import { GENERATED_PACKAGES, type SpecDiff } from "./compare.js";
import { levelRank, maxLevel, type Level } from "./rules.js";
import { readWorkspace, type Workspace } from "./workspace.js";

/** One pending changeset: its file and the release it asks of each package. */
export interface PendingChangeset {
  /** Relative to the directory the command runs in: ".changeset/add-model-x.md". */
  readonly file: string;
  readonly releases: readonly { readonly name: string; readonly type: Level | "none" }[];
}

export interface PackageVerdict {
  readonly name: string;
  /** What the spec diff requires, and what the pending changesets give (their highest bump). */
  readonly required: Level | "none";
  readonly pending: Level | "none";
  /** The changesets that name this package. */
  readonly files: readonly string[];
  readonly ok: boolean;
  /** How to fix it, when not ok: one line. */
  readonly fix?: string;
}

export interface ChangesetCheck {
  /** The .changeset directory read. */
  readonly dir: string;
  readonly changesets: readonly PendingChangeset[];
  readonly packages: readonly PackageVerdict[];
  readonly ok: boolean;
}

/**
 * Reads the pending changesets (`.changeset/*.md` but its README, found from `cwd` upwards) with
 * @changesets/parse, the parser `changeset version` itself uses, and compares the release each
 * generated package would get with the one `diff` requires. Bad input (exit 2, whatever the diff
 * requires), named by its file: a changeset that does not parse, and one `changeset version` would
 * stop on because it names a package the workspace does not have (a misspelt name, the workspace
 * root, a package of another workspace: see readWorkspace) or mixes a package changesets skips with
 * released ones. A release of a skipped package counts for nothing, as in `changeset version`.
 */
export async function checkChangesets(diff: SpecDiff, cwd: string): Promise<ChangesetCheck> {
  const dir = await findChangesetDir(cwd);
  if (dir === undefined) throw inputError(`no .changeset directory in ${cwd} or any directory above it (run \`pnpm changeset init\` once)`);
  const names = (await readdir(dir)).filter((f) => f.endsWith(".md") && !f.startsWith(".") && !/^README\.md$/i.test(f)).sort();
  const changesets: PendingChangeset[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(cwd, path) || name;
    let parsed: ReturnType<typeof parseChangeset>;
    try {
      parsed = parseChangeset(await readFile(path, "utf8"));
    } catch (error) {
      throw inputError(`${file}: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}; a changeset starts with ---, one "package": major|minor|patch line per package, ---`);
    }
    changesets.push({ file, releases: parsed.releases.map((r) => ({ name: r.name, type: r.type as Level | "none" })) });
  }
  const workspace = await readWorkspace(dir, cwd);
  const refused = changesets.flatMap((c) => refusals(c, workspace));
  if (refused.length > 0) throw inputError(`${refused.join("; ")}; \`changeset version\` would stop on ${refused.length === 1 ? "it" : "them"}`);
  const released = (name: string) => workspace.standing(name).kind === "released";

  const packages = GENERATED_PACKAGES.map((name): PackageVerdict => {
    const naming = changesets.filter((c) => c.releases.some((r) => r.name === name));
    const pending = released(name) ? naming.flatMap((c) => c.releases.filter((r) => r.name === name).map((r) => r.type)).reduce<Level | "none">(maxLevel, "none") : "none";
    const required = diff.required[name];
    const ok = levelRank(pending) >= levelRank(required);
    return {
      name,
      required,
      pending,
      files: naming.map((c) => c.file),
      ok,
      ...(ok
        ? {}
        : {
            fix: !released(name)
              ? unreleasable(name, workspace)
              : naming.length === 0
                ? `add a changeset: pnpm changeset, choose ${required} for ${name}`
                : `add a changeset (pnpm changeset, choose ${required} for ${name}) or raise "${name}": ${pending} to ${required} in ${naming.map((c) => c.file).join(", ")}`,
          }),
    };
  });
  return { dir: relative(cwd, dir) || ".changeset", changesets, packages, ok: packages.every((p) => p.ok) };
}

/** Why `changeset version` would stop on this changeset, one clause per name (none when it would not). */
function refusals(changeset: PendingChangeset, workspace: Workspace): string[] {
  const out: string[] = [];
  const skipped: string[] = [];
  let releasedOne: string | undefined;
  for (const { name } of changeset.releases) {
    const standing = workspace.standing(name);
    const quoted = JSON.stringify(name);
    if (standing.kind === "unknown") out.push(`${changeset.file} names ${quoted}, which is not a package of the workspace at ${workspace.dir}${standing.near === undefined ? "" : ` (did you mean ${JSON.stringify(standing.near)}?)`}`);
    else if (standing.kind === "root") out.push(`${changeset.file} names ${quoted}, the root package.json of the workspace at ${workspace.dir}, which is not one of the packages ${standing.lists} lists`);
    else if (standing.kind === "skipped") skipped.push(`${quoted} (${standing.why})`);
    else releasedOne ??= quoted;
  }
  // Checked after the names, as changesets does: a changeset all of whose packages are skipped releases nothing, and is fine.
  if (out.length === 0 && releasedOne !== undefined && skipped.length > 0) {
    out.push(`${changeset.file} names ${releasedOne}, which is released, together with ${skipped.join(" and ")}, which changesets skips; a changeset may not mix them (move the skipped ones to a changeset of their own, or remove them)`);
  }
  return out;
}

/** The fix for a generated package that no changeset can release in this workspace. */
function unreleasable(name: string, workspace: Workspace): string {
  const standing = workspace.standing(name);
  const reason = standing.kind === "skipped" ? `changesets skips ${name} (${standing.why})` : `${name} is not a package of the workspace at ${workspace.dir}`;
  return `${reason}, so no changeset can release it: make it a released package of the workspace first`;
}

async function findChangesetDir(cwd: string): Promise<string | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if ((await kindOf(join(dir, ".changeset"))) === "dir") return join(dir, ".changeset");
    if (dirname(dir) === dir) return undefined;
  }
}
