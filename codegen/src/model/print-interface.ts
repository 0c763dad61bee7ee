/**
 * The `{ ... }` body of a model's input interface, printed directly: byte for byte what
 * openapi-typescript's transformSchemaObject (with schema-to-ts.ts's options) and the TypeScript
 * printer make of the same schema, without loading either (importing `typescript` alone costs most
 * of a second). It covers the closed subset model inputs are written in: objects with properties,
 * scalar types, enums and consts of scalars, arrays, and the annotations openapi-typescript turns
 * into JSDoc. Anything else returns undefined, and the caller prints that schema with
 * openapi-typescript itself (test/codegen/print-interface.test.ts compares the two).
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keywords that change nothing in openapi-typescript's output (validation only, or ignored annotations). */
const NO_EFFECT = new Set([
  "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minItems", "maxItems", "uniqueItems", "externalDocs", "$comment",
]);
/** Keywords printed here: the shape, and what becomes JSDoc. */
const PRINTED = new Set(["type", "properties", "required", "additionalProperties", "items", "enum", "const", "title", "description", "default", "example", "examples", "deprecated", "format"]);
const SCALARS: Readonly<Record<string, string>> = { string: "string", number: "number", integer: "number", boolean: "boolean", null: "null" };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$0-9]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Line breaks the TypeScript printer splits comments at, beyond the "\n" openapi-typescript writes. */
const OTHER_LINE_BREAKS = /[\r\u2028\u2029]/;

class Unsupported extends Error {}

/** The interface body, or undefined when the schema is outside the subset printed here. */
export function printInterfaceBody(schema: unknown): string | undefined {
  try {
    if (!isObj(schema) || schema.type !== "object") return undefined;
    const body = typeOf(schema, 0);
    // openapi-typescript's caller requires an object type (a type literal) at the top.
    return body.kind === "object" ? body.text : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function unsupported(): never {
  throw new Unsupported();
}

/** A printed type, and whether it is a union (which the printer parenthesizes as an array's element type). */
interface Printed {
  text: string;
  kind: "union" | "object" | "other";
}

const other = (text: string): Printed => ({ text, kind: "other" });

/** transformSchemaObject for the subset; `depth` is the TypeScript printer's indent level of the type. */
function typeOf(schema: unknown, depth: number): Printed {
  if (!isObj(schema)) unsupported();
  for (const key of Object.keys(schema)) if (!PRINTED.has(key) && !NO_EFFECT.has(key) && !key.startsWith("x-")) unsupported();
  const type = schema.type;
  // A list of types (["string", "null"]) is a union openapi-typescript builds its own way.
  if (type !== undefined && typeof type !== "string") unsupported();
  if ("const" in schema) return other(literal(schema.const));
  if ("enum" in schema) {
    if (!Array.isArray(schema.enum) || type === "object" || "properties" in schema || "additionalProperties" in schema) unsupported();
    const members = schema.enum.map(literal);
    // tsUnion: none is never, one stands alone.
    return members.length === 0 ? other("never") : { text: members.join(" | "), kind: members.length === 1 ? "other" : "union" };
  }
  if (type !== undefined && type in SCALARS) return other(SCALARS[type]!);
  if (type === "array") {
    if ("properties" in schema || "additionalProperties" in schema) unsupported();
    if (schema.items === undefined) return other("unknown[]");
    const item = typeOf(schema.items, depth);
    return other(`${item.kind === "union" ? `(${item.text})` : item.text}[]`);
  }
  if (type !== undefined && type !== "object") unsupported();
  if ("items" in schema) unsupported();
  if (!(schema.additionalProperties === undefined || schema.additionalProperties === false)) unsupported();
  const required = schema.required;
  if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === "string"))) unsupported();
  const properties = schema.properties;
  if (properties !== undefined && !isObj(properties)) unsupported();
  const entries = Object.entries(properties ?? {});
  if (entries.length === 0) return other(type === undefined ? "unknown" : "Record<string, never>");
  const pad = "    ".repeat(depth + 1);
  const members = entries.map(([name, field]) => {
    if (!isObj(field)) unsupported();
    const optional = (required as string[] | undefined)?.includes(name) ? "" : "?";
    return `${jsDoc(field, pad)}${pad}${propertyName(name)}${optional}: ${typeOf(field, depth + 1).text};\n`;
  });
  return { text: `{\n${members.join("")}${"    ".repeat(depth)}}`, kind: "object" };
}

/** tsLiteral for scalars: strings as JSON, numbers as the printer writes them. */
function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  // null (deduplicated in unions), arrays and objects take other paths in openapi-typescript.
  return unsupported();
}

/** tsPropertyIndex, and the printer's quoting of a string-literal name. */
function propertyName(name: string): string {
  if (String(Number(name)) === name && name[0] !== "-") return name;
  if (IDENTIFIER.test(name)) return name;
  // The printer escapes non-ASCII and control characters in its own way: leave those to it.
  if (!PRINTABLE_ASCII.test(name)) unsupported();
  return `"${name.replace(/[\\"]/g, "\\$&")}"`;
}

/** addJSDocComment, then the printer's layout of a multi-line comment at this indent. */
function jsDoc(field: Obj, pad: string): string {
  const lines: string[] = [];
  const text = (value: unknown) => String(value).trim().replace(/\r?\n/g, "\n *     ");
  if (field.title !== undefined && typeof field.title !== "string") unsupported();
  if (field.title) lines.push(text(field.title));
  if (field.format) lines.push(`Format: ${String(field.format)}`);
  if (field.deprecated) lines.push("@deprecated");
  for (const tag of ["description", "default", "example"] as const) {
    const value = field[tag];
    if (value === undefined || (value === "" && tag === "description")) continue;
    lines.push(`@${tag} ${text(typeof value === "object" ? JSON.stringify(value, null, 2) : value)}`);
  }
  if (Array.isArray(field.examples)) {
    for (const example of field.examples) lines.push(`@example ${text(typeof example === "object" ? JSON.stringify(example, null, 2) : example)}`);
  }
  if ("const" in field) lines.push("@constant");
  if (field.enum) lines.push(`@enum {${typeof field.type === "string" ? field.type : "unknown"}}`);
  if (lines.length === 0) return "";
  const multiLine = lines.length > 1 || lines[0]!.includes("\n");
  const comment = (multiLine ? `*\n * ${lines.join("\n * ")}\n ` : `* ${lines[0]} `).replace(/\*\//g, "*\\/");
  if (OTHER_LINE_BREAKS.test(comment)) unsupported();
  if (!multiLine) return `${pad}/*${comment}*/\n`;
  // Each line after the first: the indent, the line's own leading spaces, then the line trimmed.
  const [first, ...rest] = `/*${comment}*/`.split("\n");
  return `${pad}${first}\n${rest.map((line) => `${pad}${" ".repeat(leadingSpaces(line))}${line.trim()}\n`).join("")}`;
}

function leadingSpaces(line: string): number {
  const match = /^[ \t\v\f\u00a0\ufeff]*/.exec(line)![0];
  // Only plain spaces here: openapi-typescript starts every line with " * ".
  if (/[^ ]/.test(match)) unsupported();
  return match.length;
}
