import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { specCommand } from "@pixelbyte/pricing-audit";
import { afterAll } from "vitest";
import { stringify } from "yaml";
import { runInProcess, type CliResult } from "../helpers/cli.js";

/** git with a fixed identity and no user or system config (one runner for every test that commits). */
export { git } from "../pricing-audit/helpers.js";

// A small invented spec with the same layout as spec/: two models (models.yaml), their prices
// (pricing.yaml), and an HTTP API (openapi.yaml) whose schemas live in api/components/things.yaml and
// are reached by $ref, one of them (Thing) from two places: an operation's response and a webhook.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Spec = Record<string, Json>;

export const CLIP = "acme/clip/text-to-video";
export const STILL = "acme/still/text-to-image";
export const GET_THING = "GET /v1/things/{thingId}";
export const SUBMIT = "POST /v1/things/submit";
export const HOOK = "webhook thingDone";

export function baseSpec(): Spec {
  return {
    "models.yaml": {
      openapi: "3.1.0",
      info: { title: "Invented model inputs", version: "1.0.0" },
      components: {
        schemas: {
          AcmeClipTextToVideoInput: {
            "x-slug": CLIP,
            "x-provider": "Acme",
            title: "Acme Clip — Text to Video",
            type: "object",
            additionalProperties: false,
            required: ["prompt"],
            properties: {
              prompt: { type: "string", maxLength: 1000 },
              duration: { type: "string", enum: ["5", "10"], default: "5", description: "Clip length in seconds." },
              seed: { type: "integer", minimum: 0, maximum: 1000 },
              strength: { type: "number", minimum: 0, maximum: 1 },
              images: { type: "array", maxItems: 3, items: { type: "string", format: "uri" } },
              style: { type: "string" },
              loop: { type: "boolean", default: false },
              subject: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] },
            },
          },
          AcmeStillTextToImageInput: {
            "x-slug": STILL,
            "x-provider": "Acme",
            title: "Acme Still — Text to Image",
            type: "object",
            additionalProperties: false,
            required: ["prompt"],
            properties: {
              prompt: { type: "string", maxLength: 500 },
              num_images: { type: "integer", minimum: 1, maximum: 4, default: 1 },
            },
          },
        },
      },
    },
    "pricing.yaml": {
      currency: "micro-cents",
      rounding: "half-up",
      models: {
        [CLIP]: {
          source: "https://docs.example.com/clip",
          checked: "2026-01-01",
          base: 1000,
          unit: "second",
          factors: [{ field: "duration", table: { "5": "5", "10": "10" } }],
          examples: [{ input: {}, micro_cents: 5000 }],
        },
        [STILL]: {
          source: "https://docs.example.com/still",
          checked: "2026-01-01",
          base: 5000,
          unit: "image",
          factors: [{ field: "num_images", range: { min: 1, max: 4 } }],
          examples: [{ input: {}, micro_cents: 5000 }],
        },
      },
    },
    "openapi.yaml": {
      openapi: "3.1.0",
      info: { title: "Invented things API", version: "1.0.0" },
      paths: {
        "/v1/things/submit": {
          post: {
            operationId: "submitThing",
            summary: "Submit a thing",
            requestBody: { required: true, content: { "application/json": { schema: { $ref: "./api/components/things.yaml#/SubmitRequest" } } } },
            responses: {
              "200": { description: "Accepted.", content: { "application/json": { schema: { $ref: "./api/components/things.yaml#/SubmitResponse" } } } },
              "400": { description: "Invalid.", content: { "application/json": { schema: { $ref: "./api/components/things.yaml#/ErrorResponse" } } } },
            },
          },
        },
        "/v1/things/{thingId}": {
          parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }],
          get: {
            operationId: "getThing",
            summary: "Get a thing",
            parameters: [{ name: "verbose", in: "query", required: false, schema: { type: "boolean" } }],
            responses: { "200": { description: "The thing.", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
          },
        },
      },
      webhooks: {
        thingDone: {
          post: {
            operationId: "thingDone",
            summary: "A thing finished",
            requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
            responses: { "200": { description: "Received." } },
          },
        },
      },
      components: {
        schemas: {
          SubmitRequest: { $ref: "./api/components/things.yaml#/SubmitRequest" },
          SubmitResponse: { $ref: "./api/components/things.yaml#/SubmitResponse" },
          Thing: { $ref: "./api/components/things.yaml#/Thing" },
          Status: { $ref: "./api/components/things.yaml#/Status" },
          ErrorResponse: { $ref: "./api/components/things.yaml#/ErrorResponse" },
        },
      },
    },
    "api/components/things.yaml": {
      SubmitRequest: {
        type: "object",
        required: ["model", "input"],
        properties: {
          model: { type: "string" },
          input: { type: "object", additionalProperties: true },
          note: { type: "string" },
        },
      },
      SubmitResponse: {
        type: "object",
        required: ["id", "status"],
        properties: { id: { type: "string" }, status: { $ref: "#/Status" } },
      },
      Thing: {
        type: "object",
        required: ["id", "status"],
        properties: {
          id: { type: "string", pattern: "^thing_" },
          status: { $ref: "#/Status" },
          progress: { type: "integer", minimum: 0, maximum: 100, default: 0 },
          note: { type: ["string", "null"] },
        },
      },
      Status: { type: "string", enum: ["pending", "done", "cancelled"] },
      ErrorResponse: { type: "object", additionalProperties: false, required: ["error"], properties: { error: { type: "string" } } },
    },
  };
}

/** A deep copy of the base spec changed by `edit` (which may mutate it). */
export function variant(edit: (spec: Spec & Record<string, any>) => void): Spec {
  const spec = structuredClone(baseSpec());
  edit(spec as Spec & Record<string, any>);
  return spec;
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `spec-diff-${prefix}-`));
  temps.push(dir);
  return dir;
}

/** Writes a spec's documents under `dir` (as YAML, or as given when a document is already text). */
export function writeSpec(dir: string, spec: Record<string, Json | string>): void {
  for (const [file, doc] of Object.entries(spec)) writeText(join(dir, file), typeof doc === "string" ? doc : stringify(doc));
}

export function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `pixelbyte spec <args>` in this process, in `cwd`. */
export async function spec(args: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await specCommand(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd });
  return { code, stdout, stderr };
}

/** The whole `pixelbyte` CLI (its main) in this process, in `cwd`. */
export const cli = (args: string[], cwd: string): Promise<CliResult> => runInProcess(args, { cwd });

/** The JSON report of `spec diff old new --json` for two specs written side by side. */
export async function diffJson(before: Record<string, Json | string>, after: Record<string, Json | string>, extra: string[] = []): Promise<any> {
  const dir = tempDir("pair");
  writeSpec(join(dir, "old"), before);
  writeSpec(join(dir, "new"), after);
  const run = await spec(["diff", "old", "new", "--json", ...extra], dir);
  if (run.code !== 0) throw new Error(`spec diff exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** A stderr that is one clear line, with no stack trace. */
export function oneLine(stderr: string): string {
  const lines = stderr.split("\n").filter((l) => l !== "");
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  if (/^\s+at\s/m.test(stderr)) throw new Error(`stderr looks like a stack trace:\n${stderr}`);
  return lines[0]!;
}
