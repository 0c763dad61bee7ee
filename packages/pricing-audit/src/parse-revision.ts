import { inputError } from "./errors.js";
import { readInputSchemas, type FieldInfo, type InputSchemaInfo } from "./input-schemas.js";
import { integer, isDecimalText, parseDecimal, ROUNDING_RULES, type RoundingRule } from "./rational.js";
import type { ExampleSpec, FactorSpec, FieldType, ModelSpec, PricedValue, Revision, RevisionOrigin } from "./types.js";
import { formatPath, parseYaml, toPlain, type Path } from "./yaml-text.js";

/** The texts of one revision, however they were read. */
export interface RevisionTexts {
  readonly label: string;
  readonly origin: RevisionOrigin;
  readonly pricingText: string;
  /** spec/models.yaml of the same revision, when there is one. */
  readonly modelsText?: string;
  readonly modelsLabel?: string;
}

const FIELD_TYPES = new Set<string>(["string", "boolean", "integer", "number"]);
/** Values one range factor may have (as codegen refuses more): a range of a billion would enumerate for minutes. */
const MAX_RANGE_VALUES = 1000n;

/** Reads and checks the structure of a pricing revision; anything it cannot price is one clear line. */
export function parseRevision(texts: RevisionTexts): Revision {
  const { label } = texts;
  const yaml = parseYaml(texts.pricingText, label);
  const schemas = texts.modelsText === undefined ? undefined : readInputSchemas(texts.modelsText, texts.modelsLabel ?? "models.yaml");
  const fail = (path: Path, problem: string) => inputError(`${label}: ${path.length ? `${formatPath(path)} (${yaml.lineOf(path)})` : "the file"} ${problem}`);

  const root = yaml.data;
  if (!(root instanceof Map)) throw fail([], "is not a pricing file: expected a mapping with currency, rounding and models");
  const currency = root.get("currency");
  if (currency !== "micro-cents") throw fail(["currency"], `must be "micro-cents" (got ${show(currency)})`);
  const rounding = root.get("rounding");
  if (!ROUNDING_RULES.includes(rounding as RoundingRule)) throw fail(["rounding"], `must be one of ${ROUNDING_RULES.join(", ")} (got ${show(rounding)})`);
  const models = root.get("models");
  if (!(models instanceof Map)) throw fail(["models"], "must be a mapping of model slug to price");

  const out: ModelSpec[] = [];
  for (const [slug, entry] of models) {
    out.push(parseModel(String(slug), entry, schemas?.get(String(slug)), fail));
  }
  out.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return { label, origin: texts.origin, currency, rounding: rounding as RoundingRule, models: out, hasModelsFile: schemas !== undefined };
}

type Fail = (path: Path, problem: string) => Error;

function parseModel(slug: string, entry: unknown, schema: InputSchemaInfo | undefined, fail: Fail): ModelSpec {
  const at = ["models", slug];
  if (!(entry instanceof Map)) throw fail(at, "must be a mapping with base, unit, factors and examples");
  const base = entry.get("base");
  if (typeof base !== "bigint" || base < 0n) throw fail([...at, "base"], `must be a non-negative integer of micro-cents (got ${show(base)})`);
  const unit = entry.get("unit");
  if (typeof unit !== "string" || unit === "") throw fail([...at, "unit"], `must be a unit name such as second, image or request (got ${show(unit)})`);
  const factorsIn = entry.get("factors") ?? [];
  if (!Array.isArray(factorsIn)) throw fail([...at, "factors"], "must be a list of factors");
  const factors: FactorSpec[] = [];
  for (const [i, f] of factorsIn.entries()) {
    const factor = parseFactor(f, [...at, "factors", i], schema, fail);
    if (factors.some((g) => g.field === factor.field)) throw fail([...at, "factors", i, "field"], `prices "${factor.field}" a second time`);
    factors.push(factor);
  }
  const examplesIn = entry.get("examples") ?? [];
  if (!Array.isArray(examplesIn)) throw fail([...at, "examples"], "must be a list of worked examples");
  const examples = examplesIn.map((e, i) => parseExample(e, [...at, "examples", i], fail));
  const note = entry.get("note");
  return {
    slug,
    source: entry.get("source"),
    checked: dateText(entry.get("checked")),
    base,
    unit,
    ...(typeof note === "string" ? { note } : {}),
    factors,
    examples,
    ...(schema?.provider !== undefined ? { provider: schema.provider } : {}),
    ...(schema?.title !== undefined ? { title: schema.title } : {}),
    hasSchema: schema !== undefined,
    ...(schema !== undefined ? { inputSchema: schema.schema } : {}),
  };
}

