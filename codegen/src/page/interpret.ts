import type { RoundingRule } from "@pixelbyte/pricing/runtime";
import { SLUG_PATTERN } from "../model/names.js";
import { PLACEHOLDER, todoText } from "../scaffold/entries.js";
import * as words from "./decisions.js";
import { PageRefusal, type CodeSampleBlock, type HeadingBlock, type PageFacts, type PricingBlock, type PropertiesBlock, type RequestBodyBlock } from "./facts.js";
import { readField, typedValue, type ReadField } from "./fields.js";
import type { Decision, FieldSchema, ImportedModel, InputSchema, PriceEntry, PriceFactor } from "./model-entry.js";
import { readPricing, type PricedField } from "./pricing.js";
import { setOwn, titleCaseSegment } from "./text.js";

export interface InterpretOptions {
  /** The page's URL (externalDocs.url and the price's source); a placeholder when not given. */
  docsUrl?: string;
  /** The date the price was compared with the page (YYYY-MM-DD); a placeholder when not given. */
  checked?: string;
  /** The spec's one rounding rule, to check worked costs that are not whole micro-cents. Default half-up. */
  rounding?: RoundingRule;
}

/** One capability section of the page: a request body, the slugs it documents, its properties table and its price. */
interface Section {
  requestBody: RequestBodyBlock;
  props?: PropertiesBlock;
  /** The properties table sits in this section (not shared with the sections before it). */
  ownProps: boolean;
  heading?: HeadingBlock;
  slugs: { slug: string; capability?: string; line: number }[];
  pricing?: PricingBlock;
  typeSample?: CodeSampleBlock;
  samples: CodeSampleBlock[];
}

/**
 * Page facts -> one ImportedModel per slug the page documents. Throws PageRefusal when the page is
 * not a model page or lacks what every entry needs (a slug, a price).
 */
export function interpret(facts: PageFacts, options: InterpretOptions = {}): ImportedModel[] {
  const sections = sectionsOf(facts);
  const total = sections.reduce((n, s) => n + s.slugs.length, 0);
  return sections.flatMap((section) => section.slugs.map((declared) => entryOf(facts, section, declared, total === 1, options)));
}

function sectionsOf(facts: PageFacts): Section[] {
  const sections: Section[] = [];
  let props: PropertiesBlock | undefined;
  let propsUsed = false;
  let heading: HeadingBlock | undefined;
  let pending: Section["slugs"] = [];
  let typeSample: CodeSampleBlock | undefined;
  const orphanPricing: PricingBlock[] = [];
  for (const block of facts.blocks) {
    switch (block.kind) {
      case "properties":
        props = block;
        propsUsed = false;
        break;
      case "heading":
        heading = block;
        break;
      case "slugs":
        pending.push(...block.slugs);
        break;
      case "request-body": {
        const own = block.slug ? [{ slug: block.slug.value, line: block.slug.line }] : [];
        if (pending.length > 0 && block.slug && !pending.some((s) => s.slug === block.slug!.value)) {
          throw new PageRefusal(block.slug.line, `the model field names ${block.slug.value} but the section declares ${pending.map((s) => s.slug).join(", ")}`);
        }
        const slugs = pending.length > 0 ? pending : own;
        if (slugs.length === 0) throw new PageRefusal(block.line, "no slug: the request body's model field names no model slug (placeholder=, default= or its description)");
        sections.push({ requestBody: block, ...(props ? { props } : {}), ownProps: !propsUsed, ...(heading ? { heading } : {}), slugs, ...(typeSample ? { typeSample } : {}), samples: [] });
        propsUsed = true;
        pending = [];
        typeSample = undefined;
        break;
      }
      case "pricing": {
        const open = sections.filter((s) => !s.pricing);
        if (open.length === 0) orphanPricing.push(block);
        for (const s of open) s.pricing = block;
        break;
      }
      case "code-sample":
        if (block.placeholders) typeSample = block;
        else sections[sections.length - 1]?.samples.push(block);
        break;
    }
  }
  if (sections.length === 0) {
    const pricing = facts.blocks.find((b) => b.kind === "pricing");
    const anything = facts.blocks.some((b) => b.kind === "properties" || b.kind === "pricing" || b.kind === "slugs");
    if (!anything) throw new PageRefusal(1, "not a model page: it has no properties table, no Request Body and no Pricing section", true);
    throw new PageRefusal(pricing?.line ?? 1, "no slug: the page has no Request Body whose model field names a model slug");
  }
  for (const s of sections) {
    if (s.pricing) continue;
    if (orphanPricing.length === 1) s.pricing = orphanPricing[0];
    else throw new PageRefusal(s.slugs[0]!.line, `no pricing section: nothing on the page prices ${s.slugs.map((x) => x.slug).join(", ")}`);
  }
  return sections;
}

