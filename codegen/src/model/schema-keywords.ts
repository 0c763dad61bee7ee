/**
 * The JSON Schema keywords a model input schema may use. The generated client checks every input
 * against its schema before sending, so a schema may state only rules that check can carry out;
 * annotations are documentation and are left out of the runtime schema below its top level (where
 * the model's title and x-provider ride along for the catalog).
 */

/** Carried into the runtime schema and checked by the client (packages/client/src/core/validate.ts). */
export const VALIDATION_KEYWORDS: ReadonlySet<string> = new Set([
  "type", "enum", "const", "required", "properties", "additionalProperties", "items",
  "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
]);

/** Documentation only (plus every `x-` extension): shown in the types and docs, never checked. */
export const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "externalDocs", "$comment",
]);
