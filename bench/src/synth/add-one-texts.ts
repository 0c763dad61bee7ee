// Investigation helper: writes <root>/spec-base/{models,pricing}.yaml and <root>/spec-more/... (one more model).
//   tsx --conditions=source bench/src/synth/add-one-texts.ts <count>
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { synthSpec } from "./spec.js";
import { specTexts } from "./workspace.js";
const count = Number(process.argv[2]);
const root = process.argv[3]!;
const more = specTexts(synthSpec(count + 1), count);
for (const [dir, texts] of [["spec-base", { models: readFileSync(path.join(root, "spec/models.yaml"), "utf8"), pricing: readFileSync(path.join(root, "spec/pricing.yaml"), "utf8") }], ["spec-more", more]] as const) {
  mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, dir, "models.yaml"), texts.models);
  writeFileSync(path.join(root, dir, "pricing.yaml"), texts.pricing);
}
