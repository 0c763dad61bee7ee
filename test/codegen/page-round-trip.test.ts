import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultSpecFiles } from "../../codegen/src/config.js";
import { generate } from "../../codegen/src/pipeline.js";
import { readModelPage, type ImportedModel } from "../../codegen/src/page/index.js";
import { insertEntries } from "../../codegen/src/scaffold/insert.js";
import { PRICES, priceSlug, SCHEMAS, schemaSlug } from "../../codegen/src/scaffold/new-model.js";
import { modelsEntryText, pricingEntryText } from "../../codegen/src/scaffold/page-entries.js";
import { TODO_PREFIX } from "../../codegen/src/scaffold/entries.js";
import { declaredForFactor, renderMdx, renderRendered } from "../helpers/model-page.js";
import { repoRoot } from "./scenarios.js";

/**
 * spec/ -> a docs page per model (test/helpers/model-page.ts, both forms) -> the importer -> spec
 * entries again. From MDX every model must come back as the same entries and the same generated
 * output, byte for byte; from the rendered form, what that form shows, and a placeholder for each
 * thing it hides.
 */
type Obj = Record<string, unknown>;
const files = defaultSpecFiles;

/**
 * Annotations the importer cannot write from a page, because they are a maintainer's reading of the
 * page's prose or own words, not anything the documented layout carries: the path of each (in the
 * models entry, `m`, or the pricing entry, `p`). Everything else, annotations included, comes back.
 */
const NOT_FROM_THE_PAGE: Record<string, string[]> = {
  // "at most 4 with a video_url, 7 without": a judgement on prose.
  "kling-plus/kling-o1-pro/reference-to-video": ["m.properties.images.x-decision"],
  "kling-plus/kling-o3-pro/reference-to-video": ["m.properties.images.x-decision", "m.properties.multishot.items.x-decision"],
  "kling-plus/kling-o3-standard/reference-to-video": ["m.properties.images.x-decision", "m.properties.multishot.items.x-decision"],
  // The item shapes were typed by the maintainer from prose; the rendered page gives them as nested fields.
  "kling-plus/kling-o3-pro/image-to-video": ["m.properties.multishot.items.x-decision"],
  "kling-plus/kling-o3-pro/text-to-video": ["m.properties.multishot.items.x-decision"],
  "kling-plus/kling-o3-standard/image-to-video": ["m.properties.multishot.items.x-decision"],
  "kling-plus/kling-o3-standard/text-to-video": ["m.properties.multishot.items.x-decision", "p.examples[1].note"],
  // About the page's code example, which the layout does not tie to any decision.
  "kling/kling-3.0-standard/text-to-video": ["m.properties.has_sound.x-decision"],
  // About a field the page does not have.
  "openai/sora-2/image-to-video": ["m.x-decision"],
  // The maintainer's own notes on extra worked examples (or none), where the importer names the page's cost line.
  "bytedance-plus/seedance-1.5-pro-super/image-to-video": ["p.examples[1].note"],
  "google/nano-banana": ["p.examples[1].note"],
  "google/nano-banana-2/edit-image": ["p.examples[1].note"],
  "google/nano-banana-2/text-to-image": ["p.examples[1].note"],
  "google/nano-banana-pro/text-to-image": ["p.examples[1].note"],
  "minimax-plus/hailuo-2.3-pro/text-to-video": ["p.examples[0].note"],
  "openai/sora-2-pro/text-to-video": ["p.examples[1].note"],
  "pixelbyte-plus/pixel-image-1.0-pro/image-to-image": ["p.examples[1].note"],
  "pixelbyte-plus/pixel-image-1.0-pro/text-to-image": ["p.examples[1].note"],
  "pixelbyte-plus/pixel-image-1.0/image-to-image": ["p.examples[1].note"],
  "pixelbyte-plus/pixel-image-1.0/text-to-image": ["p.examples[1].note"],
  "runway/gen-4-image/edit-image": ["p.examples[1].note"],
  "runway/gen-4-image/text-to-image": ["p.examples[1].note"],
  "seedance/seedream-5/edit-image": ["p.examples[1].note"],
  "seedance/seedream-5/text-to-image": ["p.examples[1].note"],
};

