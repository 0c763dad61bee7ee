import { describe, expect, test } from "vitest";
import { render, renderChunks, renderJoined } from "../../codegen/src/emit/render.js";

// The maps and docs are joined from per-model chunks (render.ts): each template's {{#each models}}
// blocks are cut out and rendered one model at a time, when the model is built. Whatever the models
// hold, the joined file must be exactly what rendering the whole template over every model gives.

/** Every name a map or docs template reads of a model, each filled with `text`. */
function item(n: number, text: string): Record<string, string> {
  const names = ["typeName", "descriptorName", "slugLiteral", "importPath", "summary", "docsUrl", "interfaceBody", "pricingName", "priceName", "pricedInputName", "slug", "anchor", "title", "section", "base", "factors", "defaultCost", "range", "checked"];
  return Object.fromEntries(names.map((name) => [name, `${name}${n}:${text}`]));
}

// Values that could confuse a cut: line breaks (leading, trailing, blank lines), template syntax, and the
// marker the outer template uses for a block's place.
const texts = ["plain", "two\nlines", "\n", "", "{{#each models}}\n{{/each}}", "\uE000chunk0\uE000\n", "trailing blank\n\n"];

const templates = ["client-model-inputs", "client-model-schemas", "client-model-registry", "pricing-index", "models-md", "pricing-md"];

/** Models spread over providers in order (as the docs group them), each provider's name a table cell. */
function providersOf(models: Record<string, string>[], count: number) {
  const size = Math.ceil(models.length / count) || 1;
  const out: { provider: string; models: Record<string, string>[] }[] = [];
  for (let i = 0; i < models.length; i += size) out.push({ provider: `Provider ${out.length} | x`, models: models.slice(i, i + size) });
  return out;
}

describe("a file joined from per-model chunks is the whole template rendered over every model", () => {
  for (const name of templates) {
    test.each([0, 1, 2, 7])(`${name}, %i models`, (count) => {
      const models = Array.from({ length: count }, (_, i) => item(i, texts[i % texts.length]!));
      const providers = providersOf(models, 3);
      const common = { header: "// header", count: models.length, rounding: "half-up" };
      const whole = render(name, { ...common, models, providers });
      const chunks = new Map(models.map((m) => [m, renderChunks(name, m)]));
      // A nested block is rendered once per provider, with that provider's models; a top-level one once, with all.
      const nested = name === "pricing-md" ? new Set([0]) : name === "models-md" ? new Set([0]) : new Set<number>();
      const joined = renderJoined(name, { ...common, providers: providers.map((p) => ({ provider: p.provider })) }, (block) =>
        nested.has(block) ? providers.map((p) => p.models.map((m) => chunks.get(m)!)) : [models.map((m) => chunks.get(m)!)],
      );
      expect(joined).toBe(whole);
    });
  }
});

test("a block given for fewer or more places than the template renders it is an error, not a wrong file", () => {
  const m = item(0, "x");
  expect(() => renderJoined("pricing-index", { header: "// h" }, () => [])).toThrow(/block 0 rendered more often than given/);
  expect(() => renderJoined("pricing-index", { header: "// h" }, () => [[renderChunks("pricing-index", m)], []])).toThrow(/less often than given/);
});
