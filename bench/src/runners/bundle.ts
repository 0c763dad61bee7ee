// 3. Bundle: esbuild (bundle, minify, ESM, browser) then gzip -9 and brotli -11 of small consumers:
// our client + one model call (the core entry's modular form, createBaseClient + submit, and one model
// descriptor; for reference the same call as a method of createClient's client), the pricing of one model
// (and, for reference, the root client by slug and `estimate`, which hold every model by design),
// at several model counts; against raw fetch, openapi-fetch, replicate and @fal-ai/client.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { KLING_O3 } from "../synth/spec.js";
import { prepare } from "../synth/prepare.js";

export interface BundleRow {
  id: string;
  label: string;
  /** Model count of the spec it was built from; undefined for the peers. */
  models?: number;
  min: number;
  gzip: number;
  brotli: number;
  /** Minified bytes by where they come from (esbuild's metafile), largest first. */
  parts: Record<string, number>;
}

const input = `{ prompt: "a neon city at night", duration: "10", has_sound: "true" }`;

const OURS = {
  // The form the README gives for the smallest bundle: the operations called are the operations kept.
  client: `import { createBaseClient, submit } from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/${KLING_O3}";
const client = createBaseClient({ apiKey: "pb_test" });
export const run = () => submit(client, kling, ${input});
`,
  clientMethods: `import { createClient } from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/${KLING_O3}";
const client = createClient({ apiKey: "pb_test" });
export const run = () => client.submit(kling, ${input});
`,
  clientBySlug: `import { createClient } from "@pixelbyte/client";
const client = createClient({ apiKey: "pb_test" });
export const run = () => client.submit(${JSON.stringify(KLING_O3)}, ${input});
`,
  pricingModel: `import { price } from "@pixelbyte/pricing/models/${KLING_O3}";
export const run = () => price(${input}).microCents;
`,
  estimate: `import { estimate } from "@pixelbyte/pricing";
export const run = () => estimate(${JSON.stringify(KLING_O3)}, ${input}).microCents;
`,
};

const PEERS: Record<string, [string, string]> = {
  rawFetch: ["raw fetch", `export const run = () =>
  fetch("https://api.muvi.video/v1/jobs/submit", {
    method: "POST",
    headers: { Authorization: "Bearer pb_test", "Content-Type": "application/json" },
    body: JSON.stringify({ model: ${JSON.stringify(KLING_O3)}, input: ${input} }),
  }).then((r) => r.json());
`],
  openapiFetch: ["openapi-fetch", `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.muvi.video", headers: { Authorization: "Bearer pb_test" } });
export const run = () => client.POST("/v1/jobs/submit", { body: { model: ${JSON.stringify(KLING_O3)}, input: ${input} } });
`],
  replicate: ["replicate", `import Replicate from "replicate";
const replicate = new Replicate({ auth: "r8_test" });
export const run = () => replicate.run("owner/model:version", { input: ${input} });
`],
  fal: ["@fal-ai/client", `import { fal } from "@fal-ai/client";
fal.config({ credentials: "fal_test" });
export const run = () => fal.subscribe("fal-ai/kling-video", { input: ${input} });
`],
};

/** A bundle input path as a short group: "client core/jobs.ts", "client gen (schemas)", "openapi-fetch". */
function groupOf(file: string): string {
  const ours = /packages\/(client|pricing)\/src\/(.*)$/.exec(file);
  if (ours) {
    const [, pkg, rest] = ours;
    if (rest!.startsWith("gen/models/")) return `${pkg} gen/models/* (per-model files)`;
    if (rest!.startsWith("gen/")) return `${pkg} ${rest}`;
    return `${pkg} ${rest!.replace(/\/[^/]+$/, "/*").replace(/^[^/]+\.ts$/, (m) => m)}`;
  }
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file.replace(/.*node_modules\/\.pnpm\/[^/]+\//, ""));
  if (dep) return dep[1]!;
  return "consumer";
}

async function measure(dir: string, id: string, source: string): Promise<Omit<BundleRow, "id" | "label" | "models">> {
  const entry = path.join(dir, `${id}.ts`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    // Our packages point "source" at their TypeScript; what a bundler sees in dist is the same code.
    conditions: ["source"],
    metafile: true,
  });
  const parts: Record<string, number> = {};
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) parts[groupOf(file)] = (parts[groupOf(file)] ?? 0) + info.bytesInOutput;
  const code = result.outputFiles[0]!.contents;
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    parts: Object.fromEntries(Object.entries(parts).filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1])),
  };
}

/** Row ids end in the spec's model count ("client-101" for the real spec). */
export async function bundleBench(sizes: (number | "real")[], options: { references?: boolean } = {}): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const size of sizes) {
    const p = await prepare(size);
    const n = p.count;
    const dir = path.join(p.root, "consumers/bundle");
    await mkdir(dir, { recursive: true });
    rows.push({ id: `client-${n}`, label: "@pixelbyte/client/core modular (createBaseClient + submit) + one model descriptor", models: n, ...(await measure(dir, "client", OURS.client)) });
    rows.push({ id: `pricing-${n}`, label: "@pixelbyte/pricing, one model", models: n, ...(await measure(dir, "pricingModel", OURS.pricingModel)) });
    // A reference, not a target: measured by the full run only, so that the smoke run does not grow.
    if (options.references !== false) {
      rows.push({ id: `clientMethods-${n}`, label: "@pixelbyte/client/core createClient().submit (the job lifecycle as methods) + one model descriptor", models: n, ...(await measure(dir, "clientMethods", OURS.clientMethods)) });
    }
    if (options.references !== false) rows.push({ id: `clientBySlug-${n}`, label: "@pixelbyte/client by slug (every model, by design)", models: n, ...(await measure(dir, "clientBySlug", OURS.clientBySlug)) });
    rows.push({ id: `estimate-${n}`, label: "@pixelbyte/pricing estimate() (every model, by design)", models: n, ...(await measure(dir, "estimate", OURS.estimate)) });
  }
  const peers = await prepare(sizes[0]!);
  const dir = path.join(peers.root, "consumers/bundle");
  for (const [id, [label, source]] of Object.entries(PEERS)) rows.push({ id, label, ...(await measure(dir, id, source)) });
  return rows;
}
