import type { Combination } from "../price.js";
import type { ModelSpec } from "../types.js";
import { inputOf } from "../values.js";

type Schema = Readonly<Record<string, unknown>>;

/** What a required text field is sent as. */
export const PLACEHOLDER_TEXT = "pixelbyte pricing verify";
/** What a required field that takes a file (its name says url, image, video, audio, frame, mask or file) is sent as. */
export const PLACEHOLDER_URL = "https://example.com/pixelbyte-pricing-verify.png";

const FILE_FIELD = /url|image|video|audio|frame|mask|file/i;
/** Nested required objects are filled this deep at most (a recursive schema must still end). */
const MAX_DEPTH = 8;

/**
 * The input sent to POST /v1/jobs/estimate for one combination: its priced values, typed as the
 * field (a boolean field gets `true`, not "true"), plus a placeholder for every required field that
 * is not priced (the client validates the whole input before sending, as the API does on submit).
 * A placeholder is the field's default, else its first enum value, else a value of its type within
 * its limits; placeholders never change the price, which depends on the priced fields alone.
 */
export function estimateInput(model: ModelSpec, combination: Combination): Record<string, unknown> {
  const input: Record<string, unknown> = inputOf(model, combination);
  const schema = model.inputSchema ?? {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const field of requiredOf(schema)) {
    if (Object.hasOwn(input, field)) continue;
    const fieldSchema = Object.hasOwn(properties, field) && isObject(properties[field]) ? (properties[field] as Schema) : {};
    define(input, field, placeholderOf(fieldSchema, field, 0));
  }
  return input;
}

function placeholderOf(schema: Schema, name: string, depth: number): unknown {
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "boolean":
      return false;
    case "integer":
    case "number":
      return numberWithin(schema, type === "integer");
    case "array": {
      const min = count(schema.minItems) ?? 1;
      const max = count(schema.maxItems);
      const n = max === undefined ? min : Math.min(min, max);
      const items = isObject(schema.items) ? schema.items : {};
      return depth >= MAX_DEPTH ? [] : Array.from({ length: Math.min(n, 100) }, () => placeholderOf(items, name, depth + 1));
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      if (depth >= MAX_DEPTH) return out;
      for (const field of requiredOf(schema)) {
        const child = Object.hasOwn(properties, field) && isObject(properties[field]) ? (properties[field] as Schema) : {};
        define(out, field, placeholderOf(child, field, depth + 1));
      }
      return out;
    }
    default:
      return textWithin(schema, FILE_FIELD.test(name) ? PLACEHOLDER_URL : PLACEHOLDER_TEXT);
  }
}

function textWithin(schema: Schema, text: string): string {
  const min = count(schema.minLength) ?? 0;
  const max = count(schema.maxLength);
  const padded = text.length >= min ? text : text + "x".repeat(Math.min(min, 10_000) - text.length);
  return max === undefined ? padded : padded.slice(0, max);
}

function numberWithin(schema: Schema, integer: boolean): number {
  const min = finite(schema.minimum) ?? (finite(schema.exclusiveMinimum) === undefined ? undefined : finite(schema.exclusiveMinimum)! + (integer ? 1 : 0.5));
  const max = finite(schema.maximum) ?? (finite(schema.exclusiveMaximum) === undefined ? undefined : finite(schema.exclusiveMaximum)! - (integer ? 1 : 0.5));
  let value = min ?? (max !== undefined && max < 1 ? max : 1);
  if (integer) value = Math.ceil(value);
  return value;
}

function requiredOf(schema: Schema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** An own property whatever the name ("__proto__" included). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
