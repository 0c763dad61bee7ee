import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export type Level = "major" | "minor" | "patch";

/**
 * A Changesets entry at `.changeset/<name>.md` (a numbered name when that one is taken by a change not
 * released yet): each package at its level, then the summary lines for their CHANGELOG.md.
 */
export async function writeChangesetFile(root: string, name: string, releases: Readonly<Record<string, Level>>, summary: string): Promise<string> {
  const dir = path.join(root, ".changeset");
  if (!existsSync(dir)) await mkdir(dir, { recursive: true });
  let file = `.changeset/${name}.md`;
  for (let n = 2; existsSync(path.join(root, file)); n++) file = `.changeset/${name}-${n}.md`;
  const lines = Object.entries(releases).map(([p, level]) => `"${p}": ${level}`).join("\n");
  await writeFile(path.join(root, file), `---\n${lines}\n---\n\n${summary.trimEnd()}\n`);
  return file;
}

/** "kling/kling-3.0/text-to-video" -> "kling-kling-3-0-text-to-video" (as scaffold/changeset.ts names files). */
export function slugFileName(slug: string): string {
  return slug.replace(/[^a-z0-9]+/g, "-");
}
