import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { editEntries } from "../../codegen/src/sync/edit-entries.js";

// The spec editor of `pnpm models sync --write`: a model's entry is edited key by key, everything
// else in the file stays byte for byte (comments, order, blank lines), and the result reads back as
// exactly the wanted entries.

type Obj = Record<string, unknown>;

const MODELS = `# Every model's input schema (a test fixture: invented models).
openapi: 3.1.0
components:
  schemas:
    # The first one.
    AcmeAlphaTextToVideoInput:
      x-slug: acme/alpha/text-to-video
      x-provider: Acme
      title: Alpha — Text to Video
      externalDocs:
        url: https://pixelbyte.mintlify.app/models/video/acme/alpha-text-to-video
      type: object
      additionalProperties: false
      required: [prompt]
      properties:
        prompt:
          type: string
          maxLength: 2000  # as the page says
        # Kept as the page spells it.
        guidance_scale:
          type: number
          default: 0.5
        duration:
          type: string
          enum: ["5", "10"]
          default: "5"
          x-decision: The maintainer's words.

    AcmeBetaTextToVideoInput:
      x-slug: acme/beta/text-to-video
      x-provider: Acme
      title: Beta — Text to Video
      externalDocs:
        url: https://pixelbyte.mintlify.app/models/video/acme/beta-text-to-video
      type: object
      additionalProperties: false
      required: []
      properties:
        prompt: {type: string}

    # Gamma: the last one.
    AcmeGammaTextToVideoInput:
      x-slug: acme/gamma/text-to-video
      x-provider: Acme
      title: Gamma — Text to Video
      externalDocs:
        url: https://pixelbyte.mintlify.app/models/video/acme/gamma-text-to-video
      type: object
      additionalProperties: false
      required: [prompt]
      properties:
        prompt:
          type: string
`;

const PRICING = `# Prices (a test fixture).
currency: micro-cents
rounding: half-up
models:
  acme/alpha/text-to-video:
    source: https://pixelbyte.mintlify.app/models/video/acme/alpha-text-to-video
    checked: 2026-01-02
    # Twice beta's, as the page says.
    base: 80000   # per second
    unit: second
    factors:
      - field: duration
        table: {"5": "5", "10": "10"}
    examples:
      - input: {duration: "5"}
        micro_cents: 400000

  acme/beta/text-to-video:
    source: https://pixelbyte.mintlify.app/models/video/acme/beta-text-to-video
    checked: 2026-01-02
    base: 40000
    unit: request
    factors: []
    examples:
      - input: {}
        micro_cents: 40000
`;

const schemas = (text: string) => (parse(text) as { components: { schemas: Record<string, Obj> } }).components.schemas;
const prices = (text: string) => (parse(text) as { models: Record<string, Obj> }).models;
const alpha = () => structuredClone(schemas(MODELS).AcmeAlphaTextToVideoInput!);

