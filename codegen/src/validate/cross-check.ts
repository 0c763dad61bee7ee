import { closestMatch as closest } from "@pixelbyte/pricing/runtime";
import type { LoadedSpec } from "../load/load-spec.js";
import { isExactDecimal } from "../model/decimal.js";
import { inputTypeName, MAX_SLUG_SEGMENT, SLUG_PATTERN } from "../model/names.js";
import { checkInputKeywords } from "./input-keywords.js";
import { checkPriceLimits } from "./price-limits.js";
import type { Problem } from "./problem.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const FIELD_TYPES = new Set(["string", "boolean", "integer", "number", "array", "object"]);
const PRICEABLE = new Set(["string", "boolean", "integer", "number"]);
const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** The model-input schemas keyed by valid slug, as the cross-checks and the model stage see them (an invalid x-slug is its own problem). */
export function inputSchemasBySlug(spec: LoadedSpec): Map<string, { key: string; schema: Obj }> {
  const schemas = (spec.models.data as Obj)?.components;
  const out = new Map<string, { key: string; schema: Obj }>();
  if (!isObj(schemas) || !isObj(schemas.schemas)) return out;
  for (const [key, schema] of Object.entries(schemas.schemas)) {
    if (isObj(schema) && typeof schema["x-slug"] === "string" && SLUG_PATTERN.test(schema["x-slug"]) && schema["x-slug"].split("/").every((s) => s.length <= MAX_SLUG_SEGMENT)) out.set(schema["x-slug"], { key, schema });
  }
  return out;
}

/** Our own checks between the model inputs and the prices, beyond what either schema can say. */
export function crossCheck(spec: LoadedSpec): Problem[] {
  return [...checkInputSchemas(spec), ...checkInputKeywords(spec), ...checkPricing(spec), ...checkPriceLimits(spec)];
}

