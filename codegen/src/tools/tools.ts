import type { Problem } from "../validate/problem.js";

/**
 * The generator's heavy lifting done by other libraries: the OpenAPI linter and bundler (Redocly), the
 * API document's type printer (openapi-typescript), each half a second or more to import, and ajv for
 * the pricing JSON Schema (a fifth of a second to load and compile). In process by default; the CLI runs them in worker threads started early (worker-tools.ts), so that
 * they load and run while the main thread reads, checks and renders.
 */
export interface Tools {
  lintFile(root: string, absolutePath: string): Promise<Problem[]>;
  lintTextHasErrors(text: string, absolutePath: string): Promise<boolean>;
  bundleFile(absolutePath: string): Promise<Record<string, unknown>>;
  printApiTypes(apiDocument: Record<string, unknown>): Promise<string>;
  /** Whether the pricing passes its JSON Schema (ajv: a fifth of a second to load and compile), and the validator's standalone code. */
  pricingSchemaPasses(schema: Record<string, unknown>, data: unknown): Promise<{ passes: boolean; code?: string }>;
  /** A hint that a tool will be needed: a worker starts loading it. */
  prepare?(tool: "printApiTypes"): void;
}

export const inProcessTools: Tools = {
  lintFile: async (root, file) => (await import("../validate/redocly.js")).lintFile(root, file),
  lintTextHasErrors: async (text, file) => (await import("../validate/redocly.js")).lintTextHasErrors(text, file),
  bundleFile: async (file) => (await import("../validate/redocly.js")).bundleFile(file),
  printApiTypes: async (doc) => (await import("../emit/api-printer.js")).printApiTypes(doc),
  pricingSchemaPasses: async (schema, data) => (await import("../validate/pricing-schema.js")).pricingSchemaPasses(schema, data),
};
