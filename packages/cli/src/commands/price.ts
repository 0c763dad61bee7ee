import { modelPricing } from "@pixelbyte/pricing";
import { PricingError, closestMatch, computePrice, formatMicroCents, formatUsd, type ModelPricing, type PriceQuote } from "@pixelbyte/pricing/runtime";
import type { ModelInfo } from "@pixelbyte/test-server";
import { parse, type CommandSpec } from "../command.js";
import { RunError, UsageError } from "../errors.js";
import { json, money, table } from "../format.js";
import { findModel, inputFromSets, setsOf } from "../input.js";
import type { Io } from "../io.js";

const pricing: Readonly<Record<string, ModelPricing>> = modelPricing;

/** The local exact quote; a value the price table does not know is a usage error naming the closest choice. */
export function quote(model: ModelInfo, input: Record<string, unknown>): PriceQuote {
  const def = pricing[model.slug];
  if (!def) throw new RunError(`${model.slug} has no price in this SDK version`);
  try {
    return computePrice(def, input);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    const near = error.allowed && typeof error.value === "string" ? closestMatch(error.value, error.allowed) : undefined;
    throw new UsageError(`${error.message}${near ? `; did you mean "${near}"?` : ""}`);
  }
}

/** The quote as printed by `price` and `run`: base, each factor, total in µ¢ and dollars. */
export function renderQuote(model: ModelInfo, q: PriceQuote): string {
  const lines = [`${model.slug} (${model.name})`, `base   ${money(q.baseMicroCents)} per ${q.unit}`];
  if (q.breakdown.length === 0) lines.push("no priced fields: the same price whatever the input");
  else {
    const rows = q.breakdown.map((f) => [f.field, JSON.stringify(f.value) + (f.defaulted ? " (default)" : ""), `×${f.multiplier}`]);
    lines.push(table(["factor", "value", "multiplier"], rows, [2]).trimEnd());
  }
  const exact = q.rounded ? `  (exact ${formatMicroCents(q.exactMicroCents)} µ¢, rounded ${q.rounding})` : "";
  lines.push(`total  ${formatMicroCents(q.microCents)} µ¢  ${formatUsd(q.microCents)}${exact}`);
  return lines.join("\n") + "\n";
}

export function quoteJson(q: PriceQuote) {
  return { ...q, usd: formatUsd(q.microCents) };
}

/** How `--set` values are read: shared by `price` and `run`. */
export const SET_HELP =
  "--set values follow the field's type in the model's schema: has_sound=true stays the string \"true\" (a\n" +
  "string field), generate_audio=true becomes the boolean true, integers and numbers become numbers, and\n" +
  "arrays and objects are JSON: --set 'image_urls=[\"https://example.com/a.png\"]'. An omitted field takes\n" +
  "its default and is priced at it. `pixelbyte models` lists the models; docs/models.md their fields.";

export const priceSpec = {
  name: "price",
  summary: "the exact price of a call, factor by factor; nothing is sent",
  synopsis: "<model> [--set field=value ...] [--json]",
  usage: "<model> [--set field=value ...] [--json]",
  details: SET_HELP,
  options: {
    set: { type: "string", multiple: true, value: "field=value", description: "an input field and its value, as one argument" },
    json: { type: "boolean", description: "the quote as JSON (microCents, exactMicroCents, breakdown, usd), for scripts" },
  },
  examples: ["pixelbyte price kling-plus/kling-o3-standard/text-to-video --set duration=10 --set has_sound=true"],
} as const satisfies CommandSpec;

/** `pixelbyte price <slug> [--set field=value ...] [--json]` */
export async function priceCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals, followers } = parse(priceSpec, args);
  const sets = setsOf(values.set, followers);
  if (positionals.length > 1) throw new UsageError(`price: one model at a time (got ${positionals.length})`);
  const model = findModel(positionals[0]);
  const input = inputFromSets(model, sets, false);
  const q = quote(model, input);
  io.stdout(values.json ? json(quoteJson(q)) : renderQuote(model, q));
  return 0;
}

export { money };
