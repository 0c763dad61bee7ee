import { closestMatch } from "@pixelbyte/pricing";
import { inputError } from "./errors.js";

/**
 * A slug glob as a RegExp: `*` matches any run of characters (slashes included, so `kling-plus/*`
 * matches every Kling Plus model), `?` one character; everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("")
    .replace(/(\.\*)+/g, ".*");
  return new RegExp(`^${body}$`);
}

/**
 * The slugs matched by any of the globs (every slug when there is none). A glob that matches
 * nothing is an error naming the nearest slug.
 */
export function selectSlugs(slugs: readonly string[], globs: readonly string[], label: string): string[] {
  if (globs.length === 0) return [...slugs];
  const selected = new Set<string>();
  for (const glob of globs) {
    const re = globToRegExp(glob);
    const hits = slugs.filter((s) => re.test(s));
    if (hits.length === 0) throw inputError(`--model ${glob} matches no model of ${label}${suggestion(glob, slugs)}`);
    for (const s of hits) selected.add(s);
  }
  return slugs.filter((s) => selected.has(s));
}

/** "; did you mean …?": the nearest slug, or the glob with `*` around it when that matches. */
function suggestion(glob: string, slugs: readonly string[]): string {
  const near = closestMatch(glob, slugs);
  if (near !== undefined) return `; did you mean ${near}?`;
  const wider = `*${glob}*`.replace(/\*+/g, "*");
  const count = slugs.filter((s) => globToRegExp(wider).test(s)).length;
  if (count > 0) return `; did you mean ${wider} (${count} model${count === 1 ? "" : "s"})?`;
  return ` (it has ${slugs.length} models)`;
}