describe("models sync: the spec editor", () => {
  test("a changed scalar is replaced in place: the comment after it and every other byte stay", () => {
    const want = alpha();
    (want.properties as Record<string, Obj>).prompt!.maxLength = 2500;
    const { text, droppedComments } = editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/alpha/text-to-video", value: want }]);
    expect(text).toBe(MODELS.replace("maxLength: 2000  # as the page says", "maxLength: 2500  # as the page says"));
    expect(droppedComments).toEqual([]);
  });

  test("fields added next to their neighbours, removed with the comment above them, changed line by line; the rest byte for byte", () => {
    const want = alpha();
    const props = want.properties as Record<string, Obj>;
    delete props.guidance_scale;
    (props.duration!.enum as string[]).push("15");
    want.properties = { seed: { type: "integer" }, prompt: props.prompt, duration: props.duration, aspect_ratio: { type: "string", enum: ["16:9", "9:16"], default: "16:9" } };
    want.required = ["prompt", "seed"];
    const { text, droppedComments } = editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/alpha/text-to-video", value: want }]);
    expect(schemas(text).AcmeAlphaTextToVideoInput).toEqual(want);
    expect(text).toBe(
      MODELS.replace("      required: [prompt]\n      properties:\n        prompt:", "      required: [prompt, seed]\n      properties:\n        seed:\n          type: integer\n        prompt:")
        .replace('        # Kept as the page spells it.\n        guidance_scale:\n          type: number\n          default: 0.5\n', "")
        .replace('          enum: ["5", "10"]\n          default: "5"\n          x-decision: The maintainer\'s words.\n', '          enum: ["5", "10", "15"]\n          default: "5"\n          x-decision: The maintainer\'s words.\n        aspect_ratio:\n          type: string\n          enum: ["16:9", "9:16"]\n          default: "16:9"\n'),
    );
    // The comment went with the field it described.
    expect(droppedComments).toEqual(["# Kept as the page spells it."]);
  });

  test("a key added at its place in the entry; a block replaced whole; the comment above an unchanged key stays", () => {
    const want = structuredClone(prices(PRICING)["acme/alpha/text-to-video"]!);
    want.base = 90000;
    want.note = "A note the page gives.";
    want.factors = [{ field: "duration", table: { "5": "5", "10": "10", "15": "15" } }];
    const ordered = { source: want.source, checked: want.checked, base: want.base, unit: want.unit, note: want.note, factors: want.factors, examples: want.examples };
    const { text } = editEntries(PRICING, "spec/pricing.yaml", "pricing", [{ slug: "acme/alpha/text-to-video", value: ordered }]);
    expect(prices(text)["acme/alpha/text-to-video"]).toEqual(ordered);
    expect(text).toBe(
      PRICING.replace("base: 80000   # per second\n    unit: second\n", "base: 90000   # per second\n    unit: second\n    note: A note the page gives.\n").replace('table: {"5": "5", "10": "10"}', 'table: {"5": "5", "10": "10", "15": "15"}'),
    );
  });

  test("removing the first, a middle and the last entry takes their comments and one blank line; adding inserts in slug order", () => {
    const first = editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/alpha/text-to-video", value: undefined }]).text;
    expect(Object.keys(schemas(first))).toEqual(["AcmeBetaTextToVideoInput", "AcmeGammaTextToVideoInput"]);
    expect(first).toBe(MODELS.slice(0, MODELS.indexOf("    # The first one.")) + MODELS.slice(MODELS.indexOf("    AcmeBetaTextToVideoInput:")));

    const middle = editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/beta/text-to-video", value: undefined }]).text;
    expect(middle).toBe(MODELS.slice(0, MODELS.indexOf("    AcmeBetaTextToVideoInput:")) + MODELS.slice(MODELS.indexOf("    # Gamma: the last one.")));

    const last = editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/gamma/text-to-video", value: undefined }]).text;
    expect(last).toBe(MODELS.slice(0, MODELS.indexOf("\n    # Gamma: the last one.")));
    expect(Object.keys(schemas(last))).toEqual(["AcmeAlphaTextToVideoInput", "AcmeBetaTextToVideoInput"]);

    const entry = { source: "https://pixelbyte.mintlify.app/models/video/acme/alpha-2-text-to-video", checked: "2026-01-03", base: 1000, unit: "request", factors: [], examples: [{ input: {}, micro_cents: 1000 }] };
    const added = editEntries(PRICING, "spec/pricing.yaml", "pricing", [{ slug: "acme/alpha-2/text-to-video", value: entry }]).text;
    expect(Object.keys(prices(added))).toEqual(["acme/alpha-2/text-to-video", "acme/alpha/text-to-video", "acme/beta/text-to-video"]);
    expect(prices(added)["acme/alpha-2/text-to-video"]).toEqual(entry);
    expect(added.replace(/ {2}acme\/alpha-2\/text-to-video:\n(?: {4}.*\n)+\n/, "")).toBe(PRICING);
  });

  test("neighbours removed together share their blank line; with every entry removed the mapping stays one ({})", () => {
    const two = editEntries(MODELS, "spec/models.yaml", "models", [
      { slug: "acme/beta/text-to-video", value: undefined },
      { slug: "acme/gamma/text-to-video", value: undefined },
    ]).text;
    expect(two).toBe(MODELS.slice(0, MODELS.indexOf("\n    AcmeBetaTextToVideoInput:")));
    const all = editEntries(MODELS, "spec/models.yaml", "models", ["alpha", "beta", "gamma"].map((m) => ({ slug: `acme/${m}/text-to-video`, value: undefined }))).text;
    expect(all).toBe(MODELS.slice(0, MODELS.indexOf("  schemas:\n")) + "  schemas: {}\n");
    expect(schemas(all)).toEqual({});
  });

  test("many entries added at once, among removals: each in slug order, one blank line between entries", () => {
    const entry = (n: string) => ({ source: `https://pixelbyte.mintlify.app/models/video/acme/${n}`, checked: "2026-01-03", base: 1000, unit: "request", factors: [], examples: [{ input: {}, micro_cents: 1000 }] });
    const { text } = editEntries(PRICING, "spec/pricing.yaml", "pricing", [
      { slug: "acme/zeta/text-to-video", value: entry("zeta") },
      { slug: "acme/alpha/text-to-video", value: undefined },
      { slug: "acme/aardvark/text-to-video", value: entry("aardvark") },
      { slug: "acme/beta/text-to-video", value: undefined },
      { slug: "acme/alpha-2/text-to-video", value: entry("alpha-2") },
      { slug: "acme/beta-2/text-to-video", value: entry("beta-2") },
    ]);
    expect(Object.keys(prices(text))).toEqual(["acme/aardvark/text-to-video", "acme/alpha-2/text-to-video", "acme/beta-2/text-to-video", "acme/zeta/text-to-video"]);
    expect(text).not.toMatch(/\n\n\n/);
    expect(text.match(/\n\n {2}acme\//g)).toHaveLength(3);
    expect(text.startsWith(PRICING.slice(0, PRICING.indexOf("  acme/alpha/")))).toBe(true);
  });

  test("an unchanged entry (same data in another key order) is left alone", () => {
    const want = alpha();
    const reordered = Object.fromEntries(Object.entries(want).reverse());
    expect(editEntries(MODELS, "spec/models.yaml", "models", [{ slug: "acme/alpha/text-to-video", value: reordered }]).text).toBe(MODELS);
  });
});
