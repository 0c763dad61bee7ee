import { createHash } from "node:crypto";
import { pricing, schemas, slugs, type InputSchema } from "./spec-data.js";

// Catalog, /v1/models and /v1/providers data, derived from the generated slugs, schemas and prices.
// A model's name is its spec `title` and a provider's name its spec `x-provider` (both carried by the
// generated schema); capability and category names are spelled from their ids.

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
  slugs.flatMap((slug) => {
    const name = schemas[slug]?.["x-provider"];
    return typeof name === "string" ? [[slug.split("/")[0]!, name] as const] : [];
  }),
);

export function providerName(id: string): string {
  return PROVIDER_NAMES.get(id) ?? titleize(id);
}

export function categoryOf(capability: string | undefined, slug: string): ModelInfo["category"] {
  if (capability !== undefined) {
    if (/video|motion|extend/.test(capability)) return "video";
    if (/image/.test(capability)) return "image";
    if (/audio|speech|music|sound/.test(capability)) return "audio";
  }
  // No telling capability: a model priced per second or taking a duration makes clips.
  const timed = pricing[slug]?.unit === "second" || schemas[slug]?.properties?.duration !== undefined;
  return timed ? "video" : "image";
}

function hex(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function buildModel(slug: string): ModelInfo {
  const [providerId = "", family = "", third] = slug.split("/");
  const price = pricing[slug];
  const category = categoryOf(third, slug);
  // A two-segment slug is the model's default capability; name it after what it makes.
  const capability = third ?? (category === "video" ? "text-to-video" : "text-to-image");
  const title = schemas[slug]?.title;
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
    inputSchema: schemas[slug]!,
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

export const models: readonly ModelInfo[] = slugs.map(buildModel);
export const providers: readonly ProviderInfo[] = buildProviders(models);

const bySlug = new Map(models.map((m) => [m.slug, m]));
const byId = new Map(models.map((m) => [m.id, m]));

export function modelBySlug(slug: string): ModelInfo | undefined {
  return bySlug.get(slug);
}

export function modelById(id: string): ModelInfo | undefined {
  return byId.get(id);
}

/** A slug as submitted: `provider/model` means the model's default capability. */
export function resolveSlug(slug: string): ModelInfo | undefined {
  const exact = bySlug.get(slug);
  if (exact) return exact;
  const parts = slug.split("/");
  if (parts.length !== 2) return undefined;
  const family = models.filter((m) => m.providerId === parts[0] && m.family === parts[1]);
  return family.find((m) => m.capability === "text-to-video" || m.capability === "text-to-image") ?? family[0];
}

export function siblingsOf(model: ModelInfo): ModelInfo[] {
  return models.filter((m) => m.providerId === model.providerId && m.family === model.family && m.slug !== model.slug);
}

const CAPABILITY_STYLE: Record<string, { icon: string; color: string }> = {
  "text-to-video": { icon: "video", color: "#8B5CF6" },
  "image-to-video": { icon: "image-play", color: "#06B6D4" },
  "text-to-image": { icon: "image", color: "#F59E0B" },
};

const CAPABILITY_ORDER = ["text-to-video", "image-to-video", "text-to-image"];

export function capabilityGroups() {
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

export function categories() {
  const names: Record<string, string> = { video: "Video", image: "Image", audio: "Audio" };
  const counts = new Map<string, number>();
  for (const m of models) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, modelCount]) => ({ id, name: names[id] ?? titleize(id), description: `${names[id] ?? titleize(id)} generation models.`, modelCount }));
}
