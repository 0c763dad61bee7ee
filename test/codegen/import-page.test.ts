import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { PageRefusal, readModelPage, type ImportedModel } from "../../codegen/src/page/index.js";
import { TODO_PREFIX } from "../../codegen/src/scaffold/entries.js";
import { modelsEntryText, pricingEntryText } from "../../codegen/src/scaffold/page-entries.js";
import { repoRoot } from "./scenarios.js";

// Model docs pages -> spec entries (issue 15 §1). Every page here is a fixture written for an
// invented model (test/fixtures/pages), one per variant of the docs page format: both forms, the
// three family layouts, flat and per-image prices, range rows, flags, display names that are not
// field names, the known contradictions, and broken pages. Expected lines are found in the page
// text, never written as numbers.

const pages = path.join(repoRoot, "test/fixtures/pages");
const read = (file: string) => readFileSync(path.join(pages, file), "utf8");
const LUMEN = "models/video/lumen/lumen-wave-2-0-text-to-video.mdx";
const URL = "https://docs.example/lumen-wave";
const options = { docsUrl: URL, checked: "2026-11-25" };

function entries(text: string): ImportedModel[] {
  return readModelPage(text, options).entries;
}

function only(text: string): ImportedModel {
  const all = entries(text);
  expect(all).toHaveLength(1);
  expect(all[0]!.problems).toEqual([]);
  return all[0]!;
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.split("\n").findIndex((l) => l.includes(needle));
  if (at === -1) throw new Error(`"${needle}" is not in the page`);
  return at + 1;
}

function refusal(text: string): PageRefusal {
  try {
    readModelPage(text, options);
  } catch (error) {
    if (error instanceof PageRefusal) return error;
    throw error;
  }
  throw new Error("the page was not refused");
}

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

const LUMEN_MODELS = `    LumenLumenWave20TextToVideoInput:
      x-slug: lumen/lumen-wave-2.0/text-to-video
      x-provider: Lumen
      title: Lumen Wave 2.0 — Text to Video
      externalDocs:
        url: ${URL}
      type: object
      additionalProperties: false
      required: [prompt]
      properties:
        prompt:
          type: string
          description: What the clip shows.
          maxLength: 2500
        negative_prompt:
          type: string
          description: What the clip must not show.
          maxLength: 1000
        aspect_ratio:
          type: string
          description: Frame shape.
          enum: ["16:9", "9:16", "1:1"]
          default: "16:9"
        duration:
          type: string
          description: Clip length in seconds.
          enum: ["3", "4", "5", "6", "7", "8"]
          default: "5"
        resolution:
          type: string
          description: Output resolution.
          enum: ["720p", "1080p"]
          default: "720p"
        has_sound:
          type: string
          description: Add a soundtrack.
          enum: ["true", "false"]
          default: "false"
        seed:
          type: integer
          description: Fix it to repeat a result.
`;

const LUMEN_PRICING = `  lumen/lumen-wave-2.0/text-to-video:
    source: ${URL}
    checked: 2026-11-25
    base: 60000
    unit: second
    factors:
      - field: duration
        table: {"3": "3", "4": "4", "5": "5", "6": "6", "7": "7", "8": "8"}
      - field: resolution
        table: {"720p": "1", "1080p": "1.25"}
      - field: has_sound
        table: {"false": "1", "true": "1.5"}
    examples:
      - input: {duration: "5", resolution: "720p", has_sound: "false"}
        micro_cents: 300000
        note: The page's default cost (5 seconds, 720p, no sound).
      - input: {duration: "5", resolution: "1080p", has_sound: "true"}
        micro_cents: 562500
        note: The page's 1080p cost (5 seconds, 1080p, with sound).
`;

