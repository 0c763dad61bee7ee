import { createHash } from "node:crypto";
import { ownValue, type ModelPricing } from "@pixelbyte/pricing/runtime";
import { pricing as specPricing, schemas as specSchemas, type InputSchema } from "./spec-data.js";

// Catalog, /v1/models and /v1/providers data, derived from the generated slugs, schemas and prices.
// A model's name is its spec `title` and a provider's name its spec `x-provider` (both carried by the
// generated schema); capability and category names are spelled from their ids. A server started with
// `drift` builds its own catalog from its drifted prices and schemas (drift.ts).

export interface ModelInfo {
  slug: string;
  providerId: string;
  /** The model segment of the slug, e.g. "kling-o3-standard". */
  family: string;
  capability: string;
  category: "video" | "image" | "audio";
  name: string;
  description: string;
  /** Opaque id used by /v1/models/{modelId}, stable across runs. */
  id: string;
  inputSchema: InputSchema;
  pricing: Record<string, unknown>;
  tags: string[];
}

export interface ProviderInfo {
  id: string;
  name: string;
  description: string;
  logoUrl: string;
  website: string;
  color: string;
  categories: string[];
  models: ModelInfo[];
}

const WORDS: Record<string, string> = { gpt: "GPT", ai: "AI", i2v: "I2V", t2v: "T2V", ecl: "ECL", to: "to" };

export const VERSION_ID = "v1.0";

