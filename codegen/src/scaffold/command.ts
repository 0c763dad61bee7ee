import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { SpecFiles } from "../config.js";
import { formatProblem } from "../validate/problem.js";
import { ImportProblems, newModelFromPage } from "./from-page.js";
import { ScaffoldRefusal } from "./insert.js";
import { newModel } from "./new-model.js";

/**
 * `codegen new-model <slug>` (scaffold with placeholders) or `codegen new-model --from <page|->
 * [--url <docs-url>] [--checked YYYY-MM-DD] [--slug <slug>]` (import a docs page).
 * 0 when written, 2 (with a one-line reason) when refused, 1 when the page's numbers or the
 * resulting spec do not validate; nothing is written unless 0.
 */
export async function newModelCommand(args: string[], root: string, files: SpecFiles, usage: string, stdin: () => Promise<string> = readStdin): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { from: { type: "string" }, url: { type: "string" }, checked: { type: "string" }, slug: { type: "string" } },
    });
  } catch (error) {
    console.error(`new-model: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  try {
    if (values.from !== undefined) {
      if (positionals.length > 0) {
        console.error(`new-model --from takes no slug (the page names it; use --slug to pick one on a family page)\n${usage}`);
        return 2;
      }
      return await fromPage(values, root, files, stdin);
    }
    const [slug, ...extra] = positionals;
    if (slug === undefined || extra.length > 0 || values.url !== undefined || values.checked !== undefined || values.slug !== undefined) {
      console.error(`new-model takes exactly one slug, e.g. pnpm new-model kling-plus/kling-o3-standard/text-to-video, or --from <page>\n${usage}`);
      return 2;
    }
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
    if (error instanceof ImportProblems) {
      for (const p of error.problems) console.error(p);
      console.error(`\nnew-model: ${error.message}.`);
      return 1;
    }
    throw error;
  }
}

async function fromPage(values: { from?: string; url?: string; checked?: string; slug?: string }, root: string, files: SpecFiles, stdin: () => Promise<string>): Promise<number> {
  const from = values.from!;
  if (values.checked !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.checked)) throw new ScaffoldRefusal(`--checked ${values.checked} is not a date: write YYYY-MM-DD`);
  if (values.url !== undefined && !/^https:\/\/\S+$/.test(values.url)) throw new ScaffoldRefusal(`--url ${values.url} is not an https:// URL`);
  // pnpm runs scripts in the package directory; INIT_CWD is where the command was typed.
  const base = process.env.INIT_CWD ?? process.cwd();
  let text: string;
  try {
    text = from === "-" ? await stdin() : await readFile(path.resolve(base, from), "utf8");
  } catch (error) {
    throw new ScaffoldRefusal(`cannot read ${from}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  const pageName = from === "-" ? "<stdin>" : from;
  const docsUrl = values.url ?? urlFromPath(from);
  const checked = values.checked ?? today();
  const result = await newModelFromPage({ root, files, page: text, pageName, ...(docsUrl ? { docsUrl } : {}), checked, ...(values.slug ? { slug: values.slug } : {}) });

  const form = result.form === "mdx" ? "MDX source" : "rendered page";
  console.log(`new-model: imported ${result.entries.map((e) => e.slug).join(", ")} from ${pageName} (${form})`);
  for (const w of result.written) console.log(`  ${w.file}:${w.line}  ${w.what}`);
  if (values.url === undefined && docsUrl) console.log(`  docs URL ${docsUrl}: from the page's path (pass --url to give another)`);
  if (values.checked === undefined) console.log(`  checked: ${checked} (today; pass --checked to give another date)`);
  for (const entry of result.entries) {
    for (const e of entry.pricing.examples) {
      if (typeof e.micro_cents === "number") console.log(`  worked example reproduces: ${entry.slug} ${JSON.stringify(e.input)} = ${e.micro_cents} micro-cents${e.exact ? ` (exact ${e.exact})` : ""}`);
    }
  }
  const decisions = result.entries.flatMap((e) => e.decisions.map((d) => ({ slug: e.slug, ...d })));
  if (decisions.length > 0) {
    console.log(`\nWhere the page contradicts itself (written as ${decisions.some((d) => d.file === "models") ? "x-decision" : ""}${decisions.some((d) => d.file === "models") && decisions.some((d) => d.file === "pricing") ? " / " : ""}${decisions.some((d) => d.file === "pricing") ? "note" : ""}):`);
    for (const d of decisions) console.log(`  ${pageName}:${d.line}  ${d.slug} ${d.file}.yaml ${d.path.join(".")}: ${d.text}`);
  }
  if (result.placeholders.length > 0) {
    console.log(`\nWhat the page does not show is left as "TODO: ..." (\`pnpm generate\` refuses until each is filled in):`);
    for (const p of result.placeholders) console.log(formatProblem(p).replace(/^/gm, "  "));
  }
  console.log(`\nNext: \`pnpm generate\`, \`pnpm test\`, then review the diff (README "Adding a model").`);
  return 0;
}

/** The docs site: a page at models/<path>.mdx of the docs repository is published at DOCS_SITE/models/<path>. */
export const DOCS_SITE = "https://pixelbyte.mintlify.app";

/** models/video/kling-plus/kling-o3-standard-text-to-video.mdx -> the page's URL on the docs site. */
export function urlFromPath(file: string): string | undefined {
  const m = /(?:^|[\\/])(models[\\/](?:video|image)[\\/][^\\/]+[\\/][^\\/]+)\.mdx$/.exec(file);
  return m ? `${DOCS_SITE}/${m[1]!.split(/[\\/]/).join("/")}` : undefined;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