describe("a single-capability MDX page", () => {
  test("both entries, as a maintainer writes them: every field's type, default, options and limits; base, unit, factors, every worked cost", () => {
    const text = read(LUMEN);
    const page = readModelPage(text, options);
    expect(page.form).toBe("mdx");
    const entry = page.entries[0]!;
    expect(modelsEntryText(entry, "    ")).toBe(LUMEN_MODELS);
    expect(pricingEntryText(entry, "  ")).toBe(LUMEN_PRICING);
    // The text reads back as exactly the entry.
    expect(parse(LUMEN_MODELS.replace(/^ {4}/gm, ""))).toEqual({ LumenLumenWave20TextToVideoInput: entry.schema });
    expect(entry.decisions).toEqual([]);
    expect(entry.line).toBe(lineOf(text, 'placeholder="lumen/lumen-wave-2.0/text-to-video"'));
    expect(entry.lines.fields.seed).toBe(lineOf(text, 'body="seed"'));
    expect(entry.lines.examples).toEqual([lineOf(text, "**Default cost:**"), lineOf(text, "**1080p cost:**")]);
  });

  test("without a URL or date, the scaffold's placeholders stand in for them", () => {
    const entry = readModelPage(read(LUMEN)).entries[0]!;
    expect(placeholders(entry)).toEqual(["m.externalDocs.url", "p.source", "p.checked"]);
  });

  test("its rendered form (a browser copy) gives the same price and examples, and a placeholder for each thing it hides", () => {
    const rendered = read("rendered/lumen-wave-2-0-text-to-video.txt");
    const page = readModelPage(rendered, options);
    expect(page.form).toBe("rendered");
    const entry = page.entries[0]!;
    const mdx = only(read(LUMEN));
    expect(entry.problems).toEqual([]);
    expect(entry.slug).toBe(mdx.slug);
    expect(entry.schema.title).toBe(mdx.schema.title);
    expect(entry.schema["x-provider"]).toBe("Lumen");
    expect(entry.pricing).toEqual(mdx.pricing);
    expect(placeholders(entry)).toEqual([
      "m.required",
      "m.properties.prompt",
      "m.properties.negative_prompt",
      "m.properties.aspect_ratio",
      "m.properties.duration.default",
      "m.properties.resolution.default",
      "m.properties.has_sound.default",
      "m.properties.seed",
    ]);
    // The priced fields' options are the table's; the sample says they are strings.
    expect(entry.schema.properties.resolution).toMatchObject({ type: "string", enum: ["720p", "1080p"] });
    expect(entry.schema.properties.has_sound).toMatchObject({ type: "string", enum: ["false", "true"] });
    expect(String((entry.schema.properties.duration as { default: string }).default)).toContain('its default cost assumes "5"');
    expect(String(entry.schema.properties.seed)).toContain("{type: integer}");
  });
});

