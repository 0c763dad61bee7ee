// The seeded synthetic spec: N realistic models and their prices, in our spec format (models.yaml +
// pricing.yaml beside a copy of the real HTTP API) and as the equivalent single OpenAPI documents that
// openapi-typescript reads. Model 0 is exactly the real kling-plus/kling-o3-standard/text-to-video; the
// others draw 4-8 fields from a pool of enums, integers, numbers, uri strings and booleans, and price
// some of their enum, boolean and integer fields.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { inputTypeName } from "../../../codegen/src/model/names.js";
import { decimal, fraction, roundHalfUp, times, type Fraction } from "./exact.js";
import { rng, type Rng } from "./rng.js";

type Obj = Record<string, unknown>;

export const KLING_O3 = "kling-plus/kling-o3-standard/text-to-video";
export const repoRoot = path.resolve(import.meta.dirname, "../../..");

export interface SynthModel {
  slug: string;
  typeName: string;
  schema: Obj;
  pricing: Obj;
}

export interface SynthSpec {
  /** "real": spec/ as authored (written verbatim); otherwise the seed it was drawn from. */
  seed: number | "real";
  models: SynthModel[];
}

const PROVIDERS = ["acme", "lumen", "pixelforge", "vidra", "nova-plus", "orbit", "quanta", "zephyr", "kestrel", "halo"];
const FAMILIES = ["swift", "prime", "ultra", "lite", "pro", "flash", "max", "neo"];
const CAPABILITIES = ["text-to-video", "image-to-video", "text-to-image", "image-to-image", "video-edit", "reference-to-video", "upscale"];
const MULTIPLIERS = ["1", "1.1", "1.15", "1.25", "1.5", "2", "0.7", "0.5", "1.8667", "3.7333", "2.5"];

/** One field of the pool: its schema, and how (if at all) it may be priced. */
interface PoolField {
  name: string;
  schema: (r: Rng) => Obj;
  /** A table factor over the field's values (enum strings, booleans) or a range (integers). */
  price?: (r: Rng, schema: Obj) => Obj;
}

const table = (r: Rng, keys: string[], identity = false): Obj => ({
  table: Object.fromEntries(keys.map((k, i) => [k, identity ? k : i === 0 ? "1" : r.pick(MULTIPLIERS)])),
});

const enumField = (name: string, values: string[], description?: string, identity = false): PoolField => ({
  name,
  schema: (r) => {
    const count = r.int(Math.min(2, values.length), values.length);
    const chosen = r.sample(values, count);
    return { type: "string", ...(description ? { description } : {}), enum: chosen, default: chosen[0] };
  },
  price: (r, schema) => ({ field: name, ...table(r, schema.enum as string[], identity) }),
});

const boolField = (name: string, description: string): PoolField => ({
  name,
  schema: (r) => ({ type: "boolean", description, default: r.chance(0.5) }),
  price: (r) => ({ field: name, table: { false: "1", true: r.pick(["1.5", "2", "1.3", "1.25"]) } }),
});

// No `format`: codegen refuses keywords the client's runtime check does not carry out (as in spec/models.yaml).
const uriField = (name: string, description: string): PoolField => ({
  name,
  schema: () => ({ type: "string", description }),
});

