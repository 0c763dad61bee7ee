import type { LoadedSpec } from "../load/load-spec.js";
import type { PathSegment, YamlSource } from "../load/yaml-source.js";
import type { Problem } from "./problem.js";

/** JSON Schema keywords whose list must not repeat an item (a repeated enum value becomes a repeated union member, table row and docs line). */
const UNIQUE_LISTS = ["enum", "required"] as const;

/**
 * A value listed twice in an `enum` or `required` of any OpenAPI file (the API document, the files
 * it $refs, the model inputs), located at the second occurrence. The linter does not check this.
 */
export function checkUniqueValues(spec: LoadedSpec): Problem[] {
  return [spec.openapi, ...spec.referenced, spec.models].flatMap(duplicatesIn);
}

function duplicatesIn(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, at: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...at, i]));
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      // A list here is the keyword; under `properties`, a field that happens to be named "enum" is a mapping and is visited as one.
      if ((UNIQUE_LISTS as readonly string[]).includes(key) && Array.isArray(item)) {
        const seen = new Map<string, number>();
        item.forEach((entry, i) => {
          const id = JSON.stringify(entry);
          const first = seen.get(id);
          if (first === undefined) seen.set(id, i);
          else problems.push(source.problem([...at, key, i], "unique-values", `${JSON.stringify(entry)} is listed twice in this ${key === "enum" ? "enum" : "required list"} (also at [${first}])`, `delete one of the two${key === "enum" ? "; each value is listed once (a priced value gets one multiplier)" : ""}`));
        });
      }
      visit(item, [...at, key]);
    }
  };
  visit(source.data, []);
  return problems;
}
