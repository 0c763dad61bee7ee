import { isObj, type Obj } from "./spec-index.js";
import { deepEqual } from "./values.js";

/** The numeric limits a field schema can carry (JSON Schema keywords). */
export const LIMITS = ["maxLength", "minLength", "minItems", "maxItems", "minimum", "maximum"] as const;
export type Limit = (typeof LIMITS)[number];

/**
 * One difference between the spec's input schema of a model and its page's. `field` is a path:
 * "duration", "multishot[]" (the items of an array), "multishot[].prompt" (a field of those items).
 * Model-level changes (title, provider, docs URL) have no field. `from` / `to` absent = not set.
 */
export type InputChange =
  | { kind: "field-added"; field: string; required: boolean; type?: unknown }
  | { kind: "field-removed"; field: string }
  | { kind: "type"; field: string; from?: unknown; to?: unknown }
  | { kind: "enum-value-added" | "enum-value-removed"; field: string; value: unknown }
  | { kind: "enum-order"; field: string; from: unknown[]; to: unknown[] }
  | { kind: "default"; field: string; from?: unknown; to?: unknown }
  | { kind: "limit"; field: string; keyword: Limit; from?: number; to?: number }
  | { kind: "required"; field: string; to: boolean }
  | { kind: "description"; field: string; from?: string; to?: string }
  | { kind: "keyword"; field: string; keyword: string; from?: unknown; to?: unknown }
  | { kind: "title" | "provider" | "docs-url"; from?: unknown; to?: unknown };

const ANNOTATIONS = new Set(["x-decision", "note"]);
const HANDLED = new Set(["type", "enum", "default", "description", "items", "properties", "required", ...LIMITS, ...ANNOTATIONS]);
const ROOT_HANDLED = new Set(["x-slug", "x-provider", "title", "externalDocs", "properties", "required", ...ANNOTATIONS]);

/** Every input difference from the spec's schema (`from`) to the page's (`to`), in page field order. */
export function compareInputs(from: Obj, to: Obj): InputChange[] {
  const out: InputChange[] = [];
  if (!deepEqual(from.title, to.title)) out.push({ kind: "title", ...opt("from", from.title), ...opt("to", to.title) });
  if (!deepEqual(from["x-provider"], to["x-provider"])) out.push({ kind: "provider", ...opt("from", from["x-provider"]), ...opt("to", to["x-provider"]) });
  const url = (s: Obj) => (isObj(s.externalDocs) ? s.externalDocs.url : undefined);
  if (!deepEqual(url(from), url(to))) out.push({ kind: "docs-url", ...opt("from", url(from)), ...opt("to", url(to)) });
  compareObject(from, to, "", out);
  for (const key of keysOf(from, to)) {
    if (ROOT_HANDLED.has(key) || deepEqual(from[key], to[key])) continue;
    out.push({ kind: "keyword", field: "(the input)", keyword: key, ...opt("from", from[key]), ...opt("to", to[key]) });
  }
  return out;
}

/** The properties and required list of an object schema (the input itself, or an array's items). */
function compareObject(from: Obj, to: Obj, prefix: string, out: InputChange[]): void {
  const fromProps = isObj(from.properties) ? from.properties : {};
  const toProps = isObj(to.properties) ? to.properties : {};
  const fromReq = new Set(Array.isArray(from.required) ? from.required.map(String) : []);
  const toReq = new Set(Array.isArray(to.required) ? to.required.map(String) : []);
  for (const name of keysOf(fromProps, toProps)) {
    const field = `${prefix}${name}`;
    const has = { from: Object.hasOwn(fromProps, name), to: Object.hasOwn(toProps, name) };
    if (!has.from) {
      const schema = toProps[name];
      out.push({ kind: "field-added", field, required: toReq.has(name), ...(isObj(schema) && "type" in schema ? { type: schema.type } : {}) });
      continue;
    }
    if (!has.to) {
      out.push({ kind: "field-removed", field });
      continue;
    }
    if (fromReq.has(name) !== toReq.has(name)) out.push({ kind: "required", field, to: toReq.has(name) });
    const a = fromProps[name];
    const b = toProps[name];
    if (isObj(a) && isObj(b)) compareField(a, b, field, out);
    else if (!deepEqual(a, b)) out.push({ kind: "keyword", field, keyword: "(schema)", ...opt("from", a), ...opt("to", b) });
  }
  // A required name with no property (the spec would not validate; reported rather than lost).
  for (const name of [...fromReq, ...toReq]) {
    if (Object.hasOwn(fromProps, name) || Object.hasOwn(toProps, name) || (fromReq.has(name) && toReq.has(name))) continue;
    out.push({ kind: "required", field: `${prefix}${name}`, to: toReq.has(name) });
  }
}

