/** Reading a packed package's `exports` map: its entry points, and which of its targets exist. */

export interface ExportEntry {
  /** "." or "./runtime" or "./models/*" */
  subpath: string;
  /** Condition -> target, in the order written ("default" for a bare string target). */
  conditions: [string, string][];
}

export function exportEntries(exports: unknown): ExportEntry[] {
  if (typeof exports === "string") return [{ subpath: ".", conditions: [["default", exports]] }];
  if (typeof exports !== "object" || exports === null) return [];
  const keys = Object.keys(exports);
  // A conditions object at the top level stands for ".".
  if (keys.length > 0 && keys.every((k) => !k.startsWith("."))) return [{ subpath: ".", conditions: flatten(exports) }];
  return Object.entries(exports as Record<string, unknown>).map(([subpath, value]) => ({ subpath, conditions: flatten(value) }));
}

function flatten(value: unknown, prefix = ""): [string, string][] {
  if (typeof value === "string") return [[prefix || "default", value]];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([condition, inner]) => flatten(inner, prefix ? `${prefix}.${condition}` : condition));
}

/** Every problem with the map: a target that is not in the package, a "types" condition that is not first. */
export function exportProblems(exports: unknown, files: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const entry of exportEntries(exports)) {
    for (const [condition, target] of entry.conditions) {
      if (matchTarget(target, files).length === 0) problems.push(`exports["${entry.subpath}"].${condition} -> ${target}: no such file in the package`);
    }
    const typesAt = entry.conditions.findIndex(([c]) => c === "types" || c.endsWith(".types"));
    if (typesAt > 0) problems.push(`exports["${entry.subpath}"]: "types" must be the first condition (it is #${typesAt + 1})`);
  }
  return problems;
}

/** The files a target names (a "*" pattern matches any run of characters, "/" included), as "./path". */
export function matchTarget(target: string, files: ReadonlySet<string>): { file: string; star?: string }[] {
  const relative = target.replace(/^\.\//, "");
  if (!relative.includes("*")) return files.has(relative) ? [{ file: relative }] : [];
  const [before, after] = relative.split("*") as [string, string];
  const out: { file: string; star: string }[] = [];
  for (const file of files) {
    if (file.startsWith(before) && file.endsWith(after) && file.length >= before.length + after.length) {
      out.push({ file, star: file.slice(before.length, file.length - after.length) });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Every importable subpath, with "*" patterns expanded to the files their runtime target matches. */
export function entryPoints(exports: unknown, files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const entry of exportEntries(exports)) {
    if (entry.subpath.endsWith(".json")) continue;
    if (!entry.subpath.includes("*")) {
      out.push(entry.subpath);
      continue;
    }
    const runtime = entry.conditions.find(([c]) => c === "default" || c === "import")?.[1];
    for (const { star } of runtime ? matchTarget(runtime, files) : []) out.push(entry.subpath.replace("*", star!));
  }
  return out;
}
