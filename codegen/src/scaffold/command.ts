import type { SpecFiles } from "../config.js";
import { ScaffoldRefusal } from "./insert.js";
import { newModel } from "./new-model.js";

/** `codegen new-model <slug>`: 0 when scaffolded, 2 (with a one-line reason) when refused. */
export async function newModelCommand(args: string[], root: string, files: SpecFiles, usage: string): Promise<number> {
  const [slug, ...extra] = args;
  if (slug === undefined || slug.startsWith("-") || extra.length > 0) {
    console.error(`new-model takes exactly one slug, e.g. pnpm new-model kling-plus/kling-o3-standard/text-to-video\n${usage}`);
    return 2;
  }
  try {
    const { written } = await newModel({ root, files, slug });
    console.log(`new-model: scaffolded ${slug}`);
    for (const w of written) console.log(`  ${w.file}:${w.line}  ${w.what}`);
    console.log(`\nReplace every "TODO: ..." value from the model's docs page (\`pnpm generate\` lists the ones left,\nwith file:line:column), then \`pnpm generate\` and \`pnpm test\`, and review the diff (README "Adding a model").`);
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldRefusal) {
      console.error(`new-model: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
