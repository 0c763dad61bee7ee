import { closestMatch, describeValue, ownValue } from "@pixelbyte/pricing/runtime";
import { catalogModels, type ModelInfo } from "@pixelbyte/test-server";
import { decimalInteger } from "./args.js";
import { UsageError } from "./errors.js";

interface FieldSchema {
  type?: string;
  enum?: readonly unknown[];
  properties?: Record<string, FieldSchema>;
  required?: readonly string[];
}

/**
 * The `--set` values, each checked to be field=value before anything else is read: `--set duration 10`
 * (a space instead of "=") is named as such, with the spelling that works.
 */
export function setsOf(sets: readonly string[] | undefined, followers: ReadonlyMap<number, string>): string[] {
  const list = [...(sets ?? [])];
  list.forEach((pair, i) => {
    if (pair.indexOf("=") > 0) return;
    const next = followers.get(i);
    if (pair !== "" && !pair.includes("=") && next !== undefined) {
      throw new UsageError(`--set takes field=value in one argument: write --set ${pair}=${next} (got "--set ${pair} ${next}")`);
    }
    const example = pair !== "" && !pair.includes("=") ? `--set ${pair}=<value>` : "--set duration=10";
    throw new UsageError(`--set takes field=value in one argument, e.g. ${example} (got ${describeValue(pair)})`);
  });
  return list;
}

export function findModel(slug: string | undefined): ModelInfo {
  if (!slug) throw new UsageError("missing model slug; run `pixelbyte models` to list them");
  const model = catalogModels.find((m) => m.slug === slug);
  if (model) return model;
  const near = closestMatch(slug, catalogModels.map((m) => m.slug));
  throw new UsageError(`unknown model ${describeValue(slug)}; ${near ? `did you mean "${near}"?` : "run `pixelbyte models` to list them"}`);
}

/**
 * `--set field=value` pairs as the model's input, each value coerced by its field's schema type:
 * "true" stays a string for a string field (has_sound) and becomes true for a boolean one
 * (generate_audio); numbers for integer/number fields; JSON for arrays and objects.
 */
export function inputFromSets(model: ModelInfo, sets: readonly string[], requireAll: boolean): Record<string, unknown> {
  const schema = model.inputSchema as FieldSchema;
  const properties = schema.properties ?? {};
  const input: Record<string, unknown> = {};
  const given = new Map<string, string>();
  for (const pair of sets) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set takes field=value in one argument, e.g. --set duration=10 (got ${describeValue(pair)})`);
    const field = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    // Own fields only: "__proto__", "constructor" or "toString" are not fields of any model.
    const prop = ownValue(properties, field);
    if (!prop) {
      const names = Object.keys(properties);
      const near = closestMatch(field, names);
      throw new UsageError(`${model.slug} has no field ${describeValue(field)}; ${near ? `did you mean "${near}"?` : `its fields are ${names.join(", ")}`}`);
    }
    // A repeated field would silently price and send only its last value.
    const earlier = given.get(field);
    if (earlier !== undefined) throw new UsageError(`--set ${field} is given twice (${describeValue(earlier)}, then ${describeValue(raw)}); give each field once`);
    given.set(field, raw);
    input[field] = coerce(field, prop, raw);
  }
  if (requireAll) {
    const missing = (schema.required ?? []).filter((f) => ownValue(input, f) === undefined);
    if (missing.length > 0) throw new UsageError(`${model.slug} needs ${missing.map((f) => `--set ${f}=...`).join(" ")}`);
  }
  return input;
}

function coerce(field: string, prop: FieldSchema, raw: string): unknown {
  let value: unknown;
  switch (prop.type) {
    case "boolean":
      if (raw !== "true" && raw !== "false") throw new UsageError(`${field} must be true or false (got ${describeValue(raw)})`);
      value = raw === "true";
      break;
    case "integer":
    case "number":
      value = numberOf(field, prop.type, raw);
      break;
    case "array":
    case "object":
      try {
        value = JSON.parse(raw);
      } catch {
        throw new UsageError(`${field} takes JSON (${prop.type === "array" ? "an array" : "an object"}); got ${JSON.stringify(raw)}`);
      }
      break;
    default:
      value = raw;
  }
  if (prop.enum && !prop.enum.includes(value)) {
    const choices = prop.enum.map(String);
    const near = nearestChoice(raw, choices);
    const shown = choices.length <= 16 ? choices.join(", ") : `${choices[0]} … ${choices.at(-1)}`;
    throw new UsageError(`${field} cannot be ${describeValue(raw)}${near !== undefined ? `; did you mean "${near}"?` : ""} (choices: ${shown})`);
  }
  return value;
}

/** A JSON number as written ("1.5", "-2e3"): no hex, no spaces, no "Infinity". */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The number `raw` spells, parsed strictly: Number() reads "0x10" as 16, " 2" as 2 and
 * "9007199254740993" as 9007199254740992, so a paid run would send another value than the one typed.
 */
function numberOf(field: string, type: "integer" | "number", raw: string): number {
  if (type === "integer") {
    const int = decimalInteger(raw);
    if (int !== undefined) return int;
    throw new UsageError(
      `${field} must be an integer written in decimal digits, from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER} (beyond, JSON numbers lose digits) (got ${describeValue(raw)})`,
    );
  }
  const n = Number(raw);
  if (NUMBER.test(raw) && Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n) || !/^-?\d+$/.test(raw))) return n;
  throw new UsageError(`${field} must be a number written as JSON writes it ("1.5", "-2e3") (got ${describeValue(raw)})`);
}

/** Numbers by value ("16" → "15"), everything else by spelling. */
function nearestChoice(raw: string, choices: readonly string[]): string | undefined {
  const n = Number(raw);
  if (raw.trim() !== "" && Number.isFinite(n) && choices.every((c) => Number.isFinite(Number(c)))) {
    return [...choices].sort((a, b) => Math.abs(Number(a) - n) - Math.abs(Number(b) - n))[0];
  }
  return closestMatch(raw, choices);
}
