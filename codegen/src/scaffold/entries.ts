import { inputTypeName } from "../model/names.js";

/**
 * The text `pnpm new-model` inserts. Every value the maintainer must supply is a "TODO: <what to
 * write>" string: generate refuses to run while one is left (see todos.ts) and prints the part after
 * "TODO: " as the fix. Structural keys that are the same for every model are written out filled in.
 */
export const TODO_PREFIX = "TODO: ";

/** What each placeholder asks for; the page importer writes the same ones for what a page does not show. */
export const PLACEHOLDER = {
  provider: "the provider's name as the docs page writes it (e.g. Kling Plus)",
  title: "the docs page's title (e.g. Kling O3 Standard — Text to Video)",
  url: "the docs page's URL (https://pixelbyte.mintlify.app/models/...)",
  source: "the URL of the docs page the price is read from (https://...)",
  checked: "the date you compared the price with the page, unquoted (YYYY-MM-DD)",
  base: "the base cost in integer micro-cents per unit, unquoted (1,000,000 = $1)",
  unit: "second, image or request (what the base cost is per)",
  factors: "the factors (see the comment above), or [] for a flat price",
  microCents: "the page's cost for this input, in integer micro-cents, unquoted",
} as const;

/** A placeholder value: the TODO prefix, then what to write instead. */
export function todoText(what: string): string {
  return `${TODO_PREFIX}${what}`;
}

/** The models.yaml entry, indented for a key at column `indent` (components.schemas.<Key>). */
export function modelsEntry(slug: string, indent: string): string {
  return reindent(indent, [
    `${inputTypeName(slug)}:`,
    `  # Scaffolded by \`pnpm new-model\`. Replace every "TODO: ..." value from the model's docs page,`,
    `  # keeping the page's field names and types; delete these comments when done.`,
    `  x-slug: ${slug}`,
    `  x-provider: ${todo(PLACEHOLDER.provider)}`,
    `  title: ${todo(PLACEHOLDER.title)}`,
    `  externalDocs:`,
    `    url: ${todo(PLACEHOLDER.url)}`,
    `  type: object`,
    `  additionalProperties: false    # keep: a misspelt field must not compile`,
    `  required: [prompt]             # the fields the page marks required`,
    `  properties:`,
    `    # One entry per input field on the page. A priced field needs an enum (strings quoted) and,`,
    `    # when the page gives one, a default, e.g. duration: {type: string, enum: ["5", "10"], default: "5"}.`,
    `    prompt: ${todo("the field's schema (e.g. {type: string, maxLength: 2500}), then add the page's other fields")}`,
  ]);
}

/** The pricing.yaml entry, indented for a key at column `indent` (models.<slug>). */
export function pricingEntry(slug: string, indent: string): string {
  return reindent(indent, [
    `${slug}:`,
    `  # Scaffolded by \`pnpm new-model\`. Replace every "TODO: ..." value from the page's pricing`,
    `  # section; delete these comments when done.`,
    `  source: ${todo(PLACEHOLDER.source)}`,
    `  checked: ${todo(PLACEHOLDER.checked)}`,
    `  base: ${todo(PLACEHOLDER.base)}`,
    `  unit: ${todo(PLACEHOLDER.unit)}`,
    `  # One factor per priced input field:   - field: duration`,
    `  #                                         table: {"5": "5", "10": "10"}   # value -> quoted multiplier`,
    `  # or   - field: duration`,
    `  #        range: {min: 4, max: 12}   # the multiplier is the value itself`,
    `  factors: ${todo(PLACEHOLDER.factors)}`,
    `  examples:                        # the page's worked costs; generate recomputes every one`,
    `    - input: {}                    # the priced fields of the example; omitted ones take their defaults`,
    `      micro_cents: ${todo(PLACEHOLDER.microCents)}`,
  ]);
}

/** A YAML double-quoted "TODO: ..." scalar. */
function todo(what: string): string {
  return JSON.stringify(todoText(what));
}

function reindent(indent: string, lines: string[]): string {
  return lines.map((line) => indent + line).join("\n") + "\n";
}
