// Lays a synthetic spec out as a repository root that codegen can generate into (spec/ + the
// hand-written halves of packages/client and packages/pricing), and writes the equivalent
// OpenAPI documents for openapi-typescript.
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";
import { Document, isMap, isScalar, visit } from "yaml";
import { repoRoot, type SynthSpec } from "./spec.js";

type Obj = Record<string, unknown>;

/**
 * Where every synthetic root lives: outside the repository, so that nothing that tidies the work tree
 * (or watches it) touches them; one folder per checkout, so two clones can bench at once. Each root
 * links the few packages it resolves (see writeWorkspace).
 */
export const workDir = path.join(os.tmpdir(), `pixelbyte-bench-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 8)}`);

/** Packages a root's consumers import, linked from bench/node_modules (the bench's own dependencies). */
const LINKED = ["openapi-fetch", "replicate", "@fal-ai/client"];

/** YAML as people write the spec: enum lists, price tables and example inputs on one line. */
function yaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && ["table", "input", "range"].includes(String(pair.key.value)) && isMap(pair.value)) pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** The hand-written sources a generated package needs to typecheck and bundle. */
const HAND_WRITTEN = [
  "packages/client/package.json",
  "packages/client/tsconfig.build.json",
  "packages/client/src/index.ts",
  "packages/client/src/all-models.ts",
  "packages/client/src/core",
  "packages/pricing/package.json",
  "packages/pricing/tsconfig.build.json",
  "packages/pricing/src/index.ts",
  "packages/pricing/src/estimate.ts",
  "packages/pricing/src/runtime",
];

/** A fresh root at $TMPDIR/pixelbyte-bench-<checkout>/<name>: spec/ (our format) and the packages' hand-written sources. */
export async function writeWorkspace(name: string, spec: SynthSpec): Promise<string> {
  const root = path.join(workDir, name);
  await rm(root, { recursive: true, force: true });
  await mkdir(path.join(root, "spec"), { recursive: true });
  // The HTTP API does not grow with the model count: the real one, as is.
  await cp(path.join(repoRoot, "spec/openapi.yaml"), path.join(root, "spec/openapi.yaml"));
  await cp(path.join(repoRoot, "spec/api"), path.join(root, "spec/api"), { recursive: true });
  await cp(path.join(repoRoot, "spec/pricing.schema.json"), path.join(root, "spec/pricing.schema.json"));
  for (const entry of HAND_WRITTEN) await cp(path.join(repoRoot, entry), path.join(root, entry), { recursive: true });
  await cp(path.join(repoRoot, "tsconfig.base.json"), path.join(root, "tsconfig.base.json"));
  // Each package resolves its sibling (and no other copy) the way a pnpm workspace would.
  for (const pkg of ["client", "pricing"]) {
    await mkdir(path.join(root, "node_modules/@pixelbyte"), { recursive: true });
    await symlink(path.join(root, "packages", pkg), path.join(root, "node_modules/@pixelbyte", pkg), "dir");
  }
  for (const name of LINKED) {
    await mkdir(path.dirname(path.join(root, "node_modules", name)), { recursive: true });
    await symlink(await realpath(path.join(repoRoot, "bench/node_modules", name)), path.join(root, "node_modules", name), "dir");
  }
  if (spec.seed === "real") {
    await cp(path.join(repoRoot, "spec/models.yaml"), path.join(root, "spec/models.yaml"));
    await cp(path.join(repoRoot, "spec/pricing.yaml"), path.join(root, "spec/pricing.yaml"));
    return root;
  }
  const texts = specTexts(spec);
  await writeFile(path.join(root, "spec/models.yaml"), texts.models);
  await writeFile(path.join(root, "spec/pricing.yaml"), texts.pricing);
  return root;
}

/** models.yaml and pricing.yaml of a synthetic spec, models in slug order; the first line counts `described` models (default: all). */
export function specTexts(spec: SynthSpec, described = spec.models.length): { models: string; pricing: string } {
  const sorted = [...spec.models].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const head = `# Synthetic: ${described} models, seed ${spec.seed}.\n`;
  return { models: `${head}${yaml(modelsDocument(sorted))}`, pricing: `${head}${yaml(pricingDocument(sorted))}` };
}

function modelsDocument(models: SynthSpec["models"]): Obj {
  return {
    openapi: "3.1.0",
    info: {
      title: "PixelByte model inputs (synthetic)",
      version: "1.0.0",
      description: "Per-model input schemas for POST /v1/jobs/submit, keyed by model slug (x-slug).",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "https://api.muvi.video" }],
    components: { schemas: Object.fromEntries(models.map((m) => [m.typeName, m.schema])) },
  };
}

function pricingDocument(models: SynthSpec["models"]): Obj {
  return { currency: "micro-cents", rounding: "half-up", models: Object.fromEntries(models.map((m) => [m.slug, m.pricing])) };
}

let apiPromise: Promise<Obj> | undefined;

/** The real HTTP API with every external $ref inlined (once per run). */
function bundledApi(): Promise<Obj> {
  apiPromise ??= (async () => {
    const config = await createConfig({});
    const result = await bundle({ ref: path.join(repoRoot, "spec/openapi.yaml"), config, dereference: false });
    return result.bundle.parsed as Obj;
  })();
  return apiPromise;
}

/**
 * The same API and models as one OpenAPI document, two ways:
 *  - "per-model": the request body stays generic and every model's input schema sits in components
 *    (exactly what our spec says, in one file);
 *  - "oneOf": the request body is a oneOf over one Submit_<model> per model, discriminated by `model`,
 *    which is what openapi-fetch needs to check a model's input.
 * Returns the two file paths.
 */
export async function writeOpenApiDocuments(root: string, spec: SynthSpec): Promise<{ perModel: string; oneOf: string }> {
  const api = structuredClone(await bundledApi());
  const components = api.components as { schemas: Record<string, Obj> };
  const schemas = components.schemas;
  for (const m of spec.models) schemas[m.typeName] = m.schema; // as authored: openapi-typescript ignores x-*
  const perModel = path.join(root, "openapi-per-model.yaml");
  await writeFile(perModel, yaml(api));

  const submitName = (typeName: string) => `Submit${typeName.replace(/Input$/, "")}`;
  const generic = schemas.SubmitJobRequest as { properties: Record<string, Obj>; description?: string };
  for (const m of spec.models) {
    schemas[submitName(m.typeName)] = {
      type: "object",
      required: ["model", "input"],
      additionalProperties: false,
      properties: {
        model: { type: "string", const: m.slug },
        version: generic.properties.version,
        input: { $ref: `#/components/schemas/${m.typeName}` },
        webhookUrl: generic.properties.webhookUrl,
      },
    };
  }
  schemas.SubmitJobRequest = {
    description: generic.description,
    oneOf: spec.models.map((m) => ({ $ref: `#/components/schemas/${submitName(m.typeName)}` })),
    discriminator: {
      propertyName: "model",
      mapping: Object.fromEntries(spec.models.map((m) => [m.slug, `#/components/schemas/${submitName(m.typeName)}`])),
    },
  };
  const oneOf = path.join(root, "openapi-oneof.yaml");
  await writeFile(oneOf, yaml(api));
  return { perModel, oneOf };
}

export async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, "utf8")) as T;
}