function checkInputSchemas(spec: LoadedSpec): Problem[] {
  const problems: Problem[] = [];
  const src = spec.models;
  const components = (src.data as Obj)?.components;
  const schemas = isObj(components) ? components.schemas : undefined;
  if (!isObj(schemas)) {
    return [src.problem(["components"], "cross-check", "no components.schemas: there is no model input schema", "add one schema per model under components.schemas")];
  }
  const seen = new Map<string, string>();
  // One display name per provider: the catalog and the CLI name a provider by it.
  const providerNames = new Map<string, { name: string; key: string }>();
  for (const [key, schema] of Object.entries(schemas)) {
    const at = ["components", "schemas", key];
    if (!isObj(schema)) continue;
    const slug = schema["x-slug"];
    if (typeof slug !== "string" || !SLUG_PATTERN.test(slug)) {
      const message = slug === undefined ? `schema ${key} has no x-slug` : `x-slug ${JSON.stringify(slug)} of schema ${key} is not provider/model[/capability] in lower case`;
      problems.push(src.problem([...at, "x-slug"], "cross-check", message, 'set x-slug to the model slug exactly as POST /v1/jobs/submit takes it, e.g. "kling-plus/kling-o3-standard/text-to-video"'));
      continue;
    }
    const long = slug.split("/").find((segment) => segment.length > MAX_SLUG_SEGMENT);
    if (long !== undefined) {
      problems.push(src.problem([...at, "x-slug"], "cross-check", `x-slug segment "${long.slice(0, 40)}…" is ${long.length} characters; each segment names a generated file or folder, so at most ${MAX_SLUG_SEGMENT}`, "use the slug exactly as POST /v1/jobs/submit takes it"));
      continue;
    }
    const previous = seen.get(slug);
    if (previous) problems.push(src.problem([...at, "x-slug"], "cross-check", `slug "${slug}" is also the x-slug of ${previous}`, "give each model exactly one input schema"));
    seen.set(slug, key);
    if (key !== inputTypeName(slug)) {
      problems.push(src.problem(at, "cross-check", `schema key ${key} does not match its slug "${slug}"`, `rename the key to ${inputTypeName(slug)}`, { key: true }));
    }
    for (const required of ["title", "x-provider"] as const) {
      if (typeof schema[required] !== "string") problems.push(src.problem(at, "cross-check", `schema ${key} has no ${required}`, `add ${required} (the docs page's ${required === "title" ? "title" : "provider name"})`, { key: true }));
    }
    const providerName = schema["x-provider"];
    if (typeof providerName === "string") {
      const providerId = slug.split("/")[0]!;
      const first = providerNames.get(providerId);
      if (!first) providerNames.set(providerId, { name: providerName, key });
      else if (first.name !== providerName) {
        problems.push(src.problem([...at, "x-provider"], "cross-check", `x-provider ${JSON.stringify(providerName)} differs from ${JSON.stringify(first.name)} of ${first.key} (both are provider "${providerId}")`, `write ${JSON.stringify(first.name)}: one display name per provider`));
      }
    }
    if (!isObj(schema.externalDocs) || typeof schema.externalDocs.url !== "string") {
      problems.push(src.problem(at, "cross-check", `schema ${key} has no externalDocs.url`, "add externalDocs: {url: <the docs page>}", { key: true }));
    }
    if (schema.type !== "object") problems.push(src.problem([...at, "type"], "cross-check", `schema ${key} is not type: object`, "set type: object"));
    if (schema.additionalProperties !== false) {
      problems.push(src.problem([...at, "additionalProperties"], "cross-check", `schema ${key} is open to unknown fields`, "set additionalProperties: false so a misspelt field is an error"));
    }
    const properties = isObj(schema.properties) ? schema.properties : {};
    for (const [i, name] of (Array.isArray(schema.required) ? schema.required : []).entries()) {
      if (typeof name !== "string" || !(name in properties)) {
        const near = typeof name === "string" ? closest(name, Object.keys(properties)) : undefined;
        problems.push(src.problem([...at, "required", i], "cross-check", `required field ${JSON.stringify(name)} is not a property of ${key}`, `${near ? `did you mean "${near}"? Otherwise ` : ""}add the property or remove it from required`));
      }
    }
    for (const [name, field] of Object.entries(properties)) {
      problems.push(...checkField(spec, [...at, "properties", name], field));
    }
  }
  return problems;
}

function checkField(spec: LoadedSpec, at: (string | number)[], field: unknown): Problem[] {
  const src = spec.models;
  const problems: Problem[] = [];
  if (!isObj(field)) return problems;
  const type = field.type;
  if (typeof type !== "string" || !FIELD_TYPES.has(type)) {
    return [src.problem([...at, "type"], "cross-check", `field has no single JSON type (got ${JSON.stringify(type)})`, `set type to one of ${[...FIELD_TYPES].join(", ")}`)];
  }
  const values = Array.isArray(field.enum) ? field.enum : undefined;
  for (const [i, value] of (values ?? []).entries()) {
    if (!matchesType(type, value)) problems.push(src.problem([...at, "enum", i], "cross-check", `enum value ${JSON.stringify(value)} is not ${article(type)}`, type === "string" ? "quote it so YAML keeps it a string" : `write it as ${article(type)}`));
  }
  if ("default" in field) {
    if (!matchesType(type, field.default)) {
      problems.push(src.problem([...at, "default"], "cross-check", `default ${JSON.stringify(field.default)} is not ${article(type)}`, type === "string" ? "quote the default so YAML keeps it a string" : `write the default as ${article(type)}`));
    } else if (values && !values.includes(field.default)) {
      problems.push(src.problem([...at, "default"], "cross-check", `default ${JSON.stringify(field.default)} is not one of the enum values`, `use one of ${values.map((v) => JSON.stringify(v)).join(", ")}`));
    }
  }
  return problems;
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case "string": return typeof value === "string";
    case "boolean": return typeof value === "boolean";
    case "integer": return Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    default: return true;
  }
}

/**
 * Whether a table key is how a value of this field is written ("10", "true", "1080p"): exactly the
 * text the pricing runtime looks up, String(value), so "10.0", "-0" or "1e1" would never be found.
 */