function entryOf(facts: PageFacts, section: Section, declared: Section["slugs"][number], single: boolean, options: InterpretOptions): ImportedModel {
  const slug = declared.slug;
  if (!SLUG_PATTERN.test(slug)) throw new PageRefusal(declared.line, `"${slug}" is not a model slug (provider/model[/capability], lower case)`);
  const decisions: Decision[] = [];
  const props = section.props?.rows;
  const title = single ? (facts.title?.value ?? composedTitle(section, declared, facts)) : composedTitle(section, declared, facts);
  const provider = props?.get("Provider")?.value;
  const url = options.docsUrl;

  // Inputs: the MDX form gives each field; the rendered form only their names (in its cURL type sample).
  const rendered = section.requestBody.fields === undefined;
  const sample = section.samples.find((s) => s.model === slug) ?? section.samples[0];
  const read: ReadField[] = rendered ? [] : section.requestBody.fields!.map((f) => readField(f, sample && Object.hasOwn(sample.input, f.name) ? sample.input[f.name] : undefined)).filter((f) => appliesTo(f, slug, declared.capability));
  const typeSample = rendered ? (section.typeSample?.input ?? {}) : {};
  const priced = new Map<string, PricedField>();
  for (const f of read) priced.set(f.name, pricedField(f.schema));
  if (rendered) for (const [name, value] of Object.entries(typeSample)) priced.set(name, { ...(sampleType(value) ? { type: sampleType(value) } : {}) });

  // The rendered form names the fields only through its type sample; without one it shows none.
  const fieldsShown = !rendered || section.typeSample !== undefined;
  const price = readPricing(section.pricing!, section.props, priced, options.rounding ?? "half-up", { fields: fieldsShown, defaults: !rendered });
  const factorFields = new Set(price.factors.map((f) => f.field));

  const properties: Record<string, FieldSchema | string> = {};
  const lines: ImportedModel["lines"] = { fields: {}, base: price.baseLine, factors: price.factors.map((f) => f.line), examples: price.exampleLines };
  let required: string[] | string;
  if (rendered) {
    for (const [name, value] of Object.entries(typeSample)) {
      setOwn(lines.fields, name, section.typeSample!.line);
      const factor = price.factors.find((f) => f.field === name);
      setOwn(properties, name, factor ? renderedPricedField(name, value, factor.options, price.assumed.get(name)) : todoText(`${name}'s schema, e.g. {type: ${sampleType(value) ?? "integer"}}: the rendered page shows only its name and a ${JSON.stringify(value)} sample; its type, options, default, limits and description are on the MDX page`));
    }
    const unnamed = !fieldsShown || Object.keys(typeSample).length === 0;
    for (const factor of unnamed ? price.factors : []) {
      setOwn(properties, factor.field, renderedPricedField(factor.field, undefined, factor.options, price.assumed.get(factor.field)));
      setOwn(lines.fields, factor.field, factor.line);
    }
    required = todoText(
      `the input fields the page marks required, as a list (e.g. [prompt]): the rendered page does not show them${unnamed ? "; add the page's other input fields too: this rendered section names none of them" : ""}`,
    );
  } else {
    for (const f of read) {
      const schema: FieldSchema = { ...f.schema };
      const fieldDecisions = [...f.decisions];
      if (f.strayDefault !== undefined) {
        const assumed = price.assumed.get(f.name);
        const valid = assumed !== undefined && schema.enum?.includes(assumed as string);
        fieldDecisions.push(words.defaultNotAnOption(f.strayDefault, (schema.enum ?? []).map(String), valid ? String(assumed) : undefined));
        if (valid) schema.default = assumed;
      }
      const isRequired = f.required || f.requiredFor.length > 0;
      if (isRequired && "default" in schema) fieldDecisions.push(words.requiredWithDefault(factorFields.has(f.name)));
      if (!isRequired && /(^|\/)edit-image$/.test(slug) && /^image_urls?$/.test(f.name)) fieldDecisions.push(words.EDIT_IMAGE_OPTIONAL);
      if (fieldDecisions.length > 0) {
        schema["x-decision"] = fieldDecisions.join(" ");
        for (const text of fieldDecisions) decisions.push({ line: f.line, file: "models", path: ["properties", f.name], text });
      }
      setOwn(properties, f.name, withKeyOrder(schema));
      setOwn(lines.fields, f.name, f.line);
    }
    required = read.filter((f) => f.required || f.requiredFor.length > 0).map((f) => f.name);
  }

  // A factor reading a field the page does not have: declare it for the factor (docs-page-format §9 #7).
  const factors: PriceFactor[] = [];
  let note = price.note;
  for (const [i, f] of price.factors.entries()) {
    if (f.declared) {
      const assumed = price.assumed.get(f.field);
      const values = f.range ? [String(f.range.min), String(f.range.max)] : f.options;
      const text = words.factorWithoutInput(f.field, values, assumed === undefined ? undefined : String(assumed));
      setOwn<FieldSchema | string>(properties, f.field, { type: "string", description: words.declaredFieldDescription(f.field), ...(f.range ? {} : { enum: f.options }), "x-decision": text });
      decisions.push({ line: f.line, file: "models", path: ["properties", f.field], text });
      const pricingNote = words.factorWithoutInputNote(f.field, values, assumed === undefined ? undefined : String(assumed));
      note = note ? `${note} ${pricingNote}` : pricingNote;
      decisions.push({ line: f.line, file: "pricing", path: ["note"], text: pricingNote });
      setOwn(lines.fields, f.field, f.line);
    }
    const factorNote = price.factorNotes[i];
    factors.push(f.range ? { field: f.field, range: f.range, ...(factorNote ? { note: factorNote } : {}) } : { field: f.field, table: Object.fromEntries(f.rows!.map((r) => [r.key, r.multiplier])), ...(factorNote ? { note: factorNote } : {}) });
  }
  for (const d of price.decisions) decisions.push({ line: d.line, file: "pricing", path: d.path, text: d.text });

  const schema: InputSchema = {
    "x-slug": slug,
    "x-provider": provider ?? todoText(PLACEHOLDER.provider),
    title: title ?? todoText(PLACEHOLDER.title),
    externalDocs: { url: url ?? todoText(PLACEHOLDER.url) },
    type: "object",
    additionalProperties: false,
    required,
    properties,
  };
  const pricing: PriceEntry = {
    source: url ?? todoText(PLACEHOLDER.source),
    checked: options.checked ?? todoText(PLACEHOLDER.checked),
    base: price.base,
    unit: price.unit,
    ...(note ? { note } : {}),
    factors,
    examples: price.examples,
  };
  return { slug, form: facts.form, line: declared.line, schema, pricing, decisions, problems: price.problems, lines };
}