export function titleize(segment: string): string {
  return segment
    .split("-")
    .map((w) => WORDS[w] ?? (/^[a-z]\d/.test(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}

/** Provider id -> display name, from the spec's `x-provider` (codegen checks it is one name per provider). */
const PROVIDER_NAMES: ReadonlyMap<string, string> = new Map(
  Object.keys(specSchemas).flatMap((slug) => {
    const name = specSchemas[slug]?.["x-provider"];
    return typeof name === "string" ? [[slug.split("/")[0]!, name] as const] : [];
  }),
);

export function providerName(id: string): string {
  return PROVIDER_NAMES.get(id) ?? titleize(id);
}

/** Names and categories follow the spec: a drifted price or schema changes what is served, not what a model is. */
export function categoryOf(capability: string | undefined, slug: string): ModelInfo["category"] {
  if (capability !== undefined) {
    if (/video|motion|extend/.test(capability)) return "video";
    if (/image/.test(capability)) return "image";
    if (/audio|speech|music|sound/.test(capability)) return "audio";
  }
  // No telling capability: a model priced per second or taking a duration makes clips.
  const timed = specPricing[slug]?.unit === "second" || specSchemas[slug]?.properties?.duration !== undefined;
  return timed ? "video" : "image";
}

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function buildModel(slug: string, price: ModelPricing | undefined, inputSchema: InputSchema): ModelInfo {
  const [providerId = "", family = "", third] = slug.split("/");
  const category = categoryOf(third, slug);
  // A two-segment slug is the model's default capability; name it after what it makes.
  const capability = third ?? (category === "video" ? "text-to-video" : "text-to-image");
  const title = specSchemas[slug]?.title ?? inputSchema.title;
  const name = typeof title === "string" ? title : `${titleize(family)}${third ? ` — ${titleize(third)}` : ""}`;
  const factorNames = price?.factors.map((f) => f.field) ?? [];
  return {
    slug,
    providerId,
    family,
    capability,
    category,
    name,
    description: `${providerName(providerId)} ${name}.`,
    id: `model_${hex(slug, 12)}`,
    inputSchema,
    pricing: price
      ? { unit: `per_${price.unit}`, baseMicroCents: price.base, currency: "micro-cents", factors: factorNames }
      : { unit: "unpriced" },
    tags: [category, capability, ...(price ? [`per-${price.unit}`] : [])],
  };
}

const PALETTE = ["#8B5CF6", "#06B6D4", "#F59E0B", "#10B981", "#EF4444", "#3B82F6", "#EC4899", "#14B8A6"];

function buildProviders(models: readonly ModelInfo[]): ProviderInfo[] {
  const byId = new Map<string, ModelInfo[]>();
  for (const m of models) byId.set(m.providerId, [...(byId.get(m.providerId) ?? []), m]);
  return [...byId.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, list]) => ({
      id,
      name: providerName(id),
      description: `${providerName(id)} generation models on PixelByte.`,
      logoUrl: `https://cdn.muvi.video/providers/${id}.png`,
      website: `https://developer.muvi.video/docs/models/${id}`,
      color: PALETTE[parseInt(hex(id, 2), 16) % PALETTE.length]!,
      categories: [...new Set(list.map((m) => m.category))].sort(),
      models: list,
    }));
}

/** Everything one server knows about its models: what it validates, prices and lists. */
export interface Catalog {
  readonly models: readonly ModelInfo[];
  readonly providers: readonly ProviderInfo[];
  /** The price definitions the server charges and estimates with, by slug. */
  readonly pricing: Readonly<Record<string, ModelPricing>>;
  modelBySlug(slug: string): ModelInfo | undefined;
  modelById(id: string): ModelInfo | undefined;
  /** A slug as submitted: `provider/model` means the model's default capability. */
  resolveSlug(slug: string): ModelInfo | undefined;
  siblingsOf(model: ModelInfo): ModelInfo[];
}

/** A catalog of every model with an input schema, priced by `pricing` (the priced ones are a subset or equal). */
export function buildCatalog(pricing: Readonly<Record<string, ModelPricing>>, schemas: Readonly<Record<string, InputSchema>>): Catalog {
  const models = Object.keys(schemas)
    .sort()
    .map((slug) => buildModel(slug, ownValue(pricing, slug), schemas[slug]!));
  const bySlug = new Map(models.map((m) => [m.slug, m]));
  const byId = new Map(models.map((m) => [m.id, m]));
  return {
    models,
    providers: buildProviders(models),
    pricing,
    modelBySlug: (slug) => bySlug.get(slug),
    modelById: (id) => byId.get(id),
    resolveSlug(slug) {
      const exact = bySlug.get(slug);
      if (exact) return exact;
      const parts = slug.split("/");
      if (parts.length !== 2) return undefined;
      const family = models.filter((m) => m.providerId === parts[0] && m.family === parts[1]);
      return family.find((m) => m.capability === "text-to-video" || m.capability === "text-to-image") ?? family[0];
    },
    siblingsOf: (model) => models.filter((m) => m.providerId === model.providerId && m.family === model.family && m.slug !== model.slug),
  };
}

/** The catalog of the spec, as every server without `drift` serves it. */
export const specCatalog: Catalog = buildCatalog(specPricing, specSchemas);
export const models: readonly ModelInfo[] = specCatalog.models;
export const providers: readonly ProviderInfo[] = specCatalog.providers;

const CAPABILITY_STYLE: Record<string, { icon: string; color: string }> = {
  "text-to-video": { icon: "video", color: "#8B5CF6" },
  "image-to-video": { icon: "image-play", color: "#06B6D4" },
  "text-to-image": { icon: "image", color: "#F59E0B" },
};

const CAPABILITY_ORDER = ["text-to-video", "image-to-video", "text-to-image"];

export function capabilityGroups(models: readonly ModelInfo[]) {
  const ids = [...new Set(models.map((m) => m.capability))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return ids.map((id, i) => ({
    id,
    displayName: titleize(id),
    label: id.split("-").map((w) => (w === "to" ? "2" : w.charAt(0).toUpperCase())).join(""),
    icon: CAPABILITY_STYLE[id]?.icon ?? "sparkles",
    color: CAPABILITY_STYLE[id]?.color ?? PALETTE[i % PALETTE.length]!,
    order: i + 1,
  }));
}

function rank(capability: string): number {
  const i = CAPABILITY_ORDER.indexOf(capability);
  return i === -1 ? CAPABILITY_ORDER.length : i;
}

export function categories(models: readonly ModelInfo[]) {
  const names: Record<string, string> = { video: "Video", image: "Image", audio: "Audio" };
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, modelCount]) => ({ id, name: names[id] ?? titleize(id), description: `${names[id] ?? titleize(id)} generation models.`, modelCount }));
}
