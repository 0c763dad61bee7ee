import type { LoadedSpec } from "../load/load-spec.js";
import type { PathSegment } from "../load/yaml-source.js";
import { ANNOTATION_KEYWORDS, VALIDATION_KEYWORDS } from "../model/schema-keywords.js";
import type { Problem } from "./problem.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const CHECKED = [...VALIDATION_KEYWORDS].join(", ");

/**
 * Every keyword of a model input schema (at any depth) that the generated code would not carry: a
 * `$ref` (the emitted type would name a schema that does not exist, and the runtime schema would
 * silently lose the rule), and any rule the client's check does not implement (oneOf, format,
 * uniqueItems, ...). Each is refused at its key, so nothing in the spec is quietly left unchecked.
 */
export function checkInputKeywords(spec: LoadedSpec): Problem[] {
  const schemas = ((spec.models.data as Obj)?.components as Obj | undefined)?.schemas;
  if (!isObj(schemas)) return [];
  const problems: Problem[] = [];
  const visit = (schema: unknown, at: PathSegment[]): void => {
    if (!isObj(schema)) return;
    for (const [key, value] of Object.entries(schema)) {
      const here = [...at, key];
      if (key === "$ref") {
        problems.push(spec.models.problem(here, "input-schema", `$ref ${JSON.stringify(value)} in a model input schema: input schemas are self-contained, so the reference would be lost`, "write the referenced schema here in place of the $ref (each model's generated type and runtime check stand alone)", { key: true }));
      } else if (key === "properties" && isObj(value)) {
        for (const [name, field] of Object.entries(value)) visit(field, [...here, name]);
      } else if ((key === "items" || key === "additionalProperties") && isObj(value)) {
        visit(value, here);
      } else if (!VALIDATION_KEYWORDS.has(key) && !ANNOTATION_KEYWORDS.has(key) && !key.startsWith("x-")) {
        problems.push(spec.models.problem(here, "input-schema", `"${key}" is not a keyword the generated client checks, so the rule would be silently ignored`, `state the rule with ${CHECKED}; or write it in description (an x-decision if it is a judgement)`, { key: true }));
      }
    }
  };
  for (const [key, schema] of Object.entries(schemas)) visit(schema, ["components", "schemas", key]);
  return problems;
}
