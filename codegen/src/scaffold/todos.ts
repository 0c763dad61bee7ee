import type { LoadedSpec } from "../load/load-spec.js";
import { mayHold, type PathSegment, type YamlSource } from "../load/yaml-source.js";
import type { Problem } from "../validate/problem.js";
import { TODO_PREFIX } from "./entries.js";

/**
 * Every "TODO: ..." value left by `pnpm new-model`, located, with the instruction it carries as the
 * fix. Generate runs this before anything else, so an unfilled scaffold is reported as exactly that
 * and not as the type or pattern errors its placeholders would also cause.
 */
export function unfilledScaffold(spec: LoadedSpec): Problem[] {
  return [spec.models, spec.pricing].flatMap((source) => todosIn(source));
}

function todosIn(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  if (!mayHold(source, TODO_PREFIX.trim())) return problems;
  const visit = (value: unknown, at: PathSegment[]): void => {
    if (typeof value === "string" && value.startsWith(TODO_PREFIX)) {
      const what = value.slice(TODO_PREFIX.length);
      problems.push(source.problem(at, "scaffold", "not filled in yet: this is a placeholder from `pnpm new-model`", `replace the whole quoted value with ${what}`));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...at, i]));
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, [...at, key]);
    }
  };
  visit(source.data, []);
  return problems;
}
