// The field-by-field comparison `pricing verify` makes of a spec input schema and a catalog's.
import { compareInputSchemas } from "@pixelbyte/pricing-audit";
import { describe, expect, test } from "vitest";

const spec = {
  type: "object",
  required: ["prompt"],
  properties: {
    prompt: { type: "string", maxLength: 100, description: "What to make." },
    duration: { type: "string", enum: ["5", "10"], default: "5" },
    shots: { type: "array", maxItems: 4, items: { type: "object", required: ["prompt"], properties: { prompt: { type: "string" }, seconds: { type: "integer", minimum: 1, maximum: 15 } } } },
    mode: { const: "fast" },
  },
};
const rows = (server: unknown) => compareInputSchemas(spec, server).differences.map((d) => [d.field, d.change, d.keyword ?? null]);

describe("compareInputSchemas", () => {
  test("the same schema, in another key order, enum order and with other descriptions: no difference", () => {
    const server = {
      properties: {
        mode: { const: "fast" },
        shots: { items: { properties: { seconds: { maximum: 15, minimum: 1, type: "integer" }, prompt: { type: "string" } }, required: ["prompt"], type: "object" }, maxItems: 4, type: "array" },
        duration: { default: "5", enum: ["10", "5"], type: "string", description: "Seconds." },
        prompt: { maxLength: 100, type: "string" },
      },
      required: ["prompt"],
      type: "object",
      additionalProperties: false,
    };
    expect(compareInputSchemas(spec, server)).toEqual({ differences: [], omitted: 0 });
  });

  test("each kind of difference, at its field path", () => {
    const server = {
      type: "object",
      required: ["prompt", "duration"],
      properties: {
        prompt: { type: ["string", "null"], maxLength: 50, pattern: "^[a-z]+$" },
        duration: { type: "string", enum: ["5", "10", "15"], default: 5 },
        shots: { type: "array", items: { type: "object", properties: { prompt: { type: "string" }, seconds: { type: "number", minimum: 1, maximum: 10 } } } },
        mode: { const: "slow" },
        seed: { type: "integer" },
      },
    };
    expect(rows(server)).toEqual([
      ["prompt", "type", "type"],
      ["prompt", "limit", "maxLength"],
      ["prompt", "limit", "pattern"],
      ["duration", "enum", "enum"],
      ["duration", "default", "default"],
      ["shots", "limit", "maxItems"],
      ["shots[].seconds", "type", "type"],
      ["shots[].seconds", "limit", "maximum"],
      ["shots[].prompt", "required", "required"],
      ["mode", "const", "const"],
      ["seed", "field-added", null],
      ["duration", "required", "required"],
    ]);
    const d = compareInputSchemas(spec, server).differences;
    expect(d[0]!.message).toBe("type string in the spec, null | string on the server");
    expect(d[3]!.message).toBe('enum: "15" only on the server');
    expect(d[4]!.message).toBe('default "5" in the spec, 5 on the server'); // a string and a number are not the same default
    expect(d[5]!.message).toBe("maxItems 4 in the spec, (none) on the server");
    expect(d[8]!.message).toBe("required in the spec, optional on the server");
  });

  test("a server schema that is not one, and fields that are not schemas", () => {
    expect(rows("garbage")).toEqual([["", "not-a-schema", null]]);
    expect(rows(null)).toEqual([["", "not-a-schema", null]]);
    expect(rows({ properties: { prompt: 5 } }).slice(0, 3)).toEqual([
      ["", "type", "type"], // object in the spec, any on the server
      ["prompt", "not-a-schema", null],
      ["duration", "field-removed", null],
    ]);
  });

  test("a field named like an Object.prototype member is just a field", () => {
    const server = { ...spec, properties: { ...spec.properties, constructor: { type: "string" }, __proto__: { type: "string" } } };
    // JSON.parse makes "__proto__" an own key, as a server's answer would.
    const parsed = JSON.parse(JSON.stringify(server).replace('"constructor"', '"__proto__":{"type":"string"},"constructor"'));
    expect(rows(parsed)).toEqual([
      ["__proto__", "field-added", null],
      ["constructor", "field-added", null],
    ]);
  });

  test("the limit: that many differences recorded, the rest counted", () => {
    const properties = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`f${i}`, { type: "string" }]));
    const r = compareInputSchemas(spec, { type: "object", properties }, 10);
    expect(r.differences).toHaveLength(10);
    expect(r.differences.length + r.omitted).toBe(1_000 + 4);
  });
});
