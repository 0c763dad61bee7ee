import { closestMatch, ownValue } from "@pixelbyte/pricing/runtime";
import { modelSchemas } from "../gen/model-schemas.gen.js";
import { InputValidationError, type ValidationIssue } from "./errors.js";
import { fieldPath, toJsonValue, type JsonObject } from "./json-value.js";
import { noRedaction, type Redactor } from "./redact.js";

/** The closed JSON-Schema subset the generated model schemas use (`title` and `x-provider` are annotations, not checked). */
export interface JsonSchema {
  readonly title?: string;
  readonly "x-provider"?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly pattern?: string;
}

const schemas: Readonly<Record<string, JsonSchema>> = modelSchemas;
const MAX_ISSUES = 20;
/** Longest unknown field name repeated in a path. */
const SHOWN_NAME = 100;

/**
 * Throws InputValidationError (nothing sent) unless `model` is known and `input`, as JSON carries
 * it, fits the model's schema. Returns that JSON value (see toJsonValue): it is what the client
 * prices and sends, so what is checked is what is sent. Issues quote the offending values,
 * shortened; `redactor` masks a secret in them before the cut (the client masks the whole error
 * again at its exit).
 */
export function validateModelInput(model: unknown, input: unknown, redactor: Redactor = noRedaction): JsonObject {
  const schema = ownValue(schemas, model);
  if (schema === undefined) {
    const near = closestMatch(model, Object.keys(schemas));
    // Named as given when it is a short string; otherwise as describeValue shows it (bounded, never String(obj)).
    const label = typeof model === "string" && model.length <= 100 ? model : describeValue(model, redactor);
    throw new InputValidationError(label, [
      {
        path: "model",
        rule: "known-model",
        message: `${describeValue(model, redactor)} is not a known model${near ? `; did you mean "${near}"?` : ""}`,
      },
    ]);
  }
  const issues: ValidationIssue[] = [];
  const json = toJsonValue(input, "input", issues);
  if (issues.length === 0) validateValue(schema, json, "input", issues, redactor);
  if (issues.length === 0 && !isPlainObject(json)) issues.push({ path: "input", rule: "type", message: `must be an object (got ${describeValue(json, redactor)})` });
  if (issues.length > 0) throw new InputValidationError(model as string, issues);
  return json as JsonObject;
}

/** Webhook URLs must be absolute https URLs (the webhooks docs page: plain http is rejected); checked before anything is sent. */
export function validateWebhookUrl(model: string, url: unknown, redactor: Redactor = noRedaction): void {
  let ok = false;
  if (typeof url === "string") {
    try {
      ok = new URL(url).protocol === "https:";
    } catch {
      ok = false;
    }
  }
  if (!ok) {
    throw new InputValidationError(model, [{ path: "webhookUrl", rule: "https", message: `must be an absolute https:// URL (got ${describeValue(url, redactor)})` }]);
  }
}

