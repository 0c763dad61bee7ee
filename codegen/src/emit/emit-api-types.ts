import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { outputDirs } from "../config.js";
import type { SpecModel } from "../model/types.js";
import { header, type GeneratedFile } from "./render.js";

/** The HTTP API's paths, components and webhooks as types, printed by openapi-typescript. */
export async function emitApiTypes(model: SpecModel): Promise<GeneratedFile[]> {
  const nodes = await openapiTS(structuredClone(model.apiDocument) as unknown as OpenAPI3, { silent: true });
  return [{ path: `${outputDirs.clientGen}/api.gen.ts`, content: `${header(model.sources.openapi)}\n\n${astToString(nodes)}` }];
}