describe("every variant of the page format", () => {
  test("Kling Plus style: Options before Default, unbracketed limits, min/max, `Has Sound`, rows not cheapest-first, the label-outside-colon worked cost", () => {
    const e = only(read("models/video/orbit-plus/orbit-2-1-pro-image-to-video.mdx"));
    expect(e.schema.required).toEqual(["prompt", "image_url"]);
    expect(e.schema.properties.prompt).toEqual({ type: "string", description: "What happens in the clip.", maxLength: 2500 });
    expect(e.schema.properties.has_sound).toEqual({ type: "string", description: "Add a soundtrack.", enum: ["false", "true"], default: "false" });
    expect(e.schema.properties.cfg_scale).toEqual({ type: "number", description: "Prompt adherence.", default: 0.5, minimum: 0, maximum: 1 });
    expect(e.pricing.factors).toEqual([
      { field: "duration", table: { "5": "5", "10": "10" } },
      { field: "has_sound", table: { true: "1.5", false: "1" } },
    ]);
    expect(Object.keys((e.pricing.factors[1] as { table: object }).table)).toEqual(["true", "false"]);
    expect(e.pricing.examples).toEqual([{ input: { duration: "5", has_sound: "false" }, micro_cents: 250000, note: "The page's default cost (duration 5, has_sound false)." }]);
  });

  test("a range row (`4`–`12`, matches value), a real boolean priced like a flag, fractional multipliers and a half micro-cent", () => {
    for (const file of ["models/video/prism/prism-1-5-super-image-to-video.mdx", "rendered/prism-1-5-super-image-to-video.txt"]) {
      const e = only(read(file));
      expect(e.pricing.factors, file).toEqual([
        { field: "resolution", table: { "480p": "1", "720p": "1.8667", "1080p": "3.7333" } },
        { field: "generate_audio", table: { false: "1", true: "2" } },
        { field: "duration", range: { min: 4, max: 12 } },
      ]);
      expect(e.pricing.examples.map((x) => [x.input, x.micro_cents, x.exact]), file).toEqual([
        [{ resolution: "720p", generate_audio: true, duration: "5" }, 280005, undefined],
        [{ resolution: "720p", generate_audio: false, duration: "5" }, 140003, "140002.5"],
      ]);
    }
    const mdx = only(read("models/video/prism/prism-1-5-super-image-to-video.mdx"));
    expect(mdx.schema.properties.generate_audio).toEqual({ type: "boolean", description: "Generate matching audio.", default: true });
    expect(mdx.schema.properties.prompt).toMatchObject({ maxLength: 1500 });
  });

  test("per-image pricing: `Number of Images`, defaults quoted inside the backticks, a trailing pricing sentence, generated-looking cost phrases", () => {
    const e = only(read("models/image/pixie-plus/pixie-1-0-text-to-image.mdx"));
    expect(e.pricing).toMatchObject({ base: 30000, unit: "image", factors: [{ field: "num_images", table: { "1": "1", "2": "2", "3": "3", "4": "4" } }] });
    expect(e.schema.properties.num_images).toEqual({ type: "string", description: "Number of images to generate. Each image is billed at the base cost.", enum: ["1", "2", "3", "4"], default: "1" });
    expect(e.schema.properties.size).toMatchObject({ enum: ["1K", "2K", "4K"], default: "2K" });
    expect(e.schema.properties.prompt).toMatchObject({ maxLength: 5000 });
    expect(e.pricing.examples.map((x) => [x.input, x.micro_cents, x.note])).toEqual([
      [{ num_images: "1" }, 30000, "The page's default cost (1 number of images)."],
      [{ num_images: "4" }, 120000, "The page's 4-image cost (4 number of images)."],
    ]);
  });

  test("flat pages: a per-second label priced per video (decision 9 in docs/decisions.md), a bare formula with `1 request`, and a Tip with no formula at all", () => {
    const edit = only(read("models/video/orbit-plus/orbit-o3-video-edit.mdx"));
    const note = "The page labels the base cost per second, but its formula and worked example are flat per video; the formula and the example win (decision 9 in docs/decisions.md), so the unit is request, with no factors.";
    expect(edit.pricing).toMatchObject({ base: 40000, unit: "request", note, factors: [], examples: [{ input: {}, micro_cents: 40000, note: "The page's default cost (flat per video)." }] });
    expect(edit.decisions).toEqual([{ line: lineOf(read("models/video/orbit-plus/orbit-o3-video-edit.mdx"), "**Base cost:**"), file: "pricing", path: ["note"], text: note }]);
    // `(max 4)` is an array limit; `(max 10s)` on a URL is prose, not one.
    expect(edit.schema.properties.images).toEqual({ type: "array", description: "Reference image URLs.", maxItems: 4, items: { type: "string" } });
    expect(edit.schema.properties.video_url).toEqual({ type: "string", description: "URL of the video to edit (max 10s)." });
    expect(only(read("rendered/orbit-o3-video-edit.txt")).pricing).toEqual(edit.pricing);

    const nova = only(read("models/image/nova/nova-dev-text-to-image.mdx"));
    expect(nova.slug).toBe("nova/nova-dev/text-to-image"); // from default=, not placeholder=
    expect(nova.schema.properties.numberOfGenerations).toEqual({ type: "integer", description: "How many drafts to make.", enum: [1, 2, 3, 4], default: 1 });
    expect(nova.pricing).toMatchObject({ unit: "request", factors: [], examples: [{ input: {}, micro_cents: 40000, note: "The page's default cost (flat per request)." }] });
    expect(nova.pricing.note).toBeUndefined();

    const quill = only(read("models/video/quill-plus/quill-2-fast-image-to-video.mdx"));
    expect(quill.pricing).toMatchObject({ base: 35000, unit: "request", factors: [], examples: [{ input: {}, micro_cents: 35000, note: "The page's default cost (flat per request, the clip length does not change it)." }] });
  });

  test("a stacked image family page: two slugs, each with its own table, price and title; the edit image left optional, as the page has it", () => {
    const text = read("models/image/gleam/gleam-image-1-5.mdx");
    const [t2i, edit] = entries(text);
    expect([t2i!.slug, edit!.slug]).toEqual(["gleam/gleam-image-1.5/text-to-image", "gleam/gleam-image-1.5/edit-image"]);
    expect([t2i!.schema.title, edit!.schema.title]).toEqual(["Gleam Image 1.5 — Text to Image", "Gleam Image 1.5 — Edit Image"]);
    expect([t2i!.pricing.base, edit!.pricing.base]).toEqual([20000, 25000]);
    expect(edit!.pricing.examples).toEqual([{ input: {}, micro_cents: 25000, note: "The page's fixed cost (flat per request)." }]);
    expect(edit!.schema.required).toEqual(["prompt"]);
    expect(edit!.schema.properties.image_url).toEqual({ type: "string", description: "URL of the image to edit.", "x-decision": "The edit page does not mark this field required; it stays optional, as the page has it." });
    expect(edit!.decisions.map((d) => [d.line, d.path])).toEqual([[lineOf(text, 'body="image_url"'), ["properties", "image_url"]]]);
  });

  test("a video family page with per-capability sections and one shared price; a required field with a default; a no-op 1x factor", () => {
    const text = read("models/video/tidal/tidal-3.mdx");
    const [t2v, i2v] = entries(text);
    expect([t2v!.slug, i2v!.slug]).toEqual(["tidal/tidal-3/text-to-video", "tidal/tidal-3/image-to-video"]);
    expect([t2v!.schema.title, i2v!.schema.title]).toEqual(["Tidal 3 — Text to Video", "Tidal 3 — Image to Video"]);
    expect(t2v!.pricing).toEqual(i2v!.pricing);
    expect(t2v!.pricing.factors[1]).toEqual({ field: "resolution", table: { "720p": "1", "1080p": "1" }, note: "Every row is 1x; kept because the page's formula names resolution." });
    expect(t2v!.schema.required).toEqual(["prompt", "aspect_ratio"]);
    expect(t2v!.schema.properties.aspect_ratio).toMatchObject({ default: "16:9", "x-decision": "The page marks this field required and also documents a default; both are kept: callers must send it, and the default is the page's." });
    expect(Object.keys(i2v!.schema.properties)).toEqual(["prompt", "image_url", "duration", "resolution", "has_sound"]);

    // Rendered: the same slugs and price; the capability without a type sample names no fields.
    const [r1, r2] = entries(read("rendered/tidal-3.txt"));
    expect([r1!.slug, r2!.slug]).toEqual([t2v!.slug, i2v!.slug]);
    expect(r2!.pricing.factors).toEqual(t2v!.pricing.factors);
    expect(r2!.decisions.filter((d) => d.file === "models")).toEqual([]);
  });

  test("a video family page with one merged request body: a field **Required** for one capability belongs to it alone", () => {
    const [t2v, i2v] = entries(read("models/video/ember/ember-3-0-pro.mdx"));
    expect([t2v!.slug, i2v!.slug]).toEqual(["ember/ember-3.0-pro/text-to-video", "ember/ember-3.0-pro/image-to-video"]);
    expect([t2v!.schema.title, i2v!.schema.title]).toEqual(["Ember 3.0 Pro — Text to Video", "Ember 3.0 Pro — Image to Video"]);
    expect(t2v!.schema.required).toEqual(["prompt"]);
    expect(Object.keys(t2v!.schema.properties)).toEqual(["prompt", "duration", "has_sound"]);
    expect(i2v!.schema.required).toEqual(["prompt", "image_url"]);
    expect(i2v!.schema.properties.image_url).toEqual({ type: "string", description: "URL of the first frame." });
  });
});

