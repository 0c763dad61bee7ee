import { fileURLToPath } from "node:url";
import path from "node:path";

/** Where the authored spec lives, relative to the repository root. Tests point these at fixtures. */
export interface SpecFiles {
  openapi: string;
  models: string;
  pricing: string;
  pricingSchema: string;
}

export const defaultSpecFiles: SpecFiles = {
  openapi: "spec/openapi.yaml",
  models: "spec/models.yaml",
  pricing: "spec/pricing.yaml",
  pricingSchema: "spec/pricing.schema.json",
};

/** Where each generated artefact goes, relative to the repository root. */
export const outputDirs = {
  clientGen: "packages/client/src/gen",
  pricingGen: "packages/pricing/src/gen",
  docs: "docs",
} as const;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
