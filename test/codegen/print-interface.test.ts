import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { printInterfaceBody } from "../../codegen/src/model/print-interface.js";
import { interfaceBodyOf } from "../../codegen/src/model/schema-to-ts.js";
import { repoRoot } from "./scenarios.js";

// The direct interface printer must print exactly what openapi-typescript prints (it replaces it for
// model inputs), and hand anything it does not cover back (undefined) rather than print it differently.

type Obj = Record<string, unknown>;

const object = (properties: Obj, extra: Obj = {}): Obj => ({ type: "object", additionalProperties: false, properties, ...extra });
const ots = (schema: Obj) => interfaceBodyOf(schema, "#/components/schemas/TestInput");

/** Schemas inside the subset: each must print, identically. */
const covered: Record<string, Obj> = {
  "every scalar type, required and optional": object({ s: { type: "string" }, n: { type: "number" }, i: { type: "integer" }, b: { type: "boolean" }, z: { type: "null" } }, { required: ["s", "i"] }),
  "enums: strings, numbers (negative, decimal), booleans, one value, none": object({
    a: { type: "string", enum: ["16:9", "a\"b", "`${x}`", "*/", "ü", "back\\slash", "a | b"] },
    b: { type: "integer", enum: [-5, 0, 10, 1e21] },
    c: { type: "number", enum: [0.5, -0.25] },
    d: { type: "boolean", enum: [true, false] },
    e: { type: "string", enum: ["only"] },
    f: { type: "string", enum: [] },
    g: { enum: ["untyped"] },
  }),
  "consts": object({ a: { const: "x" }, b: { type: "integer", const: -3 }, c: { const: false } }),
  "arrays: of scalars, of enums (parenthesized), of one-value enums, of arrays, of objects, without items": object({
    tags: { type: "array", items: { type: "string" } },
    sizes: { type: "array", items: { type: "string", enum: ["a", "b"] } },
    one: { type: "array", items: { enum: ["a"] } },
    grid: { type: "array", items: { type: "array", items: { type: "integer", enum: [1, 2] } } },
    shots: { type: "array", minItems: 1, maxItems: 3, items: object({ prompt: { type: "string", description: "The shot." }, duration: { type: "number" } }, { required: ["prompt"] }) },
    anything: { type: "array" },
  }),
  "nested objects, empty objects, untyped schemas": object({
    inner: object({ deeper: object({ leaf: { type: "string", default: "x" } }) }),
    empty: object({}),
    loose: { description: "no type at all" },
  }),
  "JSDoc: title, format, deprecated, description, default, example(s), const, enum": object({
    a: { type: "string", title: "  Title  ", format: "uri", deprecated: true, description: "Line one.\nLine two.\r\nLine three.", default: "x", example: "y", examples: ["e1", { k: [1, 2] }] },
    b: { type: "integer", description: "", default: 0 },
    c: { type: "object", additionalProperties: false, properties: { x: { type: "string" } }, default: { x: "a", nested: { y: [1] } } },
    d: { type: "string", default: "" },
    e: { type: "boolean", default: false, example: null },
    f: { type: "string", description: "ends with */ and has /* inside", default: "*/" },
    g: { type: "string", description: "tab\there, trailing spaces   \n   and leading ones" },
    h: { type: "string", description: "a single line" },
    i: { type: "string", enum: ["x"], description: "enum and description" },
  }),
  "property names: identifiers, numbers, and quoted ones": object({
    plain: { type: "string" },
    $dollar: { type: "string" },
    _under: { type: "string" },
    "10": { type: "string" },
    "0.5": { type: "string" },
    "-1": { type: "string" },
    "1e3": { type: "string" },
    "007": { type: "string" },
    "weird-name": { type: "string" },
    'quo"te': { type: "string" },
    "back\\slash": { type: "string" },
    "with space": { type: "string" },
  }, { required: ["10", "weird-name"] }),
  "validation keywords and x- annotations change nothing": object({
    p: { type: "string", minLength: 1, maxLength: 10, pattern: "^a", "x-decision": "why" },
    q: { type: "number", minimum: 0, maximum: 1, exclusiveMinimum: 0, exclusiveMaximum: 2, multipleOf: 0.5 },
    r: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 2, uniqueItems: true },
  }, { "x-slug": "a/b", "x-provider": "A", title: "T", externalDocs: { url: "https://example.com" }, $comment: "c" }),
};