interface SpecModel {
  slug: string;
  schema: Obj;
  price: Obj;
}

let models: SpecModel[];
let modelsText: string;
let pricingText: string;
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

beforeAll(async () => {
  modelsText = await readFile(path.join(repoRoot, files.models), "utf8");
  pricingText = await readFile(path.join(repoRoot, files.pricing), "utf8");
  const schemas = (parse(modelsText) as { components: { schemas: Record<string, Obj> } }).components.schemas;
  const prices = (parse(pricingText) as { models: Record<string, Obj> }).models;
  models = Object.values(schemas).map((schema) => {
    const slug = schema["x-slug"] as string;
    return { slug, schema, price: prices[slug]! };
  });
});

function importPage(text: string, m: SpecModel): ImportedModel {
  const page = readModelPage(text, { docsUrl: (m.schema.externalDocs as Obj).url as string, checked: String(m.price.checked) });
  expect(page.entries.map((e) => e.slug)).toEqual([m.slug]);
  const entry = page.entries[0]!;
  expect(entry.problems, m.slug).toEqual([]);
  return entry;
}

/** Every x-decision / note in an entry, by path. */
function annotations(value: unknown, at: string, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => annotations(v, `${at}[${i}]`, out));
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === "x-decision" || k === "note") out.set(`${at}.${k}`, String(v));
      else annotations(v, `${at}.${k}`, out);
    }
  }
  return out;
}

function withoutAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "x-decision" && k !== "note").map(([k, v]) => [k, withoutAnnotations(v)]));
}

