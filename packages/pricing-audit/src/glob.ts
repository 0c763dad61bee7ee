import { closestMatch } from "@pixelbyte/pricing";
import { inputError, usageError } from "./errors.js";

/**
 * A slug glob as a RegExp (for callers that need one; selectSlugs matches with globMatches, which
 * cannot backtrack catastrophically): `*` matches any run of characters (slashes included, so `kling-plus/*`
 * matches every Kling Plus model), `?` one character; everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("")
    .replace(/(\.\*)+/g, ".*");
  return new RegExp(`^${body}$`);
}

/** The longest --model glob accepted: a slug is ~60 characters, and matching stays O(glob × slug). */
export const MAX_GLOB_LENGTH = 256;

/**
 * Whether `text` matches `glob` (`*` any run of characters, `?` one, the rest literal), in
 * O(glob × text) time whatever the glob: the regular expression of globToRegExp backtracks
 * exponentially on globs such as `*a*a*a*a*a*a*a*a*a*a*b` (minutes for one slug).
 */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1; // glob index of the last `*` seen
  let resume = 0; // text index that `*` has consumed up to
  while (t < text.length) {
    const c = glob[g];
    if (c === "*") {
      star = g++;
      resume = t;
    } else if (g < glob.length && (c === "?" || c === text[t])) {
      g++;
      t++;
    } else if (star >= 0) {
      // Let the last `*` take one more character and retry from just after it.
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}

/**
 * The slugs matched by any of the globs (every slug when there is none). A glob that matches
 * nothing is an error naming the nearest slug.
 */
export function selectSlugs(slugs: readonly string[], globs: readonly string[], label: string): string[] {
  if (globs.length === 0) return [...slugs];
  const selected = new Set<string>();
  for (const glob of globs) {
    if (glob.length > MAX_GLOB_LENGTH) throw usageError(`--model must be at most ${MAX_GLOB_LENGTH} characters (got ${glob.length})`);
    const hits = slugs.filter((s) => globMatches(glob, s));
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
  const count = slugs.filter((s) => globMatches(wider, s)).length;
  if (count > 0) return `; did you mean ${wider} (${count} model${count === 1 ? "" : "s"})?`;
  return ` (it has ${slugs.length} models)`;
}