function parseFactor(f: unknown, at: Path, schema: InputSchemaInfo | undefined, fail: Fail): FactorSpec {
  if (!(f instanceof Map)) throw fail(at, "must be a mapping with field and table or range");
  const field = f.get("field");
  if (typeof field !== "string" || field === "") throw fail([...at, "field"], `must name an input field (got ${show(field)})`);
  const info = schema?.fields.get(field);
  const typed = typeOf(info);
  const table = f.get("table");
  const range = f.get("range");
  if ((table === undefined) === (range === undefined)) throw fail(at, "must have exactly one of table or range");

  let values: PricedValue[];
  let rangeOut: { min: number; max: number } | undefined;
  if (table !== undefined) {
    if (!(table instanceof Map) || table.size === 0) throw fail([...at, "table"], "must map each priced value to its multiplier");
    values = [];
    for (const [key, text] of table) {
      if (!isDecimalText(text)) throw fail([...at, "table", String(key)], `multiplier must be an exact decimal written as a quoted string, e.g. "1.5" (got ${show(text)})`);
      values.push({ key: String(key), text, multiplier: parseDecimal(text) });
    }
    values = inFieldOrder(values, info);
  } else {
    const min = range instanceof Map ? range.get("min") : undefined;
    const max = range instanceof Map ? range.get("max") : undefined;
    if (typeof min !== "bigint" || typeof max !== "bigint" || min < 0n || max < min) {
      throw fail([...at, "range"], `must be {min, max}, integers with 0 <= min <= max (got ${show(toPlain(range))})`);
    }
    // The generator's stated limit: every value of a range is a priced value, listed and compared one by one.
    if (max - min + 1n > MAX_RANGE_VALUES) throw fail([...at, "range"], `has ${max - min + 1n} values; a priced field may have at most ${MAX_RANGE_VALUES}`);
    rangeOut = { min: Number(min), max: Number(max) };
    values = [];
    for (let n = min; n <= max; n++) values.push({ key: String(n), text: String(n), multiplier: integer(n) });
  }
  return {
    field,
    kind: table !== undefined ? "table" : "range",
    ...(rangeOut ? { range: rangeOut } : {}),
    values,
    ...(typed ? { type: typed } : {}),
    ...(info?.hasDefault ? { default: String(info.default) } : {}),
  };
}

function typeOf(info: FieldInfo | undefined): FieldType | undefined {
  return info?.type !== undefined && FIELD_TYPES.has(info.type) ? (info.type as FieldType) : undefined;
}

/** Table rows in the field's enum order (YAML reorders nothing, but readers expect 480p < 720p < 1080p). */
function inFieldOrder(values: PricedValue[], info: FieldInfo | undefined): PricedValue[] {
  if (!info?.enum) return values;
  const rank = new Map(info.enum.map((v, i) => [String(v), i]));
  const indexed = values.map((v, i) => ({ v, r: rank.get(v.key) ?? info.enum!.length + i }));
  return indexed.sort((a, b) => a.r - b.r).map((x) => x.v);
}

function parseExample(e: unknown, at: Path, fail: Fail): ExampleSpec {
  if (!(e instanceof Map)) throw fail(at, "must be a mapping with input and micro_cents");
  const input = e.get("input") ?? new Map();
  if (!(input instanceof Map)) throw fail([...at, "input"], "must be a mapping of input field to value");
  const microCents = e.get("micro_cents");
  if (typeof microCents !== "bigint" || microCents < 0n) throw fail([...at, "micro_cents"], `must be a non-negative integer (got ${show(microCents)})`);
  const exact = e.get("exact");
  if (exact !== undefined && !isDecimalText(exact)) throw fail([...at, "exact"], `must be an exact decimal written as a string (got ${show(exact)})`);
  const note = e.get("note");
  return {
    input: toPlain(input) as Record<string, unknown>,
    microCents,
    ...(exact !== undefined ? { exact: exact as string } : {}),
    ...(typeof note === "string" ? { note } : {}),
  };
}

/** YAML 1.2 keeps 2026-11-25 a string; a YAML 1.1 file may have made it a Date. */
function dateText(value: unknown): unknown {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(toPlain(value), (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
}