/** A family page's entry title: the model's name, an em dash, the capability (docs-page-format §2). */
function composedTitle(section: Section, declared: Section["slugs"][number], facts: PageFacts): string | undefined {
  const props = section.props?.rows;
  const model = props?.get("Model")?.value ?? facts.title?.value;
  const capability =
    declared.capability ??
    (section.ownProps ? props?.get("Capability")?.value : undefined) ??
    section.heading?.text ??
    titleCaseSegment(declared.slug.split("/").pop()!);
  return model === undefined ? undefined : `${model} — ${capability}`;
}

/** On a merged family page a field "**Required** for `image-to-video`" belongs to that capability only. */
function appliesTo(field: ReadField, slug: string, capability: string | undefined): boolean {
  if (field.requiredFor.length === 0) return true;
  const segment = slug.split("/").pop()!;
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return field.requiredFor.some((r) => r === slug || norm(r) === segment || (capability !== undefined && norm(r) === norm(capability)));
}

function pricedField(schema: FieldSchema): PricedField {
  const type = schema.type && !schema.type.startsWith("TODO") ? schema.type : undefined;
  let keys: string[] | undefined;
  if (Array.isArray(schema.enum)) keys = schema.enum.map(String);
  else if (type === "boolean") keys = ["false", "true"];
  else if (type === "integer" && Number.isInteger(schema.minimum) && Number.isInteger(schema.maximum)) {
    keys = [];
    for (let n = schema.minimum!; n <= schema.maximum!; n++) keys.push(String(n));
  }
  return { ...(type ? { type } : {}), ...(keys ? { keys } : {}), ...("default" in schema ? { default: schema.default } : {}) };
}

/** The JSON type the rendered page's sample shows: "<string>", true, 123 (integer or number: not shown), [...]. */
function sampleType(value: unknown): string | undefined {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  return undefined;
}

/** A priced field of the rendered form: its options are the factor table's; its default is not shown (nor, without a sample, its type). */
function renderedPricedField(name: string, value: unknown, options: string[], assumed: unknown): FieldSchema {
  const type = sampleType(value);
  const out: FieldSchema = {
    type:
      type ??
      todoText(
        value === undefined
          ? `${name}'s JSON type (string, boolean, integer or number): the rendered page does not show it`
          : `${name}'s JSON type, integer or number: the rendered page's sample shows ${JSON.stringify(value)}`,
      ),
  };
  if (type !== "boolean" && options.length > 0) out.enum = typeof value === "number" ? options.map((o) => typedValue("number", o) ?? o) : options;
  out.default = todoText(`${name}'s default, or delete this line if it has none: the rendered page does not show it${assumed === undefined ? "" : ` (its default cost assumes ${JSON.stringify(assumed)})`}`);
  return out;
}

/** Keys in the order spec/models.yaml writes them. */
function withKeyOrder(schema: FieldSchema): FieldSchema {
  const order = ["type", "description", "enum", "default", "maxLength", "minItems", "maxItems", "minimum", "maximum", "items", "additionalProperties", "required", "properties", "x-decision"];
  const out: Record<string, unknown> = {};
  for (const key of order) if (key in schema) out[key] = (schema as Record<string, unknown>)[key];
  return out as FieldSchema;
}
