import { PricingError, closestMatch, computePrice } from "@pixelbyte/pricing/runtime";
import { modelPricing } from "@pixelbyte/pricing";
import { catalogModels, catalogProviders } from "@pixelbyte/test-server";
import { parse } from "../args.js";
import { UsageError } from "../errors.js";
import { json, money, table } from "../format.js";
import type { Io } from "../io.js";

const pricing: Record<string, (typeof modelPricing)[keyof typeof modelPricing]> = modelPricing;

/** `pixelbyte models [--provider X] [--json]` */
export async function modelsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse("models", args, { provider: { type: "string" }, json: { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError(`models: unexpected argument "${positionals[0]}"`);
  const provider = values.provider;
  if (provider !== undefined && !catalogProviders.some((p) => p.id === provider)) {
    const near = closestMatch(provider, catalogProviders.map((p) => p.id));
    throw new UsageError(`unknown provider "${provider}"; ${near ? `did you mean "${near}"?` : `providers are ${catalogProviders.map((p) => p.id).join(", ")}`}`);
  }
  const rows = catalogModels
    .filter((m) => provider === undefined || m.providerId === provider)
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
      ["model", "category", "base", "default price"],
      rows.map((r) => [r.slug, r.category, r.baseMicroCents === null ? "—" : `${money(r.baseMicroCents)}/${r.unit}`, r.defaultMicroCents === null ? "—" : money(r.defaultMicroCents)]),
      [2, 3],
    ),
  );
  io.stdout(`${rows.length} models${provider ? ` from ${provider}` : ""}. Price one with \`pixelbyte price <model> --set field=value\`.\n`);
  return 0;
}