describe("docs page round trip over the whole spec", () => {
  test("MDX: every model comes back as the same entries (keys in the same order); annotations too, but for those no page carries", () => {
    expect(models).toHaveLength(101);
    let exact = 0;
    for (const m of models) {
      const entry = importPage(renderMdx(m), m);
      const price = { ...m.price, checked: String(m.price.checked) };
      expect(JSON.stringify(withoutAnnotations(entry.schema)), m.slug).toBe(JSON.stringify(withoutAnnotations(m.schema)));
      expect(JSON.stringify(withoutAnnotations(entry.pricing)), m.slug).toBe(JSON.stringify(withoutAnnotations(price)));
      const got = new Map([...annotations(entry.schema, "m"), ...annotations(entry.pricing, "p")]);
      const want = new Map([...annotations(m.schema, "m"), ...annotations(m.price, "p")]);
      const differ = [...new Set([...got.keys(), ...want.keys()])].filter((k) => got.get(k) !== want.get(k)).sort();
      expect(differ, m.slug).toEqual([...(NOT_FROM_THE_PAGE[m.slug] ?? [])].sort());
      if (JSON.stringify(entry.schema) === JSON.stringify(m.schema) && JSON.stringify(entry.pricing) === JSON.stringify(price)) exact++;
    }
    // The models whose every byte of data (annotations included) round-trips.
    expect(exact).toBe(101 - Object.keys(NOT_FROM_THE_PAGE).length);
  });

  test("MDX: imported into an empty spec, all 101 models generate byte-identical output", async () => {
    let models2 = `${modelsText.slice(0, modelsText.indexOf("\n  schemas:\n") + "\n  schemas:".length)} {}\n`;
    let pricing2 = `${pricingText.slice(0, pricingText.indexOf("\nmodels:\n") + "\nmodels:".length)} {}\n`;
    // Page order is not slug order: insertion sorts.
    const imported = [...models].reverse().map((m) => importPage(renderMdx(m), m));
    models2 = insertEntries(models2, files.models, SCHEMAS, schemaSlug, imported.map((e) => ({ slug: e.slug, entry: (indent: string) => modelsEntryText(e, indent) })));
    pricing2 = insertEntries(pricing2, files.pricing, PRICES, priceSlug, imported.map((e) => ({ slug: e.slug, entry: (indent: string) => pricingEntryText(e, indent) })));
    // The written text reads back as exactly the imported entries.
    const schemas = (parse(models2) as { components: { schemas: Record<string, Obj> } }).components.schemas;
    const prices = (parse(pricing2) as { models: Record<string, Obj> }).models;
    for (const entry of imported) {
      expect(Object.values(schemas).find((s) => s["x-slug"] === entry.slug)).toEqual(entry.schema);
      expect({ ...prices[entry.slug], checked: String(prices[entry.slug]!.checked) }).toEqual(entry.pricing);
    }
    expect(Object.keys(prices)).toEqual(models.map((m) => m.slug));

    const root = await mkdtemp(path.join(os.tmpdir(), "pixelbyte-round-trip-"));
    temps.push(root);
    await cp(path.join(repoRoot, "spec"), path.join(root, "spec"), { recursive: true });
    await writeFile(path.join(root, files.models), models2);
    await writeFile(path.join(root, files.pricing), pricing2);
    const [fromSpec, fromPages] = await Promise.all([generate({ root: repoRoot, files }), generate({ root, files })]);
    const want = new Map(fromSpec.files.map((f) => [f.path, f.content]));
    const got = new Map(fromPages.files.map((f) => [f.path, f.content]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    const differing = [...want].filter(([file, content]) => got.get(file) !== content).map(([file]) => file);
    expect(differing).toEqual([]);
    expect(fromPages.model.models).toHaveLength(101);
  });

  test("rendered: the same slug, title, provider, base, unit, factors and worked examples; a placeholder for exactly what the form hides", () => {
    for (const m of models) {
      const entry = importPage(renderRendered(m), m);
      const price = m.price;
      expect(entry.schema.title, m.slug).toBe(m.schema.title);
      expect(entry.schema["x-provider"], m.slug).toBe(m.schema["x-provider"]);
      expect(entry.schema.externalDocs.url).toBe((m.schema.externalDocs as Obj).url);
      expect(entry.pricing.base, m.slug).toBe(price.base);
      expect(entry.pricing.unit, m.slug).toBe(price.unit);
      expect(entry.pricing.note, m.slug).toBe(price.note);
      expect(JSON.stringify(entry.pricing.factors), m.slug).toBe(JSON.stringify(price.factors));

      // What the form does not show: which fields are required, every unpriced field's schema, every
      // priced field's default; and an example value the page's words leave open between equal rows.
      const expected: string[] = ["m.required"];
      const priced = new Set((price.factors as Obj[]).map((f) => f.field as string));
      for (const [name, field] of Object.entries(m.schema.properties as Record<string, Obj>)) {
        if (declaredForFactor(field)) continue;
        expected.push(priced.has(name) ? `m.properties.${name}.default` : `m.properties.${name}`);
      }
      const examples = price.examples as Obj[];
      examples.forEach((example, i) => {
        const phrase = /\((.*)\)/.exec(String(example.note ?? ""))?.[1] ?? "";
        for (const f of price.factors as Obj[]) {
          const value = String((example.input as Obj)[f.field as string]);
          const table = f.table as Record<string, string> | undefined;
          const twins = table ? Object.values(table).filter((mult) => Number(mult) === Number(table[value])).length : 1;
          if (twins > 1 && !new RegExp(`(^|[^\\w.])${value.toLowerCase()}([^\\w.]|$)`).test(phrase.toLowerCase())) expected.push(`p.examples[${i}].input.${f.field as string}`);
        }
      });
      expect(placeholders(entry).sort(), m.slug).toEqual(expected.sort());

      // The worked examples, placeholders aside.
      expect(entry.pricing.examples.length).toBe(examples.length);
      entry.pricing.examples.forEach((e, i) => {
        const want = examples[i]!;
        expect(e.micro_cents, m.slug).toBe(want.micro_cents);
        expect(e.exact, m.slug).toBe(want.exact);
        for (const [k, v] of Object.entries(e.input)) if (!String(v).startsWith(TODO_PREFIX)) expect(v, `${m.slug} ${k}`).toBe((want.input as Obj)[k]);
        expect(Object.keys(e.input)).toEqual(Object.keys(want.input as Obj));
      });
    }
  });
});

/** Paths of the "TODO: ..." values of an entry (m = models entry, p = pricing entry). */
function placeholders(entry: ImportedModel): string[] {
  const out: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === "string" && value.startsWith(TODO_PREFIX)) out.push(at);
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${at}[${i}]`));
    else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) visit(v, `${at}.${k}`);
  };
  visit(entry.schema, "m");
  visit(entry.pricing, "p");
  return out;
}
