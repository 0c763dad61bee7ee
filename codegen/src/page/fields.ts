import { todoText } from "../scaffold/entries.js";
import * as words from "./decisions.js";
import type { FieldFacts } from "./facts.js";
import { parseFieldText } from "./field-text.js";
import type { FieldSchema } from "./model-entry.js";
import { setOwn } from "./text.js";

/** A field read from the page, before the price is known (some decisions need it: see settleDefault). */
export interface ReadField {
  name: string;
  line: number;
  required: boolean;
  schema: FieldSchema;
  /** `**Required** for ...` (kind-4 family pages). */
  requiredFor: string[];
  /** A default outside the options, settled once the worked example is known. */
  strayDefault?: string;
  /** Decisions about this field, taken while reading it. */
  decisions: string[];
}

const JSON_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

/**
 * One ParamField -> its JSON Schema: type, description, enum (typed by the field's type), default,
 * limits, array items. `sample` is the value the page's code example sends, when it sends one (it
 * shows what an array holds).
 */
export function readField(field: FieldFacts, sample: unknown): ReadField {
  const decisions: string[] = [];
  let type = field.type.toLowerCase();
  let items: FieldSchema | string | undefined;
  const arrayOf = /^(\w+)\[\]$/.exec(type);
  if (arrayOf && JSON_TYPES.has(arrayOf[1]!)) {
    items = { type: arrayOf[1]! };
    type = "array";
  }
  const text = parseFieldText(field.text, type);
  const schema: FieldSchema = {};
  if (!JSON_TYPES.has(type)) {
    schema.type = todoText(`${field.name}'s JSON type (string, number, integer, boolean or array): the page writes type="${field.type}"`);
  } else {
    schema.type = type;
  }
  if (text.description) schema.description = text.description;

  const options = text.options?.map(unquote);
  if (options && options.length > 0) {
    const typed = options.map((o) => typedValue(type, o));
    if (type === "boolean" && typed.every((v) => typeof v === "boolean")) {
      // A boolean's options are true and false: the enum would say nothing more.
    } else if (type === "array") {
      items = { type: "string", enum: options };
    } else if (typed.every((v) => v !== undefined)) {
      schema.enum = typed as (string | number | boolean)[];
    } else {
      decisions.push(words.typeVersusOptions(type, options));
      type = "string";
      schema.type = "string";
      schema.enum = options;
    }
  }

  let strayDefault: string | undefined;
  if (text.default !== undefined) {
    const raw = unquote(text.default.raw);
    const value = typedValue(type, raw);
    if (value === undefined) {
      decisions.push(words.typeVersusDefault(type, raw));
    } else if (schema.enum && !schema.enum.includes(value as string | number | boolean)) {
      const sameLetters = schema.enum.find((o) => String(o).toLowerCase() === raw.toLowerCase());
      if (sameLetters !== undefined) {
        decisions.push(words.defaultSpelling(raw, String(sameLetters)));
        schema.default = sameLetters;
      } else {
        strayDefault = raw;
      }
    } else {
      schema.default = value;
    }
  }

  if (type === "string" && text.maxLength !== undefined) schema.maxLength = text.maxLength;
  if (type === "array") {
    if (text.minItems !== undefined) schema.minItems = text.minItems;
    if (text.maxItems !== undefined) schema.maxItems = text.maxItems;
  }
  if (type === "number" || type === "integer") {
    if (text.minimum !== undefined) schema.minimum = text.minimum;
    if (text.maximum !== undefined) schema.maximum = text.maximum;
  }
  if (type === "array") schema.items = items ?? itemsOf(field, sample, schema.description);
  return { name: field.name, line: field.line, required: field.required, schema, requiredFor: text.requiredFor, ...(strayDefault !== undefined ? { strayDefault } : {}), decisions };
}

/** An array's items: a nested Expandable's fields, else what the code example sends, else URLs named in prose, else a placeholder. */
function itemsOf(field: FieldFacts, sample: unknown, description: string | undefined): FieldSchema | string {
  if (field.items) {
    const text = parseFieldText(field.items.text, "object");
    if (field.items.fields.length === 0) {
      return { type: "object", ...(text.description ? { description: text.description } : {}), "x-decision": words.openItems(field.name) };
    }
    const children = field.items.fields.map((child) => readField(child, undefined));
    const properties: Record<string, FieldSchema | string> = {};
    for (const child of children) setOwn(properties, child.name, child.decisions.length > 0 ? { ...child.schema, "x-decision": child.decisions.join(" ") } : child.schema);
    return {
      type: "object",
      ...(text.description ? { description: text.description } : {}),
      additionalProperties: false,
      required: children.filter((c) => c.required).map((c) => c.name),
      properties,
    };
  }
  if (Array.isArray(sample) && sample.length > 0) {
    if (sample.every((v) => typeof v === "string")) return { type: "string" };
    if (sample.every((v) => Number.isInteger(v))) return { type: "integer" };
    if (sample.every((v) => typeof v === "number")) return { type: "number" };
  }
  if (description && /\bURLs?\b/.test(description)) return { type: "string" };
  return todoText(`the schema of one ${field.name} item (e.g. {type: string}); the page does not say what the array holds`);
}

/** A value as the page writes it (in backticks), as the JSON type of the field; undefined when it cannot be one. */
export function typedValue(type: string, raw: string): string | number | boolean | undefined {
  switch (type) {
    case "string":
      return raw;
    case "integer":
      return /^-?(0|[1-9]\d*)$/.test(raw) ? Number(raw) : undefined;
    case "number":
      return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    default:
      return undefined;
  }
}

/** Alibaba+ pages put JSON quotes inside the backticks (`"5"`): the value is what is inside them. */
export function unquote(raw: string): string {
  const t = raw.trim();
  return /^"[^"]*"$/.test(t) || /^'[^']*'$/.test(t) ? t.slice(1, -1) : t;
}
