import { describe, expect, test } from "vitest";
import { InputValidationError, validateModelInput, type JsonSchema, type ValidationIssue } from "@pixelbyte/client";
import { modelSchemas } from "../../packages/client/src/gen/model-schemas.gen.js";
import { validateValue } from "../../packages/client/src/core/validate.js";

const check = (schema: JsonSchema, value: unknown): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  validateValue(schema, value, "input", issues);
  return issues;
};
const rules = (schema: JsonSchema, value: unknown) => check(schema, value).map((i) => `${i.path}:${i.rule}`);

describe("the keyword subset", () => {
  test("type, including integer vs number and arrays of types", () => {
    expect(rules({ type: "integer" }, 2)).toEqual([]);
    expect(rules({ type: "integer" }, 2.5)).toEqual(["input:type"]);
    expect(rules({ type: "number" }, Number.POSITIVE_INFINITY)).toEqual(["input:type"]);
    expect(rules({ type: "string" }, 1)).toEqual(["input:type"]);
    expect(rules({ type: "boolean" }, "true")).toEqual(["input:type"]);
    expect(rules({ type: "object" }, [])).toEqual(["input:type"]);
    expect(rules({ type: "object" }, null)).toEqual(["input:type"]);
    expect(rules({ type: "array" }, {})).toEqual(["input:type"]);
    expect(rules({ type: ["string", "null"] }, null)).toEqual([]);
  });

  test("enum and const compare strictly: true is not \"true\"", () => {
    expect(rules({ enum: ["true", "false"] }, true)).toEqual(["input:enum"]);
    expect(rules({ enum: [1, 2] }, "1")).toEqual(["input:enum"]);
    expect(rules({ enum: [{ a: 1 }] }, { a: 1 })).toEqual([]);
    expect(rules({ const: "x" }, "x")).toEqual([]);
    expect(check({ const: "x" }, "y")[0]).toMatchObject({ rule: "const", allowed: ["x"] });
  });

  test("string lengths count characters (code points), and pattern", () => {
    expect(rules({ maxLength: 2 }, "😀😀")).toEqual([]);
    expect(rules({ maxLength: 2 }, "😀😀😀")).toEqual(["input:maxLength"]);
    expect(rules({ minLength: 2 }, "😀")).toEqual(["input:minLength"]);
    expect(rules({ pattern: "^[a-z]+$" }, "abc")).toEqual([]);
    expect(rules({ pattern: "^[a-z]+$" }, "ab1")).toEqual(["input:pattern"]);
  });

  test("number limits, inclusive and exclusive", () => {
    const s: JsonSchema = { minimum: 1, maximum: 10 };
    expect([rules(s, 1), rules(s, 10), rules(s, 0), rules(s, 11)]).toEqual([[], [], ["input:minimum"], ["input:maximum"]]);
    const e: JsonSchema = { exclusiveMinimum: 1, exclusiveMaximum: 10 };
    expect([rules(e, 1), rules(e, 10), rules(e, 5)]).toEqual([["input:exclusiveMinimum"], ["input:exclusiveMaximum"], []]);
  });

  test("arrays: minItems, maxItems, items with indexed paths", () => {
    const s: JsonSchema = { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } };
    expect(rules(s, [])).toEqual(["input:minItems"]);
    expect(rules(s, ["a", "b", "c"])).toEqual(["input:maxItems"]);
    expect(rules(s, ["a", 2])).toEqual(["input[1]:type"]);
  });

  test("objects: required, closed properties with a suggestion, open additionalProperties schemas", () => {
    const s: JsonSchema = { type: "object", required: ["prompt"], additionalProperties: false, properties: { prompt: { type: "string" }, seed: { type: "integer" } } };
    expect(rules(s, { prompt: "p", seed: 1 })).toEqual([]);
    expect(rules(s, { prompt: undefined })).toEqual(["input.prompt:required"]);
    const [unknown] = check(s, { prompt: "p", sed: 1 });
    expect(unknown).toMatchObject({ path: "input.sed", rule: "additionalProperties", allowed: ["prompt", "seed"] });
    expect(unknown!.message).toContain('did you mean "seed"');
    expect(rules({ type: "object", additionalProperties: { type: "number" } }, { a: 1, b: "x" })).toEqual(["input.b:type"]);
    expect(rules({ type: "object" }, { anything: 1 })).toEqual([]);
  });
});

/** A value that satisfies a schema of the subset, built from the schema alone. */
function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum !== undefined) return s.enum[0];
  const type = typeof s.type === "string" ? s.type : s.type?.[0];
  switch (type) {
    case "string":
      return "a".repeat(s.minLength ?? 1);
    case "integer":
    case "number":
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? Math.floor(s.exclusiveMinimum) + 1 : 1);
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sample(s.properties?.[name] ?? {});
      return out;
    }
    default:
      return null;
  }
}

const slugs = Object.keys(modelSchemas) as (keyof typeof modelSchemas)[];

describe("every generated model schema", () => {
  test.each(slugs)("%s: a minimal valid input passes; an unknown field and a missing required field fail", (slug) => {
    const schema = modelSchemas[slug] as JsonSchema;
    const input = sample(schema) as Record<string, unknown>;
    expect(() => validateModelInput(slug, input)).not.toThrow();
    expect(() => validateModelInput(slug, { ...input, definitely_not_a_field: 1 })).toThrow(InputValidationError);
    for (const name of schema.required ?? []) {
      const { [name]: _drop, ...missing } = input;
      expect(() => validateModelInput(slug, missing)).toThrow(new RegExp(`input\\.${name} is required`));
    }
  });

  test.each(slugs)("%s: every enum rejects a value outside it", (slug) => {
    const schema = modelSchemas[slug] as JsonSchema;
    const base = sample(schema) as Record<string, unknown>;
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (prop.enum === undefined) continue;
      // Same JSON type as the options, so the enum rule (not the type rule) is what fails.
      const numeric = prop.enum.every((e) => typeof e === "number");
      if (!numeric && !prop.enum.every((e) => typeof e === "string")) continue;
      const outside = numeric ? Math.max(...(prop.enum as number[])) + 1 : "__not_an_option__";
      const err = (() => {
        try {
          validateModelInput(slug, { ...base, [name]: outside });
        } catch (e) {
          return e as InputValidationError;
        }
        return undefined;
      })();
      expect(err?.field).toBe(`input.${name}`);
      expect(err?.allowed).toEqual(prop.enum);
    }
  });
});