describe("a Cost Comparison table (a second table, another layout, costs in mc)", () => {
  const comparison = "\n### Cost Comparison\n\n| Configuration | Calculation | Cost |\n|---------------|-------------|------|\n| 5s, 720p, no sound | 60,000 × 5 × 1 × 1 | 300,000 mc ($0.30) |\n| 8s, 1080p, sound | 60,000 × 8 × 1.25 × 1.5 | 900,000 mc ($0.90) |\n";
  test("its rows are worked costs too, checked like the Tip's", () => {
    const text = read(LUMEN).replace("</Tip>\n", `</Tip>\n${comparison}`);
    const e = only(text);
    expect(e.pricing.examples.slice(2)).toEqual([
      { input: { duration: "5", resolution: "720p", has_sound: "false" }, micro_cents: 300000, note: "The page's cost comparison (5s, 720p, no sound)." },
      { input: { duration: "8", resolution: "1080p", has_sound: "true" }, micro_cents: 900000, note: "The page's cost comparison (8s, 1080p, sound)." },
    ]);
    expect(e.lines.examples.slice(2)).toEqual([lineOf(text, "| 5s, 720p"), lineOf(text, "| 8s, 1080p")]);
    const wrong = text.replace("900,000 mc", "905,000 mc");
    expect(entries(wrong)[0]!.problems).toEqual([{ line: lineOf(wrong, "| 8s, 1080p"), message: "the page's cost comparison is 905,000 micro-cents, but 60,000 × 8 × 1.25 × 1.5 = 900000" }]);
  });

  test("glued in the rendered copy, each row splits where its calculation gives its cost", () => {
    const rendered = read("rendered/lumen-wave-2-0-text-to-video.txt").replace(
      "\nResponse\n",
      "\nCost Comparison\nConfigurationCalculationCost\n5s, 720p, no sound60,000 × 5 × 1 × 1300,000 mc ($0.30)\n8s, 1080p, sound60,000 × 8 × 1.25 × 1.5900,000 mc ($0.90)\n\nResponse\n",
    );
    expect(only(rendered).pricing.examples.slice(2).map((x) => [x.input, x.micro_cents])).toEqual([
      [{ duration: "5", resolution: "720p", has_sound: "false" }, 300000],
      [{ duration: "8", resolution: "1080p", has_sound: "true" }, 900000],
    ]);
  });
});

