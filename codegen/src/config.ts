import { existsSync } from "node:fs";
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

/** The checkout this generator belongs to: the nearest folder above it with pnpm-workspace.yaml (the same from codegen/src and from a build in codegen/dist/<hash>/). */
export const repoRoot = findUp(path.dirname(fileURLToPath(import.meta.url)), "pnpm-workspace.yaml");

function findUp(from: string, marker: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, marker))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`codegen: no ${marker} above ${from}`);
  }
}
