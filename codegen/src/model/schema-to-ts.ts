import { astToString, transformSchemaObject, type GlobalContext, type SchemaObject } from "openapi-typescript";
import ts from "typescript";

/**
 * openapi-typescript's own schema transform, applied to one self-contained model input schema.
 * Running it per schema (instead of over one document of every model) keeps one model per file
 * and avoids re-bundling the document for each model.
 */
const ctx: GlobalContext = {
  additionalProperties: false,
  alphabetize: false,
  arrayLength: false,
  // Inputs: a field with a documented default may be omitted, so it stays optional.
  defaultNonNullable: false,
  discriminators: { objects: {}, refsHandled: [] },
  emptyObjectsUnknown: false,
  enum: false,
  enumValues: false,
  conditionalEnums: false,
  dedupeEnums: false,
  excludeDeprecated: false,
  exportType: false,
  immutable: false,
  injectFooter: [],
  pathParamsAsTypes: false,
  postTransform: undefined,
  propertiesRequiredByDefault: false,
  rootTypes: false,
  rootTypesNoSchemaPrefix: false,
  rootTypesKeepCasing: false,
  redoc: undefined as unknown as GlobalContext["redoc"],
  silent: true,
  transform: undefined,
  transformProperty: undefined,
  makePathsEnum: false,
  generatePathParams: false,
  readWriteMarkers: false,
  resolve() {
    throw new Error("model input schemas are self-contained: $ref is not supported there");
  },
};

/** The `{ ... }` body of the TypeScript interface for one input schema, JSDoc included. */
export function interfaceBodyOf(schema: Record<string, unknown>, path: string): string {
  const node = transformSchemaObject(schema as SchemaObject, { path, ctx });
  if (!ts.isTypeLiteralNode(node)) throw new Error(`${path}: expected an object type, got ${ts.SyntaxKind[node.kind]}`);
  return astToString(node).trimEnd();
}
