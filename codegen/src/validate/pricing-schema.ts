import { createRequire } from "node:module";
import path from "node:path";
import { closestMatch } from "@pixelbyte/pricing/runtime";
import { _, Ajv2020, type Code, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import type { LoadedSpec } from "../load/load-spec.js";
import type { PathSegment } from "../load/yaml-source.js";
import { fileName, type Problem } from "./problem.js";

type Obj = Record<string, unknown>;

// ajv-formats and ajv's standalone module ship as CommonJS with a default export; under NodeNext their type is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020, formats: string[]) => Ajv2020;
const standaloneCode = standaloneModule as unknown as (ajv: Ajv2020, validate: ValidateFunction) => string;

/** Compiled validators by schema text: compiling costs more than validating, and the schema rarely changes. */
const compiled = new Map<string, { ajv: Ajv2020; validate: ValidateFunction }>();

const requireHere = createRequire(import.meta.url);

function compile(schema: Record<string, unknown>): { ajv: Ajv2020; validate: ValidateFunction } {
  const text = JSON.stringify(schema);
  let entry = compiled.get(text);
  if (!entry) {
    // verbose: each error carries the offending value and its schema, so a message can quote both.
    // code: the validator's source is kept (see standaloneValidator), its formats found where ajv-formats is installed.
    const formats: Code = _`require(${requireHere.resolve("ajv-formats/dist/formats")}).fullFormats`;
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, code: { source: true, formats } });
    // "date" is checked as a real calendar day (2026-02-30 fails), not only as digits.
    entry = { ajv, validate: addFormats(ajv, ["date"]).compile(schema) };
    compiled.clear();
    compiled.set(text, entry);
  }
  return entry;
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  return compile(schema).validate;
}

/**
 * The validator of this schema as a CommonJS module (ajv's standalone code), so that a later run can
 * tell whether the pricing passes without loading and compiling ajv. Every module it requires is named
 * by its path as installed here. Undefined when ajv cannot write one.
 */
export function standaloneValidator(schema: Record<string, unknown>): string | undefined {
  try {
    const { ajv, validate } = compile(schema);
    return standaloneCode(ajv, validate).replace(/require\("([^"]+)"\)/g, (_, specifier: string) => `require(${JSON.stringify(path.isAbsolute(specifier) ? specifier : requireHere.resolve(specifier))})`);
  } catch {
    return undefined;
  }
}

/**
 * Whether `data` passes `schema`, and then the validator's standalone code (see standaloneValidator).
 * Says nothing about what fails: on a fail (or a schema ajv refuses), checkPricingSchema says what is wrong.
 */
export function pricingSchemaPasses(schema: Record<string, unknown>, data: unknown): { passes: boolean; code?: string } {
  try {
    if (!validatorFor(schema)(data)) return { passes: false };
  } catch {
    return { passes: false };
  }
  const code = standaloneValidator(schema);
  return code === undefined ? { passes: true } : { passes: true, code };
}

/** Validates spec/pricing.yaml against spec/pricing.schema.json (the same schema editors use). */
export function checkPricingSchema(spec: LoadedSpec): Problem[] {
  const schemaFile = fileName(spec.root, path.resolve(spec.root, spec.files.pricingSchema));
  let validate: ValidateFunction;
  try {
    validate = validatorFor(spec.pricingSchema);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return [{ file: schemaFile, line: 1, column: 1, path: "(document)", message: `this is not a valid JSON Schema: ${message}`, fix: `restore ${schemaFile} from git, or correct the keyword the message names`, check: "json" }];
  }
  if (validate(spec.pricing.data)) return [];
  const errors = validate.errors ?? [];
  return errors
    .filter((e) => e.keyword !== "if")
    // "2026-2-3" fails the pattern and the date format: the pattern's message says more.
    .filter((e) => !(e.keyword === "format" && errors.some((o) => o.keyword === "pattern" && o.instancePath === e.instancePath)))
    // A propertyNames failure also reports its inner keyword, and a oneOf failure each branch's: keep the one clear error.
    .filter((e) => (e as { propertyName?: string }).propertyName === undefined && !e.schemaPath.includes("/oneOf/"))
    .map((e) => {
      const at = pathOf(e);
      const onKey = e.keyword === "additionalProperties" || e.keyword === "propertyNames" || e.keyword === "required";
      const target =
        e.keyword === "additionalProperties" ? [...at, String(e.params.additionalProperty)]
        : e.keyword === "propertyNames" ? [...at, String(e.params.propertyName)]
        : at;
      return spec.pricing.problem(target, "pricing-schema", messageOf(e, at), fixOf(e, at, schemaFile), { key: onKey });
    });
}

function pathOf(e: ErrorObject): PathSegment[] {
  if (e.instancePath === "") return [];
  return e.instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** JSON Schema's type names as a YAML author knows them. */
const YAML_TYPES: Record<string, string> = { object: "a mapping", array: "a list", string: "a string", integer: "an integer", number: "a number", boolean: "a boolean" };
const typeName = (type: unknown) => YAML_TYPES[String(type)] ?? article(String(type));

/** A schema description as a parenthesis: "Base cost in micro-cents." -> " (base cost in micro-cents)". */
const aside = (description: string | undefined) => (description ? ` (${description.charAt(0).toLowerCase()}${description.slice(1).replace(/\.$/, "")})` : "");

/** A value quoted in a message is cut to 100 characters: a pasted 100 KB value is not echoed whole. */
const cut = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);
const quote = (value: unknown) => cut(JSON.stringify(value) ?? String(value));

