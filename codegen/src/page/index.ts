/**
 * The model docs page reader: page text (MDX source or a browser copy of the rendered page) -> one
 * typed, located entry per slug the page documents. Reused by `pnpm new-model --from` (writes the
 * entries into the spec) and by anything that compares pages with the spec; it writes nothing.
 */
import { interpret, type InterpretOptions } from "./interpret.js";
import { PageRefusal, type PageForm } from "./facts.js";
import type { ImportedModel } from "./model-entry.js";
import { readMdx } from "./read-mdx.js";
import { readRendered } from "./read-rendered.js";

export { PageRefusal, type PageForm } from "./facts.js";
export type { Decision, FieldSchema, ImportedModel, InputSchema, PageProblem, PriceEntry, PriceExample, PriceFactor } from "./model-entry.js";
export type { InterpretOptions } from "./interpret.js";

export interface ModelPage {
  form: PageForm;
  /** One entry per slug, in page order (a family page documents several). */
  entries: ImportedModel[];
}

/**
 * Reads one model page. Throws PageRefusal (with the page line) when the text is not a model page
 * or lacks what an entry needs; problems the page's own numbers show are on each entry's `problems`.
 */
export function readModelPage(text: string, options: InterpretOptions = {}): ModelPage {
  // One line ending and no byte-order mark: line numbers stay those of the file.
  const normalised = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  const form = detectForm(normalised);
  const facts = form === "mdx" ? readMdx(normalised) : readRendered(normalised);
  return { form, entries: interpret(facts, options) };
}

/**
 * MDX when the text opens with frontmatter or holds a JSX tag of the docs' components; rendered
 * when it has the browser copy's flattened table headers; anything else is not a model page.
 */
export function detectForm(text: string): PageForm {
  if (/^\s*---[ \t]*\n/.test(text) || /<(ParamField|Expandable|Tip|ResponseField|CodeGroup)\b/.test(text)) return "mdx";
  if (/^(PropertyValue|FactorOptionMultiplier|Request Body|Pricing)\s*$/m.test(text)) return "rendered";
  throw new PageRefusal(1, "not a model page: neither MDX (frontmatter, <ParamField> tags) nor a rendered page's copy (Request Body, Pricing, PropertyValue lines)", true);
}
