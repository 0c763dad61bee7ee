import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { GENERATED_PACKAGES } from "../scaffold/changeset.js";
import type { InputChange } from "./compare-inputs.js";

export type Level = "major" | "minor" | "patch";
const RANK: Record<Level, number> = { patch: 1, minor: 2, major: 3 };

/**
 * The release an input change needs of the generated packages (semver, as a caller of the typed
 * client feels it): what no longer compiles or silently behaves or costs otherwise is major; what
 * only adds is minor; words are a patch. The same split as oasdiff's request rules.
 * TODO: use the spec-diff classifier (branch t14-specdiff, `pixelbyte spec diff`) once it is on main,
 * so there is one rule book.
 */
export function inputLevel(change: InputChange): Level {
  switch (change.kind) {
    case "field-added":
      return change.required ? "major" : "minor";
    case "field-removed":
    case "type":
    case "enum-value-removed":
      return "major";
    case "enum-value-added":
      return "minor";
    case "default":
      // A call omitting the field gets another value and price: major; a default where there was none documents what omitting did.
      return change.from === undefined ? "minor" : "major";
    case "limit": {
      const upper = change.keyword.startsWith("max") || change.keyword === "maximum";
      if (change.to === undefined) return "minor";
      if (change.from === undefined) return "major";
      return (upper ? change.to < change.from : change.to > change.from) ? "major" : "minor";
    }
    case "required":
      return change.to ? "major" : "minor";
    case "enum-order":
    case "description":
    case "title":
    case "provider":
    case "docs-url":
      return "patch";
    case "keyword":
      // A keyword this rule does not know: assumed breaking, so a release is never under-declared.
      return "major";
  }
}

export function maxLevel(levels: readonly Level[]): Level {
  return levels.reduce<Level>((a, b) => (RANK[b] > RANK[a] ? b : a), "patch");
}

/**
 * A Changesets entry at `.changeset/<name>.md` (a numbered name when that one is taken by a change not
 * released yet): both generated packages at `level`, then the summary lines for their CHANGELOG.md.
 */
export async function writeChangesetFile(root: string, name: string, level: Level, summary: string): Promise<string> {
  const dir = path.join(root, ".changeset");
  if (!existsSync(dir)) await mkdir(dir, { recursive: true });
  let file = `.changeset/${name}.md`;
  for (let n = 2; existsSync(path.join(root, file)); n++) file = `.changeset/${name}-${n}.md`;
  const releases = GENERATED_PACKAGES.map((p) => `"${p}": ${level}`).join("\n");
  await writeFile(path.join(root, file), `---\n${releases}\n---\n\n${summary.trimEnd()}\n`);
  return file;
}

/** "kling/kling-3.0/text-to-video" -> "kling-kling-3-0-text-to-video" (as scaffold/changeset.ts names files). */
export function slugFileName(slug: string): string {
  return slug.replace(/[^a-z0-9]+/g, "-");
}
