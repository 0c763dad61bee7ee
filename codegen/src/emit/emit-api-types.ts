import { outputDirs } from "../config.js";
import type { SpecModel } from "../model/types.js";
import { printApiTypes } from "./api-printer.js";
import { header, type GeneratedFile } from "./render.js";

/** The HTTP API's paths, components and webhooks as types, printed by openapi-typescript. */
export async function emitApiTypes(
  model: Pick<SpecModel, "apiDocument"> & { sources: Pick<SpecModel["sources"], "openapi"> },
  print: (apiDocument: Record<string, unknown>) => Promise<string> = printApiTypes,
): Promise<GeneratedFile[]> {
  return [{ path: `${outputDirs.clientGen}/api.gen.ts`, content: `${header(model.sources.openapi)}\n\n${await print(model.apiDocument)}` }];
}
