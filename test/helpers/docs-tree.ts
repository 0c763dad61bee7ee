import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { renderMdx } from "./model-page.js";

type Obj = Record<string, unknown>;

/** One model of a spec: its models.yaml schema and pricing.yaml entry, as plain data. */
export interface SpecEntry {
  slug: string;
  schema: Obj;
  price: Obj;
}

/** Every model of the spec under `root` (spec/models.yaml + spec/pricing.yaml), in models.yaml order. */
export async function specEntries(root: string): Promise<SpecEntry[]> {
  const schemas = (parse(await readFile(path.join(root, "spec/models.yaml"), "utf8")) as { components: { schemas: Record<string, Obj> } }).components.schemas;
  const prices = (parse(await readFile(path.join(root, "spec/pricing.yaml"), "utf8")) as { models: Record<string, Obj> }).models;
  return Object.values(schemas).map((schema) => ({ slug: schema["x-slug"] as string, schema, price: prices[schema["x-slug"] as string]! }));
}

/** Where a docs checkout keeps the page at `url`: ".../models/video/kling/x" -> "models/video/kling/x.mdx". */
export function pageFileOf(url: string): string {
  const at = url.indexOf("/models/");
  if (at < 0) throw new Error(`${url} names no page under models/`);
  return `${url.slice(at + 1)}.mdx`;
}

/**
 * A docs checkout as the spec's pages would make it: every model rendered as its MDX page
 * (test/helpers/model-page.ts) at the path of its externalDocs URL. Returns slug -> page file.
 */
export async function writeDocsTree(dir: string, entries: readonly SpecEntry[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of entries) {
    const file = pageFileOf((e.schema.externalDocs as Obj).url as string);
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), renderMdx({ schema: e.schema, price: e.price }));
    out.set(e.slug, file);
  }
  return out;
}

/**
 * An invented model (its own words and numbers, on no existing page): `slug` provider/model/capability,
 * two priced options (duration × its value, motion ×1 or ×1.2), base 35,000 µ¢ per second.
 */
export function inventedModel(slug: string, title: string, checked = "2026-12-01"): SpecEntry {
  const [provider, model] = slug.split("/") as [string, string];
  const url = `https://pixelbyte.mintlify.app/models/video/${provider}/${slug.split("/").slice(1).join("-").replace(/\./g, "-")}`;
  return {
    slug,
    schema: {
      "x-slug": slug,
      "x-provider": provider.charAt(0).toUpperCase() + provider.slice(1),
      title,
      externalDocs: { url },
      type: "object",
      additionalProperties: false,
      required: ["image_url"],
      properties: {
        prompt: { type: "string", maxLength: 1800 },
        image_url: { type: "string", description: `URL of the still ${model} animates.` },
        duration: { type: "string", description: "Clip length in seconds.", enum: ["4", "8"], default: "4" },
        motion: { type: "string", enum: ["calm", "lively"], default: "calm" },
      },
    },
    price: {
      source: url,
      checked,
      base: 35000,
      unit: "second",
      factors: [
        { field: "duration", table: { "4": "4", "8": "8" } },
        { field: "motion", table: { calm: "1", lively: "1.2" } },
      ],
      examples: [{ input: { duration: "4", motion: "calm" }, micro_cents: 140000, note: "The page's default cost (4 seconds, calm)." }],
    },
  };
}
