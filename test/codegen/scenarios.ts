import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, type GenerateResult } from "../../codegen/src/pipeline.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Golden scenarios: a fixture's models + prices with the real API document. */
export const scenarios = ["first-models", "hostile"] as const;
export type Scenario = (typeof scenarios)[number];

export function generateScenario(name: Scenario): Promise<GenerateResult> {
  return generate({
    root: repoRoot,
    files: {
      openapi: "spec/openapi.yaml",
      models: `test/fixtures/specs/${name}/models.yaml`,
      pricing: `test/fixtures/specs/${name}/pricing.yaml`,
      pricingSchema: "spec/pricing.schema.json",
    },
  });
}