describe("where the page contradicts itself: the documented decision, written next to the entry and returned to print", () => {
  test("a factor with no matching input (and prose between the formula and the table): the field is declared for the factor", () => {
    const text = read("models/video/drift/drift-motion-3-motion-transfer-to-video.mdx");
    const e = only(text);
    expect(e.schema.properties.duration).toEqual({
      type: "string",
      description: "Expected clip length in seconds; prices the job.",
      enum: ["5", "10"],
      "x-decision": "Not an input on the page. The page's price still multiplies by duration (5 or 10), so the field is declared for that factor, with no default because the page gives none; the page's example assumes 5.",
    });
    expect(e.pricing.note).toBe("The formula multiplies by duration (5 or 10) but the page has no duration input. The schema declares duration for this factor, with no default; the page's example assumes 5.");
    expect(e.decisions.map((d) => [d.line, d.file])).toEqual([[lineOf(text, "| **Duration**"), "models"], [lineOf(text, "| **Duration**"), "pricing"]]);
    // The file-constraint and clip-length notes are prose, not schema limits.
    expect(e.schema.properties.image_url).toEqual({ type: "string", description: "URL of the character image (JPG/PNG, max 10MB, min 300px)." });
  });

  test("a per-request label on a price that multiplies by duration, dollars ten times the micro-cents, an Example cost with no defaults", () => {
    for (const file of ["models/video/zephyr/zephyr-imagine.mdx", "rendered/zephyr-imagine.txt"]) {
      const e = only(read(file));
      expect(e.schema.title).toBe("Zephyr Imagine");
      expect(e.pricing.unit).toBe("second");
      expect(e.pricing.note).toBe(
        "The page labels the base cost per request, but its formula multiplies by duration in seconds and its example (6 seconds, 480p = 300,000) agrees, so the unit is second. Its dollar figures ($0.50/request, $3.00) are ten times its micro-cents at 1,000,000 = $1; the micro-cents are kept.",
      );
      expect(e.pricing.examples[0]!.input).toEqual({ duration: "6", resolution: "480p" });
    }
    const mdx = only(read("models/video/zephyr/zephyr-imagine.mdx"));
    expect(mdx.schema.required).toEqual(["prompt", "image_url", "duration", "resolution"]);
    expect(mdx.pricing.examples[0]!.note).toBe("The page's example cost (6 seconds, 480p); the page documents no defaults.");
  });

  test("a default outside its options, a default in another case, a type its options cannot have, table options in another case", () => {
    const text = read("models/video/kestrel/kestrel-1-image-to-video.mdx");
    const e = only(text);
    expect(e.schema.properties.quality).toMatchObject({ enum: ["std", "pro"], default: "std", "x-decision": expect.stringContaining('default "high" is not one of its options') });
    expect(e.schema.properties.size).toMatchObject({ enum: ["1K", "2K"], default: "2K", "x-decision": expect.stringContaining('"2k"') });
    expect(e.schema.properties.motion).toMatchObject({ type: "string", enum: ["low", "medium", "high"], default: "medium", "x-decision": expect.stringContaining("types this field integer") });
    expect(e.schema.properties.loop).toEqual({ type: "boolean", description: "Make the clip loop.", default: false });
    expect(e.pricing.factors[0]).toEqual({ field: "quality", table: { std: "1", pro: "1.5" }, note: 'The factor table writes quality\'s options "std", "pro" as "STD", "Pro"; the input\'s spelling is kept.' });
    expect(e.decisions.map((d) => d.line)).toEqual([lineOf(text, 'body="quality"'), lineOf(text, 'body="size"'), lineOf(text, 'body="motion"'), lineOf(text, "| **Quality**")]);
  });
});

