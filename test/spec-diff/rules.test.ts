import { specDiff } from "@pixelbyte/pricing-audit";
import { describe, expect, test } from "vitest";
import { baseSpec, CLIP, diffJson, GET_THING, HOOK, STILL, SUBMIT, variant, type Spec } from "./fixture.js";

// One fixture pair per rule: the invented base spec and a variant with one edit, and exactly the
// change lines (level, rule, subject, field path) the diff must report, no more.

type Row = `${"major" | "minor" | "patch"} ${specDiff.RuleId} ${string}`;
interface Case {
  readonly name: string;
  readonly edit: (s: Spec & Record<string, any>) => void;
  readonly expected: readonly Row[];
}

const clip = (s: any) => s["models.yaml"].components.schemas.AcmeClipTextToVideoInput;
const still = (s: any) => s["models.yaml"].components.schemas.AcmeStillTextToImageInput;
const things = (s: any) => s["api/components/things.yaml"];
const api = (s: any) => s["openapi.yaml"];
// Thing is the body of GET /v1/things/{thingId} (received: response) and of the thingDone webhook (received too).
const thing = (level: string, rule: string, field: string): Row[] => [`${level} ${rule} ${GET_THING} response 200.${field}`, `${level} ${rule} ${HOOK} request body.${field}`] as Row[];

