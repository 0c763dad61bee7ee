/** Slugs are provider/model or provider/model/capability, lower-case, dots and dashes inside segments. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9.+-]*(\/[a-z0-9][a-z0-9.+-]*){1,2}$/;

/** Longest slug segment: each names a generated file or folder (file systems stop at 255 bytes), and no real slug comes near. */
export const MAX_SLUG_SEGMENT = 100;

/** The schema key (and TypeScript type name) a slug must have: PascalCase of its parts + "Input". */
export function inputTypeName(slug: string): string {
  const parts = slug.split(/[/.+-]+/).filter(Boolean);
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("").replace(/[^A-Za-z0-9]/g, "") + "Input";
}

/** Relative import prefix from a generated per-model file back to its package's `src/` folder. */
export function prefixToSrc(slug: string): string {
  // src/gen/models/<slug>.gen.ts: "models" + every slug segment but the last is one level deeper than src/gen.
  return "../".repeat(slug.split("/").length + 1);
}

/** Relative import prefix from a per-model file up to the `gen/` folder. */
export function prefixToGen(slug: string): string {
  return "../".repeat(slug.split("/").length);
}