export function keyIsValid(type: string, key: string): boolean {
  switch (type) {
    case "string": return true;
    case "boolean": return key === "true" || key === "false";
    case "integer": return /^-?(0|[1-9][0-9]*)$/.test(key) && String(Number(key)) === key && Number.isSafeInteger(Number(key));
    case "number": return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(key) && String(Number(key)) === key;
    default: return false;
  }
}

/**
 * Most values one priced field may have (a table row or range step each). Far above any real model
 * (the spec's largest has 15); it keeps generate, the docs' tables and the audit's matrix bounded.
 */
export const MAX_PRICED_VALUES = 1000;

/** How many values an integer field's minimum..maximum spans, when both bounds are integers. */
function boundsSpan(field: Obj): number | undefined {
  return Number.isSafeInteger(field.minimum) && Number.isSafeInteger(field.maximum) ? (field.maximum as number) - (field.minimum as number) + 1 : undefined;
}

/** Every value a priced field can take, as table keys; undefined when the set is open (no enum) or larger than MAX_PRICED_VALUES. */
export function valueKeys(field: Obj): string[] | undefined {
  if (Array.isArray(field.enum)) return field.enum.map((v) => String(v));
  if (field.type === "boolean") return ["false", "true"];
  const span = boundsSpan(field);
  if (field.type === "integer" && span !== undefined && span <= MAX_PRICED_VALUES) {
    const out: string[] = [];
    for (let n = field.minimum as number; n <= (field.maximum as number); n++) out.push(String(n));
    return out;
  }
  return undefined;
}

