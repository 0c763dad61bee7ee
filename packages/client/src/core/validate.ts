import { closestMatch, describeValue as describeKind, ownValue } from "@pixelbyte/pricing/runtime";
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

const MAX_ISSUES = 20;
/** Longest unknown field name repeated in a path. */
const SHOWN_NAME = 100;

/**
 * Throws InputValidationError (nothing sent) unless `input`, as JSON carries it, fits `schema` (the
 * input schema of `model`). Returns that JSON value (see toJsonValue): it is what the client
 * prices and sends, so what is checked is what is sent. Issues quote the offending values,
 * shortened; `redactor` masks a secret in them before the cut (the client masks the whole error
 * again at its exit).
 */
export function validateInput(model: string, schema: JsonSchema, input: unknown, redactor: Redactor = noRedaction): JsonObject {
  const issues: ValidationIssue[] = [];
  const json = toJsonValue(input, "input", issues);
  if (issues.length === 0) validateValue(schema, json, "input", issues, redactor);
  if (issues.length === 0 && !isPlainObject(json)) issues.push({ path: "input", rule: "type", message: `must be an object (got ${describeValue(json, redactor)})` });
  if (issues.length > 0) throw new InputValidationError(model, issues);
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
  check(schema, value, path, undefined, issues, redactor);
}

/**
 * validateValue at `parent` + `key`. The path string is built only for an issue or a container's
 * children, so a valid input allocates nothing here (this runs on every submit).
 */
function check(schema: JsonSchema, value: unknown, parent: string, key: string | number | undefined, issues: ValidationIssue[], redactor: Redactor): void {
  if (issues.length >= MAX_ISSUES) return;
  const type = schema.type;
  if (type !== undefined && !(typeof type === "string" ? hasType(value, type) : hasSomeType(value, type))) {
    const types = typeof type === "string" ? [type] : type;
    issue(issues, parent, key, "type", `must be ${types.map(article).join(" or ")} (got ${describeValue(value, redactor)})`);
    return; // the other rules would only repeat the type problem
  }
  if (schema.const !== undefined && !same(value, schema.const)) {
    issue(issues, parent, key, "const", `must be ${describeValue(schema.const, redactor)} (got ${describeValue(value, redactor)})`, [schema.const]);
  }
  if (schema.enum !== undefined && !inEnum(value, schema.enum)) {
    issue(issues, parent, key, "enum", `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")} (got ${describeValue(value, redactor)})`, schema.enum);
  }

  if (typeof value === "string") {
    const tooLong = schema.maxLength !== undefined && value.length > schema.maxLength && codePoints(value) > schema.maxLength;
    if (tooLong) issue(issues, parent, key, "maxLength", `must be at most ${schema.maxLength} characters (got ${codePoints(value)})`);
    if (schema.minLength !== undefined && (value.length < schema.minLength || codePoints(value) < schema.minLength)) {
      issue(issues, parent, key, "minLength", `must be at least ${schema.minLength} characters (got ${codePoints(value)})`);
    }
    // A string already over maxLength is not also run through the pattern (bounded work on long input).
    if (schema.pattern !== undefined && !tooLong && !regex(schema.pattern).test(value)) {
      issue(issues, parent, key, "pattern", `must match /${schema.pattern}/ (got ${describeValue(value, redactor)})`);
    }
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) issue(issues, parent, key, "minimum", `must be >= ${schema.minimum} (got ${value})`);
    if (schema.maximum !== undefined && value > schema.maximum) issue(issues, parent, key, "maximum", `must be <= ${schema.maximum} (got ${value})`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
      issue(issues, parent, key, "exclusiveMinimum", `must be > ${schema.exclusiveMinimum} (got ${value})`);
    }
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) {
      issue(issues, parent, key, "exclusiveMaximum", `must be < ${schema.exclusiveMaximum} (got ${value})`);
    }
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) issue(issues, parent, key, "minItems", `must have at least ${schema.minItems} items (got ${value.length})`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) issue(issues, parent, key, "maxItems", `must have at most ${schema.maxItems} items (got ${value.length})`);
    if (schema.items !== undefined) {
      const here = at(parent, key);
      // Items past maxItems are not looked at (the array is refused already), nor any after the issue cap.
      const end = Math.min(value.length, schema.maxItems ?? Infinity);
      for (let i = 0; i < end && issues.length < MAX_ISSUES; i++) check(schema.items, value[i], here, i, issues, redactor);
    }
  } else if (isPlainObject(value)) {
    checkObject(schema, value, at(parent, key), issues, redactor);
  }
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, issues: ValidationIssue[], redactor: Redactor): void {
  const props = schema.properties ?? NO_PROPERTIES;
  const required = schema.required;
  if (required !== undefined) {
    for (const name of required) {
      // An undefined or inherited value is not in the JSON sent, so it counts as missing.
      if (ownValue(value, name) === undefined) issue(issues, path, name, "required", "is required");
    }
  }
  for (const name of Object.keys(value)) {
    if (issues.length >= MAX_ISSUES) break; // an object of 100,000 unknown fields is not 100,000 suggestions
    const v = value[name];
    if (v === undefined) continue;
    const child = ownValue(props, name);
    if (child !== undefined) {
      check(child, v, path, name, issues, redactor);
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(props);
      const near = closestMatch(name, known);
      // Masked before the cut: a key pasted as a field name leaves no part of itself behind.
      issue(issues, path, redactor.clip(name, SHOWN_NAME), "additionalProperties", `is not a field of this model${near ? `; did you mean "${near}"?` : ""} (fields: ${known.join(", ")})`, known);
    } else if (typeof schema.additionalProperties === "object") {
      check(schema.additionalProperties, v, path, name, issues, redactor);
    }
  }
}

const NO_PROPERTIES: Readonly<Record<string, JsonSchema>> = Object.freeze({});

/** `input.duration`, `input.multishot[0]`: the path of `key` under `parent` (`parent` itself when there is no key). */
function at(parent: string, key: string | number | undefined): string {
  return key === undefined ? parent : typeof key === "number" ? `${parent}[${key}]` : fieldPath(parent, key);
}

function issue(issues: ValidationIssue[], parent: string, key: string | number | undefined, rule: string, message: string, allowed?: readonly unknown[]): void {
  const path = at(parent, key);
  issues.push(allowed === undefined ? { path, rule, message } : { path, rule, message, allowed });
}

function hasSomeType(value: unknown, types: readonly string[]): boolean {
  for (const t of types) if (hasType(value, t)) return true;
  return false;
}

function inEnum(value: unknown, values: readonly unknown[]): boolean {
  for (const e of values) if (same(value, e)) return true;
  return false;
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

/**
 * A value quoted in a message: strings shortened to 60 characters, masked before the cut (a key
 * pasted into a prompt leaves no part of itself); any other value as pricing's describeValue shows it.
 */
export function describeValue(value: unknown, redactor: Redactor): string {
  return typeof value === "string" ? JSON.stringify(redactor.clip(value, 60)) : describeKind(value);
}