/** The Lumen page with one edit; `from` must occur in it. */
function lumenWith(from: string | RegExp, to: string): string {
  const text = read(LUMEN);
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${String(from)} is not in the page`);
  return edited;
}

describe("pages it cannot read: refused with the page's line and one reason", () => {
  const cases: { name: string; text: () => string; line: (text: string) => number; message: RegExp }[] = [
    { name: "not a model page", text: () => "# Release notes\n\nNothing about models here.\n", line: () => 1, message: /^not a model page/ },
    { name: "a Markdown page with no model sections", text: () => "---\ntitle: \"About\"\n---\n\nJust prose.\n", line: () => 1, message: /^not a model page: it has no properties table/ },
    {
      name: "no slug: the model field is missing",
      text: () => lumenWith(/<ParamField body="model"[\s\S]*?<\/ParamField>\n/, ""),
      line: (t) => lineOf(t, "## Request Body"),
      message: /^no slug: the request body's model field names no model slug/,
    },
    { name: "no pricing section", text: () => lumenWith(/## Pricing[\s\S]*?(?=## Response)/, ""), line: (t) => lineOf(t, 'placeholder="lumen/'), message: /^no pricing section: nothing on the page prices lumen\/lumen-wave-2.0\/text-to-video/ },
    { name: "an unparseable table in the pricing section", text: () => lumenWith("| Factor | Option | Multiplier |", "| Option | Price | Note |"), line: (t) => lineOf(t, "| Option | Price |"), message: /table whose columns \(option \| price \| note\) are neither/ },
    { name: "a multiplier that is not a number", text: () => lumenWith("| `1080p` | 1.25x |", "| `1080p` | a quarter more |"), line: (t) => lineOf(t, "a quarter more"), message: /the multiplier "a quarter more" of Resolution 1080p is not a decimal followed by x/ },
    { name: "MDX that does not parse (a tag never closed)", text: () => lumenWith('      Fix it to repeat a result.\n    </ParamField>', "      Fix it to repeat a result."), line: (t) => lineOf(t, "</Expandable>"), message: /^the MDX does not parse/ },
    { name: "a price that is not published yet", text: () => lumenWith("**Base cost:** 60,000 micro-cents per second ($0.06/sec)", "**Base cost:** Coming soon"), line: (t) => lineOf(t, "**Base cost:** Coming soon"), message: /^the page gives no price yet: its base cost is "Coming soon"/ },
    { name: "a base cost that does not read", text: () => lumenWith("**Base cost:** 60,000 micro-cents per second ($0.06/sec)", "**Base cost:** sixty thousand"), line: (t) => lineOf(t, "sixty thousand"), message: /^the base cost "sixty thousand" does not read/ },
    {
      name: "two factor tables",
      text: () => lumenWith("<Tip>", "| Factor | Option | Multiplier |\n|--------|--------|-----------|\n| **Duration** | `3` | 3x |\n\n<Tip>"),
      line: (t) => t.split("\n").findIndex((l, i) => i > lineOf(t, "| **Sound**") && l.startsWith("| Factor")) + 1,
      message: /second factor table/,
    },
    { name: "a formula and a table that disagree on the number of factors", text: () => lumenWith("× resolution × has_sound", "× resolution"), line: (t) => lineOf(t, "| Factor |"), message: /the formula multiplies by 2 factors \(duration, resolution\) but the table has 3 \(Duration, Resolution, Sound\)/ },
    { name: "a priced option the input does not offer", text: () => lumenWith("| | `8` | 8x |", "| | `8` | 8x |\n| | `9` | 9x |"), line: (t) => lineOf(t, "`9` | 9x"), message: /prices duration "9", which is not one of its options \(3, 4, 5, 6, 7, 8\)/ },
    { name: "an option with no price", text: () => lumenWith("| | `8` | 8x |\n", ""), line: (t) => lineOf(t, "| **Duration**"), message: /duration's option "8" has no row in the factor table/ },
    { name: "a slug that is not one", text: () => lumenWith(/lumen\/lumen-wave-2\.0\/text-to-video/g, "Lumen/Wave"), line: (t) => lineOf(t, 'placeholder="Lumen/Wave"'), message: /^"Lumen\/Wave" is not a model slug/ },
    { name: "a worked cost with no total", text: () => lumenWith("= **300,000 micro-cents ($0.30)**", "= about a third of a dollar"), line: (t) => lineOf(t, "about a third"), message: /gives no total in micro-cents/ },
    { name: "rendered: a glued row that splits two ways", text: () => read("rendered/vela-2-ambiguous-split.txt"), line: (t) => lineOf(t, "FPS241x"), message: /"FPS241x" reads as "2" at 41x or "24" at 1x; the rendered page cannot say which/ },
    { name: "rendered: a table with no formula to split it", text: () => read("rendered/lumen-wave-2-0-text-to-video.txt").replace(/^finalCost.*\n/m, ""), line: (t) => lineOf(t, "Duration33x"), message: /no formula naming its fields/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const text = c.text();
      const r = refusal(text);
      expect(r.message).toMatch(c.message);
      expect(r.message).not.toContain("\n");
      expect(r.line).toBe(c.line(text));
    });
  }

  test("a worked cost its own numbers do not give is a located problem, not an entry to write", () => {
    const text = lumenWith("**300,000 micro-cents ($0.30)**", "**310,000 micro-cents ($0.31)**");
    const [e] = entries(text);
    expect(e!.problems).toEqual([{ line: lineOf(text, "**Default cost:**"), message: "the page's default cost is 310,000 micro-cents, but 60,000 × 5 × 1 × 1 = 300000" }]);
    const base = lumenWith("= 60,000 × 5 × 1 × 1 =", "= 65,000 × 5 × 1 × 1 =");
    expect(entries(base)[0]!.problems).toEqual([{ line: lineOf(base, "**Default cost:**"), message: "the page's default cost starts from 65,000 but the base cost is 60,000" }]);
  });
});

describe("odd but real pages read as their clean form", () => {
  const clean = () => only(read(LUMEN));
  const variants: [string, () => string][] = [
    ["CRLF line endings", () => read(LUMEN).replace(/\n/g, "\r\n")],
    ["a byte-order mark", () => `\ufeff${read(LUMEN)}`],
    ["trailing spaces and tabs, extra blank lines", () => read(LUMEN).replace(/\n/g, "  \t\n").replace(/\n\n/g, "\n\n\n")],
    ["no-break spaces in prose and tables", () => read(LUMEN).replace("Clip length in seconds.", "Clip\u00a0length in\u00a0seconds.").replace("| **Resolution** |", "|\u00a0**Resolution**\u00a0|")],
    ["table alignment colons and wider padding", () => read(LUMEN).replace("|--------|--------|-----------|", "|:-------|:------:|----------:|").replace(/^\| \| /gm, "|    |   ")],
    ["`|  |` continuation cells", () => read(LUMEN).replace(/^\| \| /gm, "|  | ")],
    ["multipliers written ×1.5 and 1.5×", () => read(LUMEN).replace("| 1.25x |", "| ×1.25 |").replace("| 1.5x |", "| 1.5× |")],
    ["a base cost with odd spacing and /second", () => read(LUMEN).replace("**Base cost:** 60,000 micro-cents per second ($0.06/sec)", "**Base cost:**   60,000  micro-cents  per  second ( $0.06 / second )")],
    ["tabs instead of indentation", () => read(LUMEN).replace(/^ {4}<ParamField/gm, "\t<ParamField")],
    ["an MDX comment, single-quoted attributes, required={false}", () => read(LUMEN).replace("## Pricing\n", "## Pricing\n\n{/* checked by the docs team */}\n").replace('<ParamField body="seed" type="integer">', "<ParamField body='seed' type='integer' required={false}>")],
    ["a worked cost wrapped over two lines", () => read(LUMEN).replace("**Default cost:** 5 seconds, 720p, no sound =", "**Default cost:** 5 seconds,\n720p, no sound =")],
    ["no frontmatter: the title is the Model and Capability rows", () => read(LUMEN).slice(read(LUMEN).indexOf("\nLumen Wave 2.0 turns"))],
  ];
  for (const [name, text] of variants) {
    test(name, () => {
      const got = only(text());
      const want = clean();
      expect(got.schema).toEqual(want.schema);
      expect(got.pricing).toEqual(want.pricing);
    });
  }

  test("unicode and ASCII dashes in a range row, and in a (1–4 items) limit", () => {
    const prism = read("models/video/prism/prism-1-5-super-image-to-video.mdx");
    for (const dash of ["–", "—", "-", "‒", "−"]) {
      const e = only(prism.replace("`4`–`12`", `\`4\`${dash}\`12\``));
      expect(e.pricing.factors[2], dash).toEqual({ field: "duration", range: { min: 4, max: 12 } });
    }
    const withItems = read(LUMEN).replace(
      '<ParamField body="seed" type="integer">',
      '<ParamField body="image_urls" type="array">\n      Reference image URLs (1—4 items).\n    </ParamField>\n\n    <ParamField body="seed" type="integer">',
    );
    expect(only(withItems).schema.properties.image_urls).toEqual({ type: "array", description: "Reference image URLs.", minItems: 1, maxItems: 4, items: { type: "string" } });
  });

  test("fields named after Object.prototype members stay ordinary own fields", () => {
    const e = only(read(LUMEN).replace('body="seed"', 'body="__proto__"').replace('body="negative_prompt"', 'body="constructor"'));
    expect(Object.keys(e.schema.properties)).toEqual(["prompt", "constructor", "aspect_ratio", "duration", "resolution", "has_sound", "__proto__"]);
    expect(Object.getPrototypeOf(e.schema.properties)).toBe(Object.prototype);
    expect(e.schema.properties.__proto__).toEqual({ type: "integer", description: "Fix it to repeat a result." });
    expect(modelsEntryText(e, "")).toContain("\n    __proto__:\n      type: integer\n");
  });

  test("a missing Tip: everything else is read, the worked example is the scaffold's placeholder", () => {
    const e = only(read(LUMEN).replace(/<Tip>[\s\S]*?<\/Tip>\n/, ""));
    expect(e.pricing.factors).toEqual(clean().pricing.factors);
    expect(placeholders(e)).toEqual(["p.examples[0].micro_cents"]);
  });

  test("the rendered page with CRLF, trailing spaces and no-break spaces", () => {
    const rendered = read("rendered/lumen-wave-2-0-text-to-video.txt");
    const want = only(rendered);
    const odd = rendered.replace("Soundfalse1x", "Sound\u00a0false1x ").replace(/\n/g, " \r\n");
    const got = only(odd);
    expect(got.pricing).toEqual(want.pricing);
    expect(got.schema).toEqual(want.schema);
  });
});