function checkPricing(spec: LoadedSpec): Problem[] {
  const problems: Problem[] = [];
  const src = spec.pricing;
  const models = isObj((src.data as Obj)?.models) ? ((src.data as Obj).models as Obj) : {};
  const inputs = inputSchemasBySlug(spec);
  for (const [slug, { key }] of inputs) {
    if (!(slug in models)) {
      const { line, column } = spec.models.locate(["components", "schemas", key], { key: true });
      problems.push({ file: spec.models.file, line, column, path: `components.schemas.${key}`, check: "cross-check", message: `model "${slug}" has an input schema but no price`, fix: `add "${slug}" under models: in ${src.file}` });
    }
  }
  for (const [slug, entry] of Object.entries(models)) {
    const at = ["models", slug];
    const input = inputs.get(slug);
    if (!input) {
      const near = closest(slug, [...inputs.keys()].filter((s) => !(s in models)));
      problems.push(src.problem(at, "cross-check", `priced model "${slug}" has no input schema`, near ? `did you mean "${near}"? Otherwise add a schema with x-slug: ${slug} to ${spec.models.file}` : `add a schema with x-slug: ${slug} to ${spec.models.file}, or correct the slug`, { key: true }));
      continue;
    }
    if (!isObj(entry)) continue;
    const properties = isObj(input.schema.properties) ? input.schema.properties : {};
    const factors = Array.isArray(entry.factors) ? entry.factors : [];
    const pricedFields = new Set<string>();
    for (const [i, factor] of factors.entries()) {
      if (!isObj(factor) || typeof factor.field !== "string") continue;
      const fat = [...at, "factors", i];
      const name = factor.field;
      const field = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (pricedFields.has(name)) problems.push(src.problem([...fat, "field"], "cross-check", `"${name}" is priced by two factors`, "merge them into one factor"));
      pricedFields.add(name);
      if (!isObj(field)) {
        const near = closest(name, Object.keys(properties));
        problems.push(src.problem([...fat, "field"], "cross-check", `factor reads "${name}", which is not an input field of ${slug}`, near ? `did you mean "${near}"?` : `use one of ${Object.keys(properties).join(", ")}`));
        continue;
      }
      const type = String(field.type);
      if (!PRICEABLE.has(type)) {
        problems.push(src.problem([...fat, "field"], "cross-check", `"${name}" is ${article(type)} field; only string, boolean, integer and number fields can be priced`, "price a string, boolean, integer or number field, or remove this factor"));
        continue;
      }
      const span = type === "integer" && !Array.isArray(field.enum) ? boundsSpan(field) : undefined;
      const count = Array.isArray(field.enum) ? field.enum.length : span;
      if (count !== undefined && count > MAX_PRICED_VALUES) {
        problems.push(src.problem([...fat, "field"], "cross-check", `"${name}" has ${count} values${span !== undefined ? ` (minimum ${String(field.minimum)} to maximum ${String(field.maximum)})` : ""}; a priced field may have at most ${MAX_PRICED_VALUES}`, "price a field with fewer values, or narrow its enum or bounds"));
        continue;
      }
      const keys = valueKeys(field);
      if (isObj(factor.table)) {
        for (const [k, m] of Object.entries(factor.table)) {
          if (!keyIsValid(type, k)) {
            problems.push(src.problem([...fat, "table", k], "cross-check", `"${k}" is not a ${type} value of "${name}"`, type === "boolean" ? 'use the keys "false" and "true"' : `use ${type} values`, { key: true }));
          } else if (keys && !keys.includes(k)) {
            const near = closest(k, keys);
            problems.push(src.problem([...fat, "table", k], "cross-check", `priced value "${k}" is not a valid value of "${name}" (${keys.join(", ")})`, near ? `did you mean "${near}"? Otherwise add it to the field's enum` : "add it to the field's enum or remove the row", { key: true }));
          }
          if (!isExactDecimal(m)) problems.push(src.problem([...fat, "table", k], "cross-check", `multiplier ${JSON.stringify(m)} is not an exact decimal`, 'write it as a quoted decimal such as "1.5"'));
        }
        if (!keys) {
          problems.push(src.problem([...fat, "field"], "cross-check", `"${name}" has no enum, so some of its values would have no price`, "give the field an enum of its documented values"));
        } else {
          for (const k of keys) {
            if (!Object.hasOwn(factor.table, k)) problems.push(src.problem([...fat, "table"], "cross-check", `value "${k}" of "${name}" has no multiplier`, `add "${k}": "<multiplier>" to the table (or remove "${k}" from the field's enum)`));
          }
        }
      } else if (isObj(factor.range)) {
        const { min, max } = factor.range as { min: number; max: number };
        if (type !== "string" && type !== "integer") {
          problems.push(src.problem([...fat, "range"], "cross-check", `a range factor needs an integer or integer-string field; "${name}" is a ${type}`, "use a table instead"));
        } else if (!(min <= max)) {
          problems.push(src.problem([...fat, "range"], "cross-check", `range min ${min} is above max ${max}`, "swap them"));
        } else if (max - min + 1 > MAX_PRICED_VALUES) {
          problems.push(src.problem([...fat, "range"], "cross-check", `range ${min}..${max} has ${max - min + 1} values; a priced field may have at most ${MAX_PRICED_VALUES}`, "narrow the range to the values the model accepts"));
        } else {
          const expected: string[] = [];
          for (let n = min; n <= max; n++) expected.push(String(n));
          if (!keys || keys.join(",") !== expected.join(",")) {
            problems.push(src.problem([...fat, "range"], "cross-check", `range ${min}..${max} does not match the values of "${name}" (${keys ? keys.join(", ") : "no enum or bounds"})`, `make the field's enum exactly "${min}".."${max}" or change the range`));
          }
        }
      }
    }
    const examples = Array.isArray(entry.examples) ? entry.examples : [];
    for (const [i, example] of examples.entries()) {
      if (!isObj(example) || !isObj(example.input)) continue;
      for (const name of Object.keys(example.input)) {
        if (name in properties) continue;
        const near = closest(name, Object.keys(properties));
        problems.push(src.problem([...at, "examples", i, "input", name], "cross-check", `example input "${name}" is not an input field of ${slug}`, near ? `did you mean "${near}"?` : `remove it (the fields are ${Object.keys(properties).join(", ")})`, { key: true }));
      }
    }
  }
  return problems;
}

