import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { baseSpec, CLIP, diffJson, GET_THING, HOOK, oneLine, spec, STILL, tempDir, variant, writeSpec, type Json } from "./fixture.js";

// What must NOT be reported (the same spec written differently) and what must be reported once per
// place it reaches (a shared schema), tried against the classifier on purpose.

const clip = (s: any) => s["models.yaml"].components.schemas.AcmeClipTextToVideoInput;
const rows = (json: any) => json.changes.map((c: any) => `${c.level} ${c.rule} ${c.subject} ${c.path}`).sort();

// Lists whose order means nothing: reversing them must change nothing.
const SETS = new Set(["required", "enum", "type", "anyOf", "oneOf", "parameters"]);

/** Every mapping with its keys in reverse order, and every order-free list reversed. */
function reorder(value: Json, key = ""): Json {
  if (Array.isArray(value)) {
    const items = value.map((v) => reorder(v));
    return SETS.has(key) ? items.reverse() : items;
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v, k)]));
  }
  return value;
}

describe("the same spec written differently: no change", () => {
  test("every mapping's keys, every enum, required list, type list, union and parameter list reordered", async () => {
    const base = variant((s) => {
      s["api/components/things.yaml"].Thing.properties.progress.type = ["integer", "null"];
      clip(s).required = ["prompt", "duration"];
    });
    const shuffled = Object.fromEntries(Object.entries(base).map(([file, doc]) => [file, reorder(doc)]));
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(base));
    const json = await diffJson(base, shuffled);
    expect(json.changes).toEqual([]);
    expect(json.prices).toEqual([]);
    expect(json.level).toBe("none");
  });

  test("an enum reordered", async () => {
    const json = await diffJson(baseSpec(), variant((s) => clip(s).properties.duration.enum.reverse()));
    expect(json.changes).toEqual([]);
  });

  test("a type written beside an enum that already implies it", async () => {
    const json = await diffJson(
      variant((s) => (clip(s).properties.duration = { enum: ["5", "10"], default: "5" })),
      variant((s) => (clip(s).properties.duration = { type: "string", enum: ["5", "10"], default: "5" })),
    );
    expect(json.changes).toEqual([]);
  });

  test("YAML anchors and aliases read as the values they stand for", async () => {
    const models = (clipDuration: string, stillDuration: string) =>
      [
        "openapi: 3.1.0",
        "info: {title: Anchors, version: 1.0.0}",
        "components:",
        "  schemas:",
        "    AcmeClipTextToVideoInput:",
        `      x-slug: ${CLIP}`,
        "      type: object",
        "      additionalProperties: false",
        "      properties:",
        `        duration: ${clipDuration}`,
        "    AcmeStillTextToImageInput:",
        `      x-slug: ${STILL}`,
        "      type: object",
        "      additionalProperties: false",
        "      properties:",
        `        duration: ${stillDuration}`,
        "",
      ].join("\n");
    const plain = '{type: string, enum: ["5", "10"], default: "5"}';
    const anchored = { "models.yaml": models(`&duration ${plain}`, "*duration") };
    expect((await diffJson({ "models.yaml": models(plain, plain) }, anchored)).changes).toEqual([]);
    // Changing the anchored value changes every model that aliases it.
    const narrowed = { "models.yaml": models('&duration {type: string, enum: ["5"], default: "5"}', "*duration") };
    expect(rows(await diffJson(anchored, narrowed))).toEqual([`major request-enum-value-removed ${CLIP} duration`, `major request-enum-value-removed ${STILL} duration`]);
  });

  test("a model moved to a file of its own (models.yaml keeps a $ref): the same model, found by its slug", async () => {
    const moved = variant((s) => {
      s["models/acme-clip.yaml"] = { AcmeClipTextToVideoInput: clip(s) };
      s["models.yaml"].components.schemas.AcmeClipTextToVideoInput = { $ref: "./models/acme-clip.yaml#/AcmeClipTextToVideoInput" };
    });
    expect((await diffJson(baseSpec(), moved)).changes).toEqual([]);
    // A change made in the new file is reported for the model, located in that file.
    const changed = structuredClone(moved) as any;
    changed["models/acme-clip.yaml"].AcmeClipTextToVideoInput.properties.prompt.maxLength = 10;
    const json = await diffJson(baseSpec(), changed);
    expect(rows(json)).toEqual([`major request-limit-narrowed ${CLIP} prompt`]);
    expect(json.changes[0].at).toMatch(/^new\/models\/acme-clip\.yaml:\d+:\d+$/);
  });

  test("a path parameter renamed is the same operation (its parameter changed), a header's case is not a change", async () => {
    const json = await diffJson(
      baseSpec(),
      variant((s) => {
        const paths = s["openapi.yaml"].paths;
        paths["/v1/things/{id}"] = paths["/v1/things/{thingId}"];
        delete paths["/v1/things/{thingId}"];
        paths["/v1/things/{id}"].parameters[0].name = "id";
      }),
    );
    // The client's path parameter object is keyed by the name: code passing { thingId } no longer compiles.
    expect(rows(json)).toEqual(["major request-field-added-required GET /v1/things/{id} path id", "major request-field-removed GET /v1/things/{id} path thingId"]);
    const header = (name: string) => variant((s) => s["openapi.yaml"].paths["/v1/things/{thingId}"].get.parameters.push({ name, in: "header", schema: { type: "string" } }));
    expect((await diffJson(header("X-Trace-Id"), header("x-trace-id"))).changes).toEqual([]);
  });
});

