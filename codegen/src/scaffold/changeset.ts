/** The packages a model addition changes: their generated code gains the model. */
export const GENERATED_PACKAGES = ["@pixelbyte/client", "@pixelbyte/pricing"] as const;

/** Where the changeset for a model goes, relative to the repository root. */
export function changesetPath(slug: string): string {
  return `.changeset/add-model-${slug.replace(/[^a-z0-9]+/g, "-")}.md`;
}

/**
 * A Changesets entry: a new model is a new feature of both generated packages (minor), and
 * `changeset version` turns it into their CHANGELOG.md lines.
 */
export function changesetText(slug: string): string {
  const releases = GENERATED_PACKAGES.map((name) => `"${name}": minor`).join("\n");
  return `---\n${releases}\n---\n\nAdd model \`${slug}\`: its input type and schema in @pixelbyte/client, its price in @pixelbyte/pricing.\n`;
}