const cases: Case[] = [
  // --- models (model inputs: what a consumer sends) -------------------------------------------
  { name: "a model removed", edit: (s) => delete s["models.yaml"].components.schemas.AcmeStillTextToImageInput, expected: [`major model-removed ${STILL} `] },
  {
    name: "a model added",
    edit: (s) => (s["models.yaml"].components.schemas.AcmeClipImageToVideoInput = { ...structuredClone(clip(s)), "x-slug": "acme/clip/image-to-video" }),
    expected: ["minor model-added acme/clip/image-to-video "],
  },
  { name: "an input field removed", edit: (s) => delete clip(s).properties.style, expected: [`major request-field-removed ${CLIP} style`] },
  {
    name: "an input field renamed: a removal and an addition, both said",
    edit: (s) => {
      clip(s).properties.look = clip(s).properties.style;
      delete clip(s).properties.style;
    },
    expected: [`major request-field-removed ${CLIP} style`, `minor request-field-added-optional ${CLIP} look`],
  },
  {
    name: "a new required field",
    edit: (s) => {
      clip(s).properties.aspect_ratio = { type: "string", enum: ["16:9", "9:16"] };
      clip(s).required.push("aspect_ratio");
    },
    expected: [`major request-field-added-required ${CLIP} aspect_ratio`],
  },
  { name: "a new optional field", edit: (s) => (clip(s).properties.negative_prompt = { type: "string" }), expected: [`minor request-field-added-optional ${CLIP} negative_prompt`] },
  { name: "a field becoming required", edit: (s) => clip(s).required.push("seed"), expected: [`major request-field-became-required ${CLIP} seed`] },
  { name: "a field becoming optional", edit: (s) => (clip(s).required = []), expected: [`minor request-field-became-optional ${CLIP} prompt`] },
  { name: "an enum value removed", edit: (s) => (clip(s).properties.duration.enum = ["5"]), expected: [`major request-enum-value-removed ${CLIP} duration`] },
  { name: "an enum value added", edit: (s) => clip(s).properties.duration.enum.push("15"), expected: [`minor request-enum-value-added ${CLIP} duration`] },
  { name: "a type narrowed: string -> enum", edit: (s) => (clip(s).properties.style.enum = ["anime", "photo"]), expected: [`major request-type-narrowed ${CLIP} style`] },
  { name: "a type narrowed: number -> integer", edit: (s) => (clip(s).properties.strength.type = "integer"), expected: [`major request-type-narrowed ${CLIP} strength`] },
  { name: "a union narrowed: one member of anyOf removed", edit: (s) => clip(s).properties.subject.anyOf.pop(), expected: [`major request-type-narrowed ${CLIP} subject`] },
  { name: "a type widened: integer -> number", edit: (s) => (clip(s).properties.seed.type = "number"), expected: [`minor request-type-widened ${CLIP} seed`] },
  { name: "a type changed: boolean -> string", edit: (s) => (clip(s).properties.loop = { type: "string", default: "false" }), expected: [`major request-type-changed ${CLIP} loop`, `major request-default-changed ${CLIP} loop`] },
  { name: "a limit narrowed: maxLength down", edit: (s) => (clip(s).properties.prompt.maxLength = 500), expected: [`major request-limit-narrowed ${CLIP} prompt`] },
  { name: "a limit narrowed: minimum up", edit: (s) => (clip(s).properties.seed.minimum = 1), expected: [`major request-limit-narrowed ${CLIP} seed`] },
  { name: "a limit narrowed: maxItems down, inside an array", edit: (s) => (clip(s).properties.images.maxItems = 2), expected: [`major request-limit-narrowed ${CLIP} images`] },
  { name: "a limit widened: maximum up", edit: (s) => (clip(s).properties.seed.maximum = 9999), expected: [`minor request-limit-widened ${CLIP} seed`] },
  // maximum/exclusiveMaximum bound one value together; multipleOf is compared as exact decimals.
  { name: "maximum -> exclusiveMaximum at the same value: narrowed", edit: (s) => { delete clip(s).properties.strength.maximum; clip(s).properties.strength.exclusiveMaximum = 1; }, expected: [`major request-limit-narrowed ${CLIP} strength`] },
  { name: "maximum -> a larger exclusiveMaximum: widened only", edit: (s) => { delete clip(s).properties.seed.maximum; clip(s).properties.seed.exclusiveMaximum = 2000; }, expected: [`minor request-limit-widened ${CLIP} seed`] },
  { name: "integer maximum 1000 written as exclusiveMaximum 1001: no change", edit: (s) => { delete clip(s).properties.seed.maximum; clip(s).properties.seed.exclusiveMaximum = 1001; }, expected: [] },
  { name: "exclusiveMinimum beside an equal minimum: narrowed", edit: (s) => (clip(s).properties.strength.exclusiveMinimum = 0), expected: [`major request-limit-narrowed ${CLIP} strength`] },
  { name: "multipleOf added", edit: (s) => (clip(s).properties.strength.multipleOf = 0.1), expected: [`major request-limit-narrowed ${CLIP} strength`] },
  { name: "a pattern added", edit: (s) => (clip(s).properties.style.pattern = "^[a-z]+$"), expected: [`major request-pattern-narrowed ${CLIP} style`] },
  { name: "a format removed from array items", edit: (s) => delete clip(s).properties.images.items.format, expected: [`minor request-pattern-widened ${CLIP} images[]`] },
  { name: "a default changed (the price of an omitted field changes too)", edit: (s) => (clip(s).properties.duration.default = "10"), expected: [`major request-default-changed ${CLIP} duration`] },
  { name: "a default removed", edit: (s) => delete clip(s).properties.loop.default, expected: [`major request-default-removed ${CLIP} loop`] },
  { name: "a default added", edit: (s) => (clip(s).properties.style.default = "photo"), expected: [`minor request-default-added ${CLIP} style`] },
  { name: "additionalProperties tightened (request body)", edit: (s) => (things(s).SubmitRequest.additionalProperties = false), expected: [`major request-closed ${SUBMIT} request body`] },
  { name: "additionalProperties loosened (model input)", edit: (s) => (clip(s).additionalProperties = true), expected: [`minor request-opened ${CLIP} `] },
  { name: "documentation only: title, description, x-decision", edit: (s) => {
      clip(s).title = "Acme Clip 2 — Text to Video";
      clip(s).properties.duration.description = "Seconds.";
      clip(s).properties.seed["x-decision"] = "The page says 0..1000.";
    }, expected: [`patch documentation ${CLIP} `, `patch documentation ${CLIP} duration`, `patch documentation ${CLIP} seed`] },
  { name: "a field deprecated", edit: (s) => (clip(s).properties.style.deprecated = true), expected: [`patch deprecated ${CLIP} style`] },
  { name: "a keyword the classifier does not know", edit: (s) => (clip(s).properties.style.not = { const: "" }), expected: [`major unclassified ${CLIP} style`] },

  // --- the HTTP API ------------------------------------------------------------------------------
  { name: "an operation removed", edit: (s) => delete api(s).paths["/v1/things/{thingId}"].get, expected: [`major operation-removed ${GET_THING} `] },
  {
    name: "an operation added",
    edit: (s) => (api(s).paths["/v1/things"] = { get: { operationId: "listThings", responses: { "200": { description: "Things." } } } }),
    expected: ["minor operation-added GET /v1/things "],
  },
  { name: "a webhook removed", edit: (s) => delete api(s).webhooks.thingDone, expected: [`major webhook-removed ${HOOK} `] },
  { name: "a webhook added", edit: (s) => (api(s).webhooks.thingFailed = structuredClone(api(s).webhooks.thingDone)), expected: ["minor webhook-added webhook thingFailed "] },
  { name: "a named schema removed", edit: (s) => delete api(s).components.schemas.Status, expected: ["major schema-removed components.schemas.Status "] },
  { name: "a named schema added", edit: (s) => (api(s).components.schemas.Other = { type: "string" }), expected: ["minor schema-added components.schemas.Other "] },
  { name: "a request body field removed", edit: (s) => delete things(s).SubmitRequest.properties.note, expected: [`major request-field-removed ${SUBMIT} request body.note`] },
  {
    name: "a new required query parameter",
    edit: (s) => api(s).paths["/v1/things/{thingId}"].get.parameters.push({ name: "fields", in: "query", required: true, schema: { type: "string" } }),
    expected: [`major request-field-added-required ${GET_THING} query fields`],
  },
  { name: "a query parameter removed", edit: (s) => (api(s).paths["/v1/things/{thingId}"].get.parameters = []), expected: [`major request-field-removed ${GET_THING} query verbose`] },
  { name: "a response field removed (a $ref'd schema, reported at each use)", edit: (s) => delete things(s).Thing.properties.progress, expected: thing("major", "response-field-removed", "progress") },
  { name: "a response field added", edit: (s) => (things(s).Thing.properties.eta = { type: "string" }), expected: thing("minor", "response-field-added", "eta") },
  { name: "a response field becoming optional", edit: (s) => (things(s).Thing.required = ["id"]), expected: thing("major", "response-field-became-optional", "status") },
  { name: "a response field becoming required", edit: (s) => things(s).Thing.required.push("progress"), expected: thing("minor", "response-field-became-required", "progress") },
  {
    name: "a response enum value added (Status is used by two responses and a webhook)",
    edit: (s) => things(s).Status.enum.push("paused"),
    expected: [...thing("minor", "response-enum-value-added", "status"), `minor response-enum-value-added ${SUBMIT} response 200.status`],
  },
  {
    name: "a response enum value removed",
    edit: (s) => things(s).Status.enum.pop(),
    expected: [...thing("minor", "response-enum-value-removed", "status"), `minor response-enum-value-removed ${SUBMIT} response 200.status`],
  },
  { name: "a response type widened: integer -> number", edit: (s) => (things(s).Thing.properties.progress.type = "number"), expected: thing("major", "response-type-widened", "progress") },
  { name: "a response type narrowed: string | null -> string", edit: (s) => (things(s).Thing.properties.note.type = "string"), expected: thing("minor", "response-type-narrowed", "note") },
  { name: "a response type changed: integer -> string", edit: (s) => (things(s).Thing.properties.progress = { type: "string", default: "0" }), expected: [...thing("major", "response-type-changed", "progress"), ...thing("patch", "default-documented", "progress"), ...thing("major", "response-limit-widened", "progress"), ...thing("major", "response-limit-widened", "progress")] },
  { name: "a response limit widened", edit: (s) => (things(s).Thing.properties.progress.maximum = 1000), expected: thing("major", "response-limit-widened", "progress") },
  { name: "a response limit narrowed", edit: (s) => (things(s).Thing.properties.progress.maximum = 50), expected: thing("minor", "response-limit-narrowed", "progress") },
  { name: "a response pattern changed", edit: (s) => (things(s).Thing.properties.id.pattern = "^th_"), expected: thing("minor", "response-pattern-changed", "id") },
  { name: "a response object closed", edit: (s) => (things(s).Thing.additionalProperties = false), expected: thing("minor", "response-closed", "").map((r) => r.replace(/\.$/, "")) as Row[] },
  { name: "a response object opened", edit: (s) => (things(s).ErrorResponse.additionalProperties = true), expected: [`minor response-opened ${SUBMIT} response 400`] },
  { name: "a success status removed", edit: (s) => delete api(s).paths["/v1/things/submit"].post.responses["200"], expected: [`major response-success-status-removed ${SUBMIT} response 200`] },
  { name: "an error status removed", edit: (s) => delete api(s).paths["/v1/things/submit"].post.responses["400"], expected: [`minor response-error-status-removed ${SUBMIT} response 400`] },
  { name: "a status added", edit: (s) => (api(s).paths["/v1/things/{thingId}"].get.responses["404"] = { description: "No such thing." }), expected: [`minor response-status-added ${GET_THING} response 404`] },
  { name: "a response default changed", edit: (s) => (things(s).Thing.properties.progress.default = 1), expected: thing("patch", "default-documented", "progress") },
  { name: "an operation's summary changed", edit: (s) => (api(s).paths["/v1/things/submit"].post.summary = "Submit one thing"), expected: [`patch documentation ${SUBMIT} `] },
];