describe("shared and recursive schemas", () => {
  test("a $ref'd schema shared by two models, changed once: reported for each model", async () => {
    const shared = (maxItems: number) =>
      variant((s) => {
        const schemas = s["models.yaml"].components.schemas;
        schemas.ImageList = { type: "array", maxItems, items: { type: "string" } };
        clip(s).properties.images = { $ref: "#/components/schemas/ImageList" };
        schemas.AcmeStillTextToImageInput.properties.images = { $ref: "#/components/schemas/ImageList" };
      });
    expect(rows(await diffJson(shared(3), shared(2)))).toEqual([`major request-limit-narrowed ${CLIP} images`, `major request-limit-narrowed ${STILL} images`]);
  });

  test("one edit of a shared API schema: every use in --json, one line in the report", async () => {
    const dir = tempDir("collapse");
    writeSpec(join(dir, "old"), baseSpec());
    writeSpec(join(dir, "new"), variant((s) => s["api/components/things.yaml"].Status.enum.push("paused")));
    const json = JSON.parse((await spec(["diff", "old", "new", "--json"], dir)).stdout);
    expect(json.changes).toHaveLength(3);
    expect(new Set(json.changes.map((c: any) => c.at))).toEqual(new Set([expect.stringMatching(/^new\/api\/components\/things\.yaml:\d+:\d+$/)]));
    const text = (await spec(["diff", "old", "new"], dir)).stdout;
    expect(text).toMatch(/^minor {2}GET \/v1\/things\/\{thingId\} {2}response 200\.status: enum value "paused" added {2}\[response-enum-value-added\] {2}\(\+2 more places with this edit of new\/api\/components\/things\.yaml:\d+:\d+: --json lists each\)$/m);
    expect(text).toContain("3 changes: 0 major, 3 minor, 0 patch.");
  });

  test("a recursive schema is walked once per path, and a change inside it is found", async () => {
    const tree = (leafMax: number) =>
      variant((s) => {
        s["api/components/things.yaml"].Node = { type: "object", properties: { name: { type: "string", maxLength: leafMax }, children: { type: "array", items: { $ref: "#/Node" } } } };
        s["api/components/things.yaml"].Thing.properties.tree = { $ref: "#/Node" };
      });
    const json = await diffJson(tree(10), tree(20));
    expect(rows(json)).toEqual([`major response-limit-widened ${GET_THING} response 200.tree.name`, `major response-limit-widened ${HOOK} request body.tree.name`]);
  });

  test("a $ref loop is bad input, named where it starts", async () => {
    const dir = tempDir("loop");
    writeSpec(join(dir, "good"), baseSpec());
    writeSpec(join(dir, "loop"), variant((s) => {
      s["api/components/things.yaml"].A = { $ref: "#/B" };
      s["api/components/things.yaml"].B = { $ref: "#/A" };
      s["api/components/things.yaml"].Thing.properties.loop = { $ref: "#/A" };
    }));
    const run = await spec(["diff", "good", "loop"], dir);
    expect(run.code).toBe(2);
    expect(oneLine(run.stderr)).toMatch(/^pixelbyte spec diff: loop\/api\/components\/things\.yaml:\d+:\d+: \$ref "#\/[AB]" loops back to itself$/);
  });
});

describe("field names that are Object.prototype members are plain names", () => {
  test("__proto__, constructor and toString added, changed and removed", async () => {
    const names = (props: Record<string, Json>) =>
      variant((s) => {
        clip(s).properties = { prompt: { type: "string" }, ...props };
      });
    // JSON text so that "__proto__" is a real key of the written YAML, not a prototype.
    const before = JSON.parse('{"__proto__": {"type": "string"}, "constructor": {"type": "string", "maxLength": 5}}');
    const after = JSON.parse('{"constructor": {"type": "string", "maxLength": 4}, "toString": {"type": "string"}}');
    const a = names(before);
    const b = names(after);
    expect(stringify(a["models.yaml"])).toContain("__proto__:");
    expect(rows(await diffJson(a, b))).toEqual(
      [`major request-field-removed ${CLIP} __proto__`, `major request-limit-narrowed ${CLIP} constructor`, `minor request-field-added-optional ${CLIP} toString`].sort(),
    );
  });
});