/** Schemas outside it: each must be handed back. */
const outside: Record<string, Obj> = {
  "a $ref": object({ a: { $ref: "#/components/schemas/Other" } }),
  "oneOf": object({ a: { oneOf: [{ type: "string" }, { type: "number" }] } }),
  "a list of types": object({ a: { type: ["string", "null"] } }),
  "nullable (OpenAPI 3.0)": object({ a: { type: "string", nullable: true } }),
  "an enum with null": object({ a: { enum: ["a", null] } }),
  "an enum of objects": object({ a: { enum: [{ x: 1 }] } }),
  "open additionalProperties": object({ a: { type: "object", additionalProperties: { type: "string" } } }),
  "readOnly": object({ a: { type: "string", readOnly: true } }),
  "a tuple": object({ a: { type: "array", items: [{ type: "string" }] } }),
  "a boolean schema": object({ a: true as unknown as Obj }),
  "a non-ASCII property name": object({ größe: { type: "string" } }),
  "a description with a lone carriage return": object({ a: { type: "string", description: "a\rb" } }),
  "a non-object top level": { type: "string" },
  "an object without properties at the top": { type: "object", additionalProperties: false },
};

describe("the direct interface printer prints what openapi-typescript prints", () => {
  test.each(Object.entries(covered))("%s", (_, schema) => {
    const direct = printInterfaceBody(schema);
    expect(direct, "inside the subset: printed directly").toBeDefined();
    expect(direct).toBe(ots(schema));
  });

  test.each(Object.entries(outside))("outside the subset, handed back: %s", (_, schema) => {
    expect(printInterfaceBody(schema)).toBeUndefined();
  });

  test("every model of spec/ and of the test fixtures", async () => {
    let count = 0;
    for (const file of ["spec/models.yaml", "test/fixtures/specs/first-models/models.yaml", "test/fixtures/specs/hostile/models.yaml"]) {
      const schemas = (parse(await readFile(path.join(repoRoot, file), "utf8")) as { components: { schemas: Record<string, Obj> } }).components.schemas;
      for (const [key, schema] of Object.entries(schemas)) {
        expect(printInterfaceBody(schema), `${file} ${key}`).toBe(interfaceBodyOf(schema, `#/components/schemas/${key}`));
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  test("2,000 random schemas of the subset (seeded)", () => {
    const random = seeded(20261129);
    for (let i = 0; i < 2000; i++) {
      const schema = randomObject(random, 0);
      const direct = printInterfaceBody(schema);
      expect(direct, JSON.stringify(schema)).toBe(ots(schema));
    }
  });
});

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const WORDS = ["prompt", "duration", "10", "aspect-ratio", "x", "$y", "has_sound", "0.5", "Ünicode", "a\"b"];
const TEXTS = ["Plain.", "Two\nlines.", "  padded  ", "*/ closing", "", "a `tick` and ${x}", "tab\tinside"];

function randomObject(random: () => number, depth: number): Obj {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const properties: Obj = {};
  const count = Math.floor(random() * 5) + 1;
  for (let i = 0; i < count; i++) properties[pick(WORDS.filter((w) => !/[^\x20-\x7e]/.test(w)))] = randomField(random, depth + 1);
  const names = Object.keys(properties);
  return object(properties, random() < 0.7 ? { required: names.filter(() => random() < 0.5) } : {});
}

function randomField(random: () => number, depth: number): Obj {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const annotate = (field: Obj): Obj => {
    if (random() < 0.4) field.description = pick(TEXTS);
    if (random() < 0.3) field.default = pick(["5", 5, true, "", null, { a: [1] }, -2.5]);
    if (random() < 0.1) field.title = pick(TEXTS);
    if (random() < 0.1) field.format = pick(["uri", "date"]);
    if (random() < 0.05) field.deprecated = true;
    if (random() < 0.1) field.examples = [pick(TEXTS), 3];
    return field;
  };
  const kind = random();
  if (kind < 0.3) return annotate({ type: pick(["string", "integer", "number", "boolean"]), ...(random() < 0.3 ? { minimum: 0 } : {}) });
  if (kind < 0.55) return annotate({ type: "string", enum: Array.from({ length: Math.floor(random() * 4) }, () => pick(["a", "16:9", "1080p", "a|b", "x\"y"])) });
  if (kind < 0.65) return annotate({ type: "integer", enum: [1, -2, 30].slice(0, Math.floor(random() * 3) + 1) });
  if (kind < 0.7) return annotate({ const: pick(["c", 4, true]) });
  if (kind < 0.85 || depth > 2) return annotate({ type: "array", items: depth > 2 ? { type: "string" } : randomField(random, depth + 1) });
  return annotate(randomObject(random, depth));
}