/** Validates `value` against `schema`, appending one issue per broken rule (up to a cap). */
export function validateValue(schema: JsonSchema, value: unknown, path: string, issues: ValidationIssue[], redactor: Redactor = noRedaction): void {
  const describe = (v: unknown) => describeValue(v, redactor);
  if (issues.length >= MAX_ISSUES) return;
  const add = (rule: string, message: string, allowed?: readonly unknown[]) => {
    issues.push(allowed === undefined ? { path, rule, message } : { path, rule, message, allowed });
  };

  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(value, t))) {
      add("type", `must be ${types.map(article).join(" or ")} (got ${describe(value)})`);
      return; // the other rules would only repeat the type problem
    }
  }
  if (schema.const !== undefined && !same(value, schema.const)) {
    add("const", `must be ${describe(schema.const)} (got ${describe(value)})`, [schema.const]);
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => same(value, e))) {
    add("enum", `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} (got ${describe(value)})`, schema.enum);
  }

  if (typeof value === "string") {
    if (schema.maxLength !== undefined && value.length > schema.maxLength && codePoints(value) > schema.maxLength) {
      add("maxLength", `must be at most ${schema.maxLength} characters (got ${codePoints(value)})`);
    }
    if (schema.minLength !== undefined && (value.length < schema.minLength || codePoints(value) < schema.minLength)) {
      add("minLength", `must be at least ${schema.minLength} characters (got ${codePoints(value)})`);
    }
    // A string already over maxLength is not also run through the pattern (bounded work on long input).
    if (schema.pattern !== undefined && !issues.some((i) => i.path === path && i.rule === "maxLength") && !regex(schema.pattern).test(value)) {
      add("pattern", `must match /${schema.pattern}/ (got ${describe(value)})`);
    }
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add("minimum", `must be >= ${schema.minimum} (got ${value})`);
    if (schema.maximum !== undefined && value > schema.maximum) add("maximum", `must be <= ${schema.maximum} (got ${value})`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
      add("exclusiveMinimum", `must be > ${schema.exclusiveMinimum} (got ${value})`);
    }
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
      add("exclusiveMaximum", `must be < ${schema.exclusiveMaximum} (got ${value})`);
    }
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) add("minItems", `must have at least ${schema.minItems} items (got ${value.length})`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) add("maxItems", `must have at most ${schema.maxItems} items (got ${value.length})`);
    if (schema.items !== undefined) {
      // Items past maxItems are not looked at (the array is refused already), nor any after the issue cap.
      const end = Math.min(value.length, schema.maxItems ?? Infinity);
      for (let i = 0; i < end && issues.length < MAX_ISSUES; i++) validateValue(schema.items, value[i], `${path}[${i}]`, issues, redactor);
    }
  } else if (isPlainObject(value)) {
    validateObject(schema, value, path, issues, redactor);
  }
}

function validateObject(schema: JsonSchema, value: Record<string, unknown>, path: string, issues: ValidationIssue[], redactor: Redactor): void {
  const props = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    // An undefined or inherited value is not in the JSON sent, so it counts as missing.
    if (ownValue(value, name) === undefined) issues.push({ path: fieldPath(path, name), rule: "required", message: "is required" });
  }
  for (const [name, v] of Object.entries(value)) {
    if (issues.length >= MAX_ISSUES) break; // an object of 100,000 unknown fields is not 100,000 suggestions
    if (v === undefined) continue;
    const child = ownValue(props, name);
    if (child !== undefined) {
      validateValue(child, v, fieldPath(path, name), issues, redactor);
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(props);
      const near = closestMatch(name, known);
      issues.push({
        // Masked before the cut: a key pasted as a field name leaves no part of itself behind.
        path: fieldPath(path, redactor.clip(name, SHOWN_NAME)),
        rule: "additionalProperties",
        message: `is not a field of this model${near ? `; did you mean "${near}"?` : ""} (fields: ${known.join(", ")})`,
        allowed: known,
      });
    } else if (typeof schema.additionalProperties === "object") {
      validateValue(schema.additionalProperties, v, fieldPath(path, name), issues, redactor);
    }
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isPlainObject(value);
    case "null":
      return value === null;
    default:
      return false;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Enum/const equality: strict for primitives (so true never equals "true"), structural for JSON values. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false; // too deep or cyclic to be the (shallow, finite) value the schema lists
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const regexCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, "u");
    regexCache.set(pattern, re);
  }
  return re;
}

function article(type: string): string {
  return type === "integer" || type === "array" || type === "object" ? `an ${type}` : type === "null" ? "null" : `a ${type}`;
}

/** A value quoted in a message: strings shortened to 60 characters, masked before the cut. */
function describeValue(value: unknown, redactor: Redactor): string {
  if (typeof value === "string") return JSON.stringify(redactor.clip(value, 60));
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${String(value)} (a ${typeof value})`;
}
