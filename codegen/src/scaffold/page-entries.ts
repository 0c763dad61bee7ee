import { Document, Scalar } from "yaml";
import { inputTypeName } from "../model/names.js";
import type { ImportedModel } from "../page/index.js";

/**
 * The YAML text `pnpm new-model --from` inserts: an imported model's two entries written the way
 * spec/models.yaml and spec/pricing.yaml write theirs: lists, enums, tables, ranges and example
 * inputs on one line in flow style, values YAML would read as another type quoted, long prose
 * folded at 100 columns (by the yaml library, which also decides every other quoting). The text
 * reads back as exactly the entry (test/codegen/import-page.test.ts checks it).
 */
export function modelsEntryText(model: ImportedModel, indent: string): string {
  return lines(inputTypeName(model.slug), model.schema, indent, FLOW_IN_MODELS).join("\n") + "\n";
}

export function pricingEntryText(model: ImportedModel, indent: string): string {
  return lines(model.slug, model.pricing, indent, FLOW_IN_PRICING).join("\n") + "\n";
}

/**
 * One `key: value` of either entry (whole lines, ending in "\n"), written as the two functions above
 * write it: `pnpm models sync` rewrites only the keys of an entry that a page changed.
 */
export function pairText(file: "models" | "pricing", key: string, value: unknown, indent: string): string {
  return lines(key, value, indent, file === "models" ? FLOW_IN_MODELS : FLOW_IN_PRICING).join("\n") + "\n";
}

const FLOW_IN_MODELS = new Set(["required", "enum"]);
const FLOW_IN_PRICING = new Set(["table", "range", "input"]);
/** Flow maps that quote every key and value (input value -> multiplier), or every string value (an example input). */
const QUOTE_ALL = new Set(["table"]);
const QUOTE_VALUES = new Set(["input"]);
const WIDTH = 100;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function lines(key: string, value: unknown, indent: string, flow: Set<string>): string[] {
  const head = `${indent}${keyText(key)}:`;
  if (Array.isArray(value)) {
    if (flow.has(key) || value.length === 0 || !value.every(isObj)) return [`${head} [${value.map((v) => flowScalar(v, false)).join(", ")}]`];
    const out = [head];
    for (const item of value) {
      const inner = Object.entries(item as Obj).flatMap(([k, v]) => lines(k, v, `${indent}    `, flow));
      inner[0] = `${indent}  - ${inner[0]!.slice(indent.length + 4)}`;
      out.push(...inner);
    }
    return out;
  }
  if (isObj(value)) {
    const entries = Object.entries(value);
    if (flow.has(key) || entries.length === 0) {
      const all = QUOTE_ALL.has(key);
      return [`${head} {${entries.map(([k, v]) => `${all ? JSON.stringify(k) : keyText(k)}: ${flowScalar(v, all || QUOTE_VALUES.has(key))}`).join(", ")}}`];
    }
    return [head, ...entries.flatMap(([k, v]) => lines(k, v, `${indent}  `, flow))];
  }
  return scalarPair(key, value, indent);
}

/** `key: value`, quoted and folded by the yaml library; a string that starts like a number is double-quoted ("720p", "16:9"). */
function scalarPair(key: string, value: unknown, indent: string): string[] {
  const node = new Scalar(value);
  if (typeof value === "string" && /^\d/.test(value) && !/^\d{4}-\d{2}-\d{2}$/.test(value)) node.type = Scalar.QUOTE_DOUBLE;
  const doc = new Document({ [key]: node });
  const text = doc.toString({ lineWidth: Math.max(40, WIDTH - indent.length), minContentWidth: 20 });
  return text.trimEnd().split("\n").map((l) => indent + l);
}

/** A scalar inside a flow list or map: bare when it is a plain word, JSON-quoted otherwise (JSON strings are YAML). */
function flowScalar(value: unknown, quote: boolean): string {
  if (typeof value === "string") return quote || !PLAIN_WORD.test(value) || AMBIGUOUS.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

function keyText(key: string): string {
  return PLAIN_KEY.test(key) && !AMBIGUOUS.test(key) ? key : JSON.stringify(key);
}

/** A word YAML reads back as the same string, written bare: customize, std, IMAGE, prompt. */
const AMBIGUOUS = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\/+-]*$|^[a-z0-9][a-z0-9.+-]*(\/[a-z0-9][a-z0-9.+-]*)+$/;
