import { PricingError, closestMatch, computePrice, describeValue } from "@pixelbyte/pricing/runtime";
import { modelPricing } from "@pixelbyte/pricing";
import { catalogModels, catalogProviders, type ProviderInfo } from "@pixelbyte/test-server";
import { parse, type CommandSpec } from "../command.js";
import { UsageError } from "../errors.js";
import { json, money, table } from "../format.js";
import type { Io } from "../io.js";

const pricing: Record<string, (typeof modelPricing)[keyof typeof modelPricing]> = modelPricing;

export const modelsSpec = {
  name: "models",
  summary: "every model: its title, base price and default price",
  synopsis: "[--provider X] [--json]",
  usage: "[--provider <id | name>] [--json]",
  details: "Titles and provider names are the spec's (spec/models.yaml `title`, `x-provider`). Nothing is sent.",
  options: {
    provider: { type: "string", value: "<id | name>", description: 'only this provider\'s models: its id (kling-plus) or its name ("Kling Plus")' },
    json: { type: "boolean", description: "one JSON array, for scripts" },
  },
  examples: ["pixelbyte models --provider kling-plus", 'pixelbyte models --provider "Kling Plus" --json'],
} as const satisfies CommandSpec;

/** A provider by id or display name, either in any case; anything else is a usage error naming the closest. */
export function findProvider(text: string): ProviderInfo {
  const folded = text.trim().toLowerCase();
  const found = catalogProviders.find((p) => p.id === text) ?? catalogProviders.find((p) => p.id === folded || p.name.toLowerCase() === folded);
  if (found) return found;
  // The nearest id or name, so a misspelt name is answered with a name ("Kling Pluss" -> "Kling Plus").
  const near = closestMatch(text, catalogProviders.flatMap((p) => [p.id, p.name]));
  const list = catalogProviders.map((p) => `${p.id} (${p.name})`).join(", ");
  throw new UsageError(`unknown provider ${describeValue(text)}; ${near ? `did you mean "${near}"?` : `providers are ${list}`}`);
}

/** `pixelbyte models [--provider X] [--json]` */
export async function modelsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(modelsSpec, args);
  if (positionals.length > 0) throw new UsageError(`models: unexpected argument ${describeValue(positionals[0])}`);
  const provider = values.provider === undefined ? undefined : findProvider(values.provider);
  const rows = catalogModels
    .filter((m) => provider === undefined || m.providerId === provider.id)
    .map((m) => {
      const def = pricing[m.slug];
      let defaultMicroCents: number | null = null;
      if (def) {
        try {
          defaultMicroCents = computePrice(def, {}).microCents;
        } catch (error) {
          if (!(error instanceof PricingError)) throw error; // a priced field without a default
        }
      }
      return {
        slug: m.slug,
        provider: m.providerId,
        providerName: catalogProviders.find((p) => p.id === m.providerId)?.name ?? m.providerId,
        name: m.name,
        category: m.category,
        capability: m.capability,
        unit: def?.unit ?? null,
        baseMicroCents: def?.base ?? null,
        defaultMicroCents,
      };
    });
  if (values.json) {
    io.stdout(json(rows));
    return 0;
  }
  io.stdout(
    table(
      ["model", "title", "category", "base", "default price"],
      rows.map((r) => [r.slug, r.name, r.category, r.baseMicroCents === null ? "—" : `${money(r.baseMicroCents)}/${r.unit}`, r.defaultMicroCents === null ? "—" : money(r.defaultMicroCents)]),
      [3, 4],
    ),
  );
  io.stdout(`${rows.length} models${provider ? ` from ${provider.name} (${provider.id})` : ""}. Price one with \`pixelbyte price <model> --set field=value\`.\n`);
  return 0;
}