function compareField(from: Obj, to: Obj, field: string, out: InputChange[]): void {
  if (!deepEqual(from.type, to.type)) out.push({ kind: "type", field, ...opt("from", from.type), ...opt("to", to.type) });
  const fromEnum = Array.isArray(from.enum) ? from.enum : undefined;
  const toEnum = Array.isArray(to.enum) ? to.enum : undefined;
  if (fromEnum || toEnum) {
    const a = fromEnum ?? [];
    const b = toEnum ?? [];
    const added = b.filter((v) => !a.some((w) => deepEqual(v, w)));
    const removed = a.filter((v) => !b.some((w) => deepEqual(v, w)));
    for (const value of added) out.push({ kind: "enum-value-added", field, value });
    for (const value of removed) out.push({ kind: "enum-value-removed", field, value });
    if (added.length === 0 && removed.length === 0 && !deepEqual(a, b)) out.push({ kind: "enum-order", field, from: a, to: b });
  }
  const hasDefault = { from: "default" in from, to: "default" in to };
  if (hasDefault.from !== hasDefault.to || !deepEqual(from.default, to.default)) out.push({ kind: "default", field, ...opt("from", from.default, hasDefault.from), ...opt("to", to.default, hasDefault.to) });
  for (const keyword of LIMITS) {
    if (deepEqual(from[keyword], to[keyword])) continue;
    const a = from[keyword];
    const b = to[keyword];
    if ((a === undefined || typeof a === "number") && (b === undefined || typeof b === "number")) out.push({ kind: "limit", field, keyword, ...(a !== undefined ? { from: a } : {}), ...(b !== undefined ? { to: b } : {}) });
    else out.push({ kind: "keyword", field, keyword, ...opt("from", a), ...opt("to", b) });
  }
  if (!deepEqual(from.description, to.description)) {
    out.push({ kind: "description", field, ...(typeof from.description === "string" ? { from: from.description } : {}), ...(typeof to.description === "string" ? { to: to.description } : {}) });
  }
  if (!deepEqual(stripped(from.items), stripped(to.items))) {
    const items = `${field}[]`;
    if (isObj(from.items) && isObj(to.items)) compareField(from.items, to.items, items, out);
    else out.push({ kind: "keyword", field: items, keyword: "items", ...opt("from", from.items), ...opt("to", to.items) });
  }
  if (!deepEqual(stripped(from.properties), stripped(to.properties)) || !deepEqual(from.required, to.required)) compareObject(from, to, `${field}.`, out);
  for (const key of keysOf(from, to)) {
    if (HANDLED.has(key) || deepEqual(from[key], to[key])) continue;
    out.push({ kind: "keyword", field, keyword: key, ...opt("from", from[key]), ...opt("to", to[key]) });
  }
}

/** A value without its x-decision / note annotations, at every depth. */
export function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (!ANNOTATIONS.has(k)) out[k] = stripped(v);
  return out;
}

function keysOf(a: Obj, b: Obj): string[] {
  return [...new Set([...Object.keys(b), ...Object.keys(a)])];
}

function opt<K extends string>(key: K, value: unknown, present = value !== undefined): { [P in K]?: unknown } {
  return (present ? { [key]: value } : {}) as { [P in K]?: unknown };
}
