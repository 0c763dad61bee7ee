import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { closestMatch, describeValue } from "@pixelbyte/pricing/runtime";
import { ApiFailure } from "./http.js";
import type { InputSchema } from "./spec-data.js";

// Input validation is independent of the client's own validator on purpose: the server is what
// catches a client that lets a bad input through.

export interface InputProblem {
  /** Path inside `input`: "duration", "multishot[0].prompt". */
  field: string;
  message: string;
  allowed?: unknown[];
  suggestion?: unknown;
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false });
/** Problems described per request, at most: an input with 100,000 unknown fields gets 20 lines, not 100,000 suggestions. */
const MAX_PROBLEMS = 20;
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: InputSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema as object);
    compiled.set(schema, fn);
  }
  return fn;
}

/**
 * Every problem of `input` against the model's closed schema. `partial` (estimate) lets required
 * fields be missing: an estimate only needs the priced ones.
 */
export function inputProblems(schema: InputSchema, input: unknown, partial = false): InputProblem[] {
  const validate = validatorFor(schema);
  if (validate(input)) return [];
  const problems: InputProblem[] = [];
  for (const e of validate.errors ?? []) {
    if (partial && e.keyword === "required" && e.instancePath === "") continue;
    problems.push(describe(schema, e));
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

export function assertValidInput(slug: string, schema: InputSchema, input: unknown, partial = false): void {
  const problems = inputProblems(schema, input, partial);
  const first = problems[0];
  if (!first) return;
  throw new ApiFailure("INVALID_INPUT", `${slug}: ${first.message}`, {
    details: { field: first.field, ...(first.allowed ? { allowed: first.allowed } : {}), ...(first.suggestion !== undefined ? { suggestion: first.suggestion } : {}), errors: problems },
  });
}

function describe(schema: InputSchema, e: ErrorObject): InputProblem {
  const base = pathOf(e.instancePath);
  const at = (field: string) => (field ? `input.${field}` : "input");
  switch (e.keyword) {
    case "required": {
      const field = join(base, String(e.params.missingProperty));
      return { field, message: `${at(field)} is required` };
    }
    case "additionalProperties": {
      const name = String(e.params.additionalProperty);
      const field = join(base, name);
      const known = Object.keys(propertiesAt(schema, e.schemaPath) ?? {});
      const near = closestMatch(name, known);
      // The caller's field name is echoed cut short: a 300 KB name is not sent back whole.
      const shown = name.length > 100 ? join(base, `${name.slice(0, 100)}…`) : field;
      return { field, message: `${at(shown)} is not a field of this model${near ? `; did you mean "${near}"?` : ""}`, ...(near ? { suggestion: near } : {}) };
    }
    case "enum": {
      const allowed = [...(e.params.allowedValues as unknown[])];
      const near = typeof e.data === "string" ? closestMatch(e.data, allowed.map(String)) : undefined;
      return {
        field: base,
        message: `${at(base)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} (got ${describeValue(e.data)})${near !== undefined ? `; did you mean ${JSON.stringify(near)}?` : ""}`,
        allowed,
        ...(near !== undefined ? { suggestion: near } : {}),
      };
    }
    case "type":
      // describeValue, never JSON.stringify: a 100,000-deep array would overflow the stack.
      return { field: base, message: `${at(base)} must be ${article(String(e.params.type))} (got ${describeValue(e.data)})` };
    default:
      return { field: base, message: `${at(base)} ${e.message ?? "is invalid"}` };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** "/multishot/0/prompt" → "multishot[0].prompt". */
function pathOf(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), "");
}

function join(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

/** The `properties` of the (sub)schema an additionalProperties error points at. */
function propertiesAt(schema: InputSchema, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\//, "").split("/").slice(0, -1)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return (node as { properties?: Record<string, unknown> } | undefined)?.properties;
}