/** The value as the author wrote it, and what YAML made of it: `"84000"` is a string, 1.5 a number. */
function got(data: unknown): string {
  if (typeof data === "string") return `"${cut(data)}" (a string)`;
  if (data === null) return "nothing";
  if (Array.isArray(data)) return "a list";
  if (typeof data === "object") return "a mapping";
  if (data === undefined) return "nothing";
  return `${String(data)} (${article(Number.isInteger(data) ? "integer" : typeof data)})`;
}

function isMultiplier(at: PathSegment[]): boolean {
  return at[at.length - 2] === "table";
}

function messageOf(e: ErrorObject, at: PathSegment[]): string {
  const name = at.length > 0 ? `${at[at.length - 1]}` : "the document";
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown key "${e.params.additionalProperty}"`;
    case "required":
      return `missing required key "${e.params.missingProperty}"`;
    case "propertyNames":
      return `model slug ${JSON.stringify(e.params.propertyName)} is not provider/model[/capability] in lower case`;
    case "oneOf": {
      const keys = branchKeys(e);
      return e.params.passingSchemas
        ? `the factor has both ${keys.map((k) => `"${k}"`).join(" and ")}; it must have exactly one`
        : `the factor has neither ${keys.map((k) => `"${k}"`).join(" nor ")}`;
    }
    case "type":
      if (isMultiplier(at)) return `multiplier ${got(e.data)} must be a quoted decimal string`;
      return `${name} must be ${typeName(e.params.type)}, got ${got(e.data)}`;
    case "pattern":
      if (isMultiplier(at)) return `multiplier "${cut(String(e.data))}" is not an exact decimal`;
      return `${name} ${quote(e.data)} does not match the pattern ${e.params.pattern}`;
    case "enum":
      return `${name} ${quote(e.data)} is not one of the allowed values`;
    case "format":
      return e.params.format === "date" ? `${name} ${quote(e.data)} is not a day of the calendar` : `${name} ${quote(e.data)} is not a valid ${String(e.params.format)}`;
    case "const":
      return `${name} must be ${JSON.stringify(e.params.allowedValue)}, got ${quote(e.data)}`;
    case "minProperties":
    case "minItems":
      return `${name} is empty`;
    default:
      return `${name} ${e.message ?? `fails "${e.keyword}"`}, got ${got(e.data)}`;
  }
}

/** The keys each oneOf branch requires: ["table", "range"] for a factor. */
function branchKeys(e: ErrorObject): string[] {
  const branches = Array.isArray(e.schema) ? (e.schema as Obj[]) : [];
  return branches.flatMap((b) => (Array.isArray(b.required) ? (b.required as string[]) : []));
}

function fixOf(e: ErrorObject, at: PathSegment[], schemaFile: string): string {
  const parentSchema = (e.parentSchema ?? {}) as Obj;
  const description = typeof parentSchema.description === "string" ? parentSchema.description : undefined;
  if (isMultiplier(at) && (e.keyword === "pattern" || e.keyword === "type")) {
    return 'write the multiplier as a quoted exact decimal such as "1.5" (no "x", no unquoted number: YAML reads 1.5 as a float)';
  }
  switch (e.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((parentSchema.properties ?? {}) as Obj);
      const near = closestMatch(String(e.params.additionalProperty), allowed);
      return near ? `did you mean "${near}"?` : `remove it; the keys allowed here are ${allowed.join(", ")} (see ${schemaFile})`;
    }
    case "required": {
      const missing = String(e.params.missingProperty);
      const what = ((parentSchema.properties ?? {}) as Record<string, Obj>)[missing]?.description;
      return `add "${missing}"${aside(typeof what === "string" ? what : undefined)}; see ${schemaFile}`;
    }
    case "oneOf": {
      const keys = branchKeys(e);
      return e.params.passingSchemas ? `keep one of ${keys.join(" or ")} and delete the other` : 'add a table: {"<value>": "<multiplier>", ...} or a range: {min: <n>, max: <n>}';
    }
    case "enum": {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const near = closestMatch(String(e.data), allowed);
      return `${near ? `did you mean "${near}"? ` : ""}use one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    case "const":
      return `write ${JSON.stringify(e.params.allowedValue)}`;
    case "format":
      return e.params.format === "date" ? `write a date that exists, as YYYY-MM-DD${aside(description)}` : `write a valid ${String(e.params.format)}${aside(description)}`;
    case "propertyNames":
      return "use the slug exactly as POST /v1/jobs/submit takes it, e.g. kling-plus/kling-o3-standard/text-to-video";
    case "type":
      if (e.params.type === "integer") {
        return `write a whole number, unquoted, with no decimals${aside(description)}`;
      }
      if (e.params.type === "string") return "quote the value so YAML keeps it as a string";
      return `write ${typeName(e.params.type)}${e.params.type === "array" ? " (- item lines, or [] for none)" : ""}${aside(description)}`;
    case "minProperties":
    case "minItems":
      return at[at.length - 1] === "table" ? 'add a row "<value>": "<multiplier>" for every value of the field' : `add at least one entry${aside(description)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `use a value ${String(e.params.comparison)} ${String(e.params.limit)}${aside(description)}`;
    default:
      return description ? `expected: ${description}` : `see ${schemaFile} for the expected shape`;
  }
}