const POOL: PoolField[] = [
  enumField("aspect_ratio", ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"]),
  enumField("resolution", ["480p", "720p", "1080p", "1440p", "2160p"], "Output resolution."),
  enumField("duration", ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"], "Clip length in seconds.", true),
  enumField("quality", ["draft", "standard", "high", "ultra"]),
  enumField("style", ["none", "cinematic", "anime", "photographic", "3d-render", "watercolor"]),
  enumField("output_format", ["png", "jpeg", "webp"]),
  enumField("num_images", ["1", "2", "3", "4"], "How many images to generate.", true),
  enumField("mode", ["std", "pro"]),
  {
    name: "steps",
    schema: (r) => ({ type: "integer", description: "Inference steps.", minimum: 1, maximum: r.pick([30, 50, 100]), default: 28 }),
  },
  {
    name: "seed",
    schema: () => ({ type: "integer", description: "Random seed for reproducible output.", minimum: 0, maximum: 2147483647 }),
  },
  {
    name: "num_frames",
    schema: (r) => {
      const max = r.pick([4, 8, 10, 12]);
      return { type: "integer", description: "Length in units of one second.", minimum: 1, maximum: max, default: Math.min(5, max) };
    },
    price: (_r, schema) => ({ field: "num_frames", range: { min: schema.minimum, max: schema.maximum } }),
  },
  { name: "guidance_scale", schema: (r) => ({ type: "number", minimum: 0, maximum: r.pick([10, 20]), default: 7.5 }) },
  { name: "strength", schema: () => ({ type: "number", description: "How far to move from the input image.", minimum: 0, maximum: 1, default: 0.8 }) },
  { name: "cfg_scale", schema: () => ({ type: "number", minimum: 0, maximum: 1, default: 0.5 }) },
  uriField("image_url", "URL of the input image."),
  uriField("end_image_url", "URL of the last frame."),
  uriField("video_url", "URL of the input video."),
  uriField("audio_url", "URL of a soundtrack to use."),
  uriField("mask_url", "URL of the inpainting mask."),
  boolField("generate_audio", "Generate a soundtrack."),
  boolField("enhance_prompt", "Let the model rewrite the prompt."),
  boolField("enable_safety_checker", "Reject unsafe output."),
  boolField("loop", "Make the clip loop seamlessly."),
];

/** spec/ as authored: every model with its schema and price. */
export function realSpec(): SynthSpec {
  const models = parse(readFileSync(path.join(repoRoot, "spec/models.yaml"), "utf8")) as { components: { schemas: Record<string, Obj> } };
  const pricing = parse(readFileSync(path.join(repoRoot, "spec/pricing.yaml"), "utf8")) as { models: Record<string, Obj> };
  return {
    seed: "real",
    models: Object.entries(models.components.schemas).map(([typeName, schema]) => {
      const slug = schema["x-slug"] as string;
      return { slug, typeName, schema, pricing: pricing.models[slug]! };
    }),
  };
}

/** The real Kling O3 Standard text-to-video model, exactly as spec/ has it. */
function klingO3(): SynthModel {
  return realSpec().models.find((m) => m.slug === KLING_O3)!;
}

export function synthSpec(count: number, seed = 20261125): SynthSpec {
  const r = rng(seed);
  const models: SynthModel[] = [klingO3()];
  for (let k = 1; k < count; k++) models.push(synthModel(r, k));
  return { seed, models };
}

function synthModel(r: Rng, k: number): SynthModel {
  const provider = r.pick(PROVIDERS);
  const capability = r.pick(CAPABILITIES);
  const slug = `${provider}/${r.pick(FAMILIES)}-${k}/${capability}`;
  const typeName = inputTypeName(slug);
  const fieldCount = r.int(4, 8);
  // prompt is always there (every real model takes one); the rest come from the pool.
  const chosen = r.sample(POOL, fieldCount - 1);
  const properties: Record<string, Obj> = { prompt: { type: "string", maxLength: r.pick([1000, 2000, 2500, 5000]) } };
  const required = ["prompt"];
  for (const field of chosen) {
    properties[field.name] = field.schema(r);
    if (field.name === "image_url" && capability.startsWith("image")) required.push("image_url");
    if (field.name === "video_url" && capability === "video-edit") required.push("video_url");
  }
  const factors: Obj[] = [];
  for (const field of chosen) {
    if (field.price && r.chance(field.name === "duration" || field.name === "num_frames" || field.name === "num_images" ? 0.9 : 0.35)) {
      factors.push(field.price(r, properties[field.name]!));
    }
  }
  const unit = factors.some((f) => f.field === "duration" || f.field === "num_frames") ? "second" : factors.some((f) => f.field === "num_images") ? "image" : "request";
  const base = r.int(2, 400) * 500;
  const docs = `https://pixelbyte.mintlify.app/models/${capability.includes("video") ? "video" : "image"}/${slug.replace(/\//g, "-").replace(/\./g, "-")}`;
  const schema: Obj = {
    "x-slug": slug,
    "x-provider": provider.replace(/-plus$/, "+").replace(/^./, (c) => c.toUpperCase()),
    title: `${slug.split("/")[1]} — ${capability.replace(/-/g, " ")}`,
    externalDocs: { url: docs },
    type: "object",
    additionalProperties: false,
    required,
    properties,
  };
  const example = workedExample(base, factors, properties);
  return {
    slug,
    typeName,
    schema,
    pricing: { source: docs, checked: "2026-11-25", base, unit, factors, examples: [example] },
  };
}

/** The default cost, worked out exactly (every priced field has a default). */
function workedExample(base: number, factors: Obj[], properties: Record<string, Obj>): Obj {
  let exact: Fraction = { n: BigInt(base), d: 1n };
  const input: Obj = {};
  for (const f of factors) {
    const field = properties[f.field as string]!;
    const value = field.default;
    input[f.field as string] = value;
    const multiplier = f.range ? fraction(String(value)) : fraction((f.table as Record<string, string>)[String(value)]!);
    exact = times(exact, multiplier);
  }
  const microCents = roundHalfUp(exact);
  const text = decimal(exact);
  return { input, micro_cents: Number(microCents), ...(text !== microCents.toString() ? { exact: text } : {}), note: "The default cost." };
}
