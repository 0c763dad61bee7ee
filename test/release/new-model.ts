import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { modelsEntry, pricingEntry } from "../../codegen/src/scaffold/entries.js";

/** An invented model (no such page exists): what the upgrade adds to the copy of the repository. */
export const NEW_MODEL = {
  slug: "kling-plus/kling-o3-mini/text-to-video",
  /** 30,000 µ¢ per second × duration × has_sound: 10 s with sound is 30000 × 10 × 1.5. */
  input: { prompt: "a paper boat on a canal", duration: "10", has_sound: "true" },
  microCents: 450_000,
} as const;

const models = `    KlingPlusKlingO3MiniTextToVideoInput:
      x-slug: ${NEW_MODEL.slug}
      x-provider: Kling Plus
      title: Kling O3 Mini — Text to Video
      externalDocs:
        url: https://pixelbyte.mintlify.app/models/video/kling-plus/kling-o3-mini-text-to-video
      type: object
      additionalProperties: false
      required: [prompt]
      properties:
        prompt: {type: string, maxLength: 2500}
        duration: {type: string, description: Clip length in seconds., enum: ["5", "10"], default: "5"}
        has_sound: {type: string, enum: ["false", "true"], default: "false"}
`;

const pricing = `  ${NEW_MODEL.slug}:
    source: https://pixelbyte.mintlify.app/models/video/kling-plus/kling-o3-mini-text-to-video
    checked: 2026-11-20
    base: 30000
    unit: second
    factors:
      - field: duration
        table: {"5": "5", "10": "10"}
      - field: has_sound
        table: {"false": "1", "true": "1.5"}
    examples:
      - input: {duration: "5", has_sound: "false"}
        micro_cents: 150000
`;

/**
 * What a maintainer types over the entries `pnpm new-model` inserted: each scaffolded entry,
 * found by its exact text, replaced by the filled-in one.
 */
export async function fillScaffold(root: string): Promise<void> {
  for (const [file, scaffold, filled] of [
    ["spec/models.yaml", modelsEntry(NEW_MODEL.slug, "    "), models],
    ["spec/pricing.yaml", pricingEntry(NEW_MODEL.slug, "  "), pricing],
  ] as const) {
    const at = path.join(root, file);
    const text = await readFile(at, "utf8");
    if (!text.includes(scaffold)) throw new Error(`${file}: the scaffolded entry of ${NEW_MODEL.slug} is not there`);
    await writeFile(at, text.replace(scaffold, filled));
  }
}

/** The consumer's code for the new model: compiles only against a release that has it. */
export const newModelSource = `// Uses a model added after the consumer first installed the packages.
import { createClient } from "@pixelbyte/client";
import { estimate } from "@pixelbyte/pricing";
import { startServer } from "@pixelbyte/test-server";

const slug = ${JSON.stringify(NEW_MODEL.slug)};
const input = ${JSON.stringify(NEW_MODEL.input)} as const;
const quote = estimate(slug, input);
const server = await startServer({ port: 0, timing: { pendingMs: 0, processingMs: 20 } });
try {
  const client = createClient({ apiKey: server.apiKey, baseUrl: server.url });
  const job = await client.run(slug, input, { maxCostMicroCents: quote.microCents, pollIntervalMs: 10 });
  console.log(JSON.stringify({ quote: quote.microCents, status: job.status, charged: server.jobs.map((j) => j.costMicroCents) }));
} finally {
  await server.close();
}
`;
