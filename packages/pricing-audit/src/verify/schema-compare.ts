// Field by field: a model's input schema in the spec against the one the API's catalog serves.

type Schema = Readonly<Record<string, unknown>>;

export type SchemaChange = "field-added" | "field-removed" | "type" | "enum" | "const" | "default" | "required" | "limit" | "items" | "not-a-schema";

export interface SchemaDifference {
  /** The field's path in the input: "duration", "multishot[].prompt"; "" for the schema itself. */
  readonly field: string;
  readonly change: SchemaChange;
  /** The keyword that differs ("maxLength", "enum", "default"), when it is one keyword. */
  readonly keyword?: string;
  /** What the spec says, and what the API's catalog says (absent: not said). */
  readonly spec?: unknown;
  readonly server?: unknown;
  /** One line, e.g. `enum: "15" removed, "20" added`. */
  readonly message: string;
}

export interface SchemaComparison {
  readonly differences: readonly SchemaDifference[];
  /** Differences found beyond `limit` and left out. */
  readonly omitted: number;
}

/** Limits compared one for one: a different number (or pattern) accepts other inputs. */
const LIMIT_KEYWORDS = ["minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "multipleOf", "uniqueItems"] as const;

/** What is compared; everything else (title, description, examples, format, additionalProperties, x-*) only describes or is not part of the comparison. */
export const COMPARED_KEYWORDS = ["type", "enum", "const", "default", "required", "properties", "items", ...LIMIT_KEYWORDS] as const;

type Add = (d: SchemaDifference | (() => SchemaDifference)) => void;

/** Nested fields are compared this deep; a deeper (or recursive) server schema is not walked further. */
const MAX_DEPTH = 16;
/** Values and names are quoted this long at most. */
const QUOTE_LENGTH = 120;

/**
 * Every difference between the spec's input schema and the catalog's, field by field: fields added
 * or removed, and per field its type, enum values (as a set: order is not compared), const, default,
 * whether it is required, its limits, and the same for array items and nested object fields.
 * Stops recording after `limit` differences and counts the rest (a server can send anything).
 */
export function compareInputSchemas(spec: unknown, server: unknown, limit = 200): SchemaComparison {
  const out: SchemaDifference[] = [];
  let omitted = 0;
  // Built only while there is room: a server listing 100,000 unknown fields costs a count, not messages.
  const add: Add = (d) => {
    if (out.length < limit) out.push(typeof d === "function" ? d() : d);
    else omitted++;
  };
  if (!isObject(server)) {
    add({ field: "", change: "not-a-schema", server: quoteValue(server), message: `the catalog's inputSchema is not a JSON Schema object (got ${kindOf(server)})` });
  } else {
    compareNode(isObject(spec) ? spec : {}, server, "", 0, add);
  }
  return { differences: out, omitted };
}

function compareNode(a: Schema, b: Schema, path: string, depth: number, add: Add): void {
  const at = (change: SchemaChange, message: string, keyword?: string, spec?: unknown, server?: unknown): void =>
    add({ field: path, change, ...(keyword !== undefined ? { keyword } : {}), ...(spec !== undefined ? { spec: quoteValue(spec) } : {}), ...(server !== undefined ? { server: quoteValue(server) } : {}), message });

  const [ta, tb] = [typeText(a.type), typeText(b.type)];
  if (ta !== tb) at("type", `type ${ta ?? "(any)"} in the spec, ${tb ?? "(any)"} on the server`, "type", a.type, b.type);

  compareEnum(a, b, at);
  for (const keyword of ["const", "default"] as const) {
    const [ha, hb] = [Object.hasOwn(a, keyword), Object.hasOwn(b, keyword)];
    if (!ha && !hb) continue;
    if (ha && hb && canonical(a[keyword]) === canonical(b[keyword])) continue;
    const message = !hb ? `${keyword} ${show(a[keyword])} in the spec, none on the server` : !ha ? `no ${keyword} in the spec, ${show(b[keyword])} on the server` : `${keyword} ${show(a[keyword])} in the spec, ${show(b[keyword])} on the server`;
    at(keyword, message, keyword, a[keyword], b[keyword]);
  }
  for (const keyword of LIMIT_KEYWORDS) {
    const [ha, hb] = [Object.hasOwn(a, keyword), Object.hasOwn(b, keyword)];
    if ((!ha && !hb) || (ha && hb && canonical(a[keyword]) === canonical(b[keyword]))) continue;
    at("limit", `${keyword} ${ha ? show(a[keyword]) : "(none)"} in the spec, ${hb ? show(b[keyword]) : "(none)"} on the server`, keyword, a[keyword], b[keyword]);
  }

  if (depth >= MAX_DEPTH) return;
  if (Object.hasOwn(a, "items") || Object.hasOwn(b, "items")) {
    const [ia, ib] = [a.items, b.items];
    if (!isObject(ib)) {
      if (isObject(ia)) at("items", ib === undefined ? "items: described in the spec, not on the server" : `items: not a schema on the server (got ${kindOf(ib)})`, "items");
    } else if (!isObject(ia)) {
      at("items", "items: described on the server, not in the spec", "items");
    } else {
      compareNode(ia, ib, `${path}[]`, depth + 1, add);
    }
  }
  compareFields(a, b, path, depth, add);
}

function compareEnum(a: Schema, b: Schema, at: (change: SchemaChange, message: string, keyword?: string, spec?: unknown, server?: unknown) => void): void {
  const [ha, hb] = [Object.hasOwn(a, "enum"), Object.hasOwn(b, "enum")];
  if (!ha && !hb) return;
  if (!Array.isArray(b.enum) && hb) return at("enum", `enum: not a list on the server (got ${kindOf(b.enum)})`, "enum", a.enum, b.enum);
  if (!hb) return at("enum", `enum ${showList(a.enum)} in the spec, any value on the server`, "enum", a.enum, undefined);
  if (!Array.isArray(a.enum)) return at("enum", `any value in the spec, enum ${showList(b.enum)} on the server`, "enum", undefined, b.enum);
  const sa = new Map(a.enum.map((v) => [canonical(v), v]));
  const sb = new Map((b.enum as unknown[]).map((v) => [canonical(v), v]));
  const removed = [...sa].filter(([k]) => !sb.has(k)).map(([, v]) => v);
  const added = [...sb].filter(([k]) => !sa.has(k)).map(([, v]) => v);
  if (removed.length === 0 && added.length === 0) return;
  const parts = [...(removed.length ? [`${showList(removed)} only in the spec`] : []), ...(added.length ? [`${showList(added)} only on the server`] : [])];
  at("enum", `enum: ${parts.join("; ")}`, "enum", a.enum, b.enum);
}

function compareFields(a: Schema, b: Schema, path: string, depth: number, add: Add): void {
  const pa = isObject(a.properties) ? a.properties : {};
  const pb = isObject(b.properties) ? b.properties : {};
  if (Object.hasOwn(b, "properties") && !isObject(b.properties)) {
    add({ field: path, change: "not-a-schema", keyword: "properties", message: `properties: not an object on the server (got ${kindOf(b.properties)})` });
  }
  const ra = new Set(requiredOf(a));
  const rb = new Set(requiredOf(b));
  for (const name of Object.keys(pa)) {
    const field = join(path, name);
    if (!Object.hasOwn(pb, name)) {
      add(() => ({ field, change: "field-removed", message: `in the spec${ra.has(name) ? " (required)" : ""}, not on the server` }));
      continue;
    }
    const [sa, sb] = [pa[name], pb[name]];
    if (!isObject(sb)) add({ field, change: "not-a-schema", server: quoteValue(sb), message: `not a JSON Schema on the server (got ${kindOf(sb)})` });
    else compareNode(isObject(sa) ? sa : {}, sb, field, depth + 1, add);
  }
  for (const name of Object.keys(pb)) {
    if (Object.hasOwn(pa, name)) continue;
    add(() => {
      const s = pb[name];
      const type = isObject(s) ? typeText(s.type) : undefined;
      return { field: join(path, name), change: "field-added", ...(isObject(s) ? { server: quoteValue(s) } : {}), message: `on the server${rb.has(name) ? " (required)" : ""}${type ? `, ${type}` : ""}, not in the spec` };
    });
  }
  // Required-ness of the fields both sides describe (an added or removed field said it above).
  for (const name of new Set([...ra, ...rb])) {
    if (ra.has(name) === rb.has(name) || !Object.hasOwn(pa, name) || !Object.hasOwn(pb, name)) continue;
    add({ field: join(path, name), change: "required", keyword: "required", spec: ra.has(name), server: rb.has(name), message: ra.has(name) ? "required in the spec, optional on the server" : "optional in the spec, required on the server" });
  }
}

function requiredOf(s: Schema): string[] {
  return Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : [];
}

/** "string", "integer | null"; undefined when the schema says nothing. */
function typeText(type: unknown): string | undefined {
  if (type === undefined) return undefined;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return [...type].map(String).sort().join(" | ");
  return `(not a type: ${show(type)})`;
}

/** A field path: "duration", "multishot[].prompt", `["odd name"]` where a name is not a plain word. */
function join(path: string, name: string): string {
  const key = /^[A-Za-z_$][\w$-]*$/.test(name) ? name : JSON.stringify(clip(name, QUOTE_LENGTH));
  return path === "" ? key : key.startsWith('"') ? `${path}[${key}]` : `${path}.${key}`;
}

/** JSON with sorted keys, to compare values whatever the order of their keys (depth-capped). */
function canonical(value: unknown, depth = 0): string {
  if (depth > 32) return '"(nested too deep)"';
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k], depth + 1)}`)
      .join(",")}}`;
  }
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? "null";
}

/** A value as quoted in a message, at most QUOTE_LENGTH characters. */
function show(value: unknown): string {
  return clip(canonical(value), QUOTE_LENGTH);
}

function showList(values: unknown): string {
  return Array.isArray(values) ? clip(values.map((v) => canonical(v)).join(", "), QUOTE_LENGTH) : show(values);
}

/**
 * A value as kept in a difference: a copy of it when its JSON is short (cut at 32 levels: a server
 * can nest a value deeper than JSON.stringify can write), else its shortened JSON text.
 */
function quoteValue(value: unknown): unknown {
  const text = canonical(value);
  return text.length <= QUOTE_LENGTH * 4 ? JSON.parse(text) : clip(text, QUOTE_LENGTH * 4);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function kindOf(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `${typeof value} ${show(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