const rowsOf = (json: any): string[] => json.changes.map((c: any) => `${c.level} ${c.rule} ${c.subject} ${c.path}`).sort();

describe("one fixture pair per rule: exactly the expected change lines", () => {
  for (const c of cases) {
    test(c.name, async () => {
      const json = await diffJson(baseSpec(), variant(c.edit));
      expect(rowsOf(json)).toEqual([...c.expected].sort());
      const levels = c.expected.map((r) => r.split(" ")[0] as specDiff.Level);
      expect(json.level).toBe(levels.reduce<specDiff.Level | "none">(specDiff.maxLevel, "none"));
    });
  }

  test("every rule has at least one fixture pair", () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((r) => r.split(" ")[1])));
    expect(Object.keys(specDiff.RULES).filter((r) => !covered.has(r))).toEqual([]);
  });
});

test("multipleOf 0.1 -> 0.01 is widened, 0.01 -> 0.1 narrowed (exact decimals, not 0.1 % 0.01 in floating point)", async () => {
  const step = (m: number) => variant((s) => (clip(s).properties.strength.multipleOf = m));
  expect(rowsOf(await diffJson(step(0.1), step(0.01)))).toEqual([`minor request-limit-widened ${CLIP} strength`]);
  expect(rowsOf(await diffJson(step(0.01), step(0.1)))).toEqual([`major request-limit-narrowed ${CLIP} strength`]);
  expect(rowsOf(await diffJson(step(0.3), step(0.1)))).toEqual([`minor request-limit-widened ${CLIP} strength`]);
  expect(rowsOf(await diffJson(step(1e-7), step(1e-8)))).toEqual([`minor request-limit-widened ${CLIP} strength`]);
});

