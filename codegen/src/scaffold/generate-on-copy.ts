import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SpecFiles } from "../config.js";
import type { GeneratedFile } from "../emit/render.js";
import { SpecError, type Problem } from "../validate/problem.js";

/**
 * `pnpm generate` (validation and emit, nothing written) on a temporary copy of the spec's
 * directories holding `texts` as models.yaml and pricing.yaml: how `new-model --from` and
 * `models sync --write` check an edit before writing it. A spec file under `root` keeps its path in
 * the copy (generated headers name their sources by it); one outside (`--spec-dir /elsewhere`) goes
 * under `outside-<n>/`, and problems name it by its own path again. Returns what `generate` emits,
 * or every problem it reports (file names as the spec's own, never the copy's).
 */
export async function generateOnCopy(root: string, files: SpecFiles, texts: { models: string; pricing: string }): Promise<{ generated: GeneratedFile[] } | { problems: Problem[] }> {
  const dirs = [...new Set(Object.values(files).map((f) => path.dirname(path.resolve(root, f))))];
  const inCopy = new Map(
    dirs.map((dir, i) => {
      const rel = path.relative(root, dir);
      return [dir, rel.startsWith("..") || path.isAbsolute(rel) ? `outside-${i}` : rel] as const;
    }),
  );
  const copied = Object.fromEntries(
    Object.entries(files).map(([key, file]) => {
      const absolute = path.resolve(root, file);
      return [key, path.join(inCopy.get(path.dirname(absolute))!, path.basename(absolute))];
    }),
  ) as unknown as SpecFiles;
  const copy = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-check-"));
  const prefix = copy.split(path.sep).join("/") + "/";
  const original = (file: string): string => {
    const name = file.replace(prefix, "");
    for (const [dir, rel] of inCopy) if (rel.startsWith("outside-") && name.startsWith(`${rel}/`)) return `${dir.split(path.sep).join("/")}${name.slice(rel.length)}`;
    return name;
  };
  try {
    for (const [dir, rel] of inCopy) await cp(dir, path.join(copy, rel), { recursive: true });
    await writeFile(path.join(copy, copied.models), texts.models);
    await writeFile(path.join(copy, copied.pricing), texts.pricing);
    const { generate } = await import("../pipeline.js");
    try {
      return { generated: (await generate({ root: copy, files: copied })).files };
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      return { problems: error.problems.map((p) => ({ ...p, file: original(p.file) })) };
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}