describe("levels and packages", () => {
  test("the required release is the highest level, per package", async () => {
    const json = await diffJson(
      baseSpec(),
      variant((s) => {
        clip(s).properties.negative_prompt = { type: "string" }; // minor, client only (not priced)
        things(s).Thing.properties.eta = { type: "string" }; // minor, client
        clip(s).properties.style.description = "The look."; // patch
      }),
    );
    expect(json.level).toBe("minor");
    expect(json.required).toEqual({ "@pixelbyte/client": "minor", "@pixelbyte/pricing": "none" });
  });

  test("a change to a priced field reaches @pixelbyte/pricing too; an unpriced one does not", async () => {
    const priced = await diffJson(baseSpec(), variant((s) => (clip(s).properties.duration.enum = ["5"])));
    expect(priced.changes[0].packages).toEqual(["@pixelbyte/client", "@pixelbyte/pricing"]);
    expect(priced.required).toEqual({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "major" });
    const unpriced = await diffJson(baseSpec(), variant((s) => (clip(s).properties.style.enum = ["photo"])));
    expect(unpriced.required).toEqual({ "@pixelbyte/client": "major", "@pixelbyte/pricing": "none" });
  });

  test("a default change is major and its price change is listed apart, setting no level of its own", async () => {
    const json = await diffJson(baseSpec(), variant((s) => (clip(s).properties.duration.default = "10")));
    expect(json.prices).toEqual([{ model: CLIP, summary: expect.stringContaining("default call 5,000 µ¢ ($0.005) -> 10,000 µ¢ ($0.01)") }]);
    // A price change alone: listed, level none.
    const priceOnly = await diffJson(baseSpec(), variant((s) => (s["pricing.yaml"].models[CLIP].base = 1100)));
    expect(priceOnly.changes).toEqual([]);
    expect(priceOnly.level).toBe("none");
    expect(priceOnly.prices).toEqual([{ model: CLIP, summary: "2 of 2 combinations priced differently (2 up, 0 down); default call 5,000 µ¢ ($0.005) -> 5,500 µ¢ ($0.0055); changed: base" }]);
    expect(priceOnly.pricingDiff).toBe("pixelbyte pricing diff old/pricing.yaml new/pricing.yaml");
  });
});
