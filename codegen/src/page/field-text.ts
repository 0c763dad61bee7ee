import { CODE_CLOSE, CODE_OPEN } from "./facts.js";
import { DASH, wholeNumber } from "./text.js";

/**
 * The structured sentences of one input field's body text (docs-page-format §4.2–4.3), every
 * phrasing seen on the pages, and the description that is left when they are taken out. Values
 * stay as written (strings); interpret.ts types them by the field's type.
 */
export interface FieldText {
  description?: string;
  /** `Default: \`v\`.` — the backticked value as written (JSON quotes included), and a trailing "(random)"-style note. */
  default?: { raw: string; remark?: string };
  /** `Options: \`a\`, \`b\`.` — every backticked value, in page order. */
  options?: string[];
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  /** `**Required** for \`image-to-video\`` (kind-4 family pages): the capabilities or slugs named. */
  requiredFor: string[];
}

const C = CODE_OPEN;
const D = CODE_CLOSE;
const CODE = `${C}([^${D}]*)${D}`;
const NUMBER = "(-?\\d+(?:\\.\\d+)?)";
const COUNT = "(\\d{1,3}(?:,\\d{3})+|\\d+)";

interface Rule {
  pattern: RegExp;
  applies: (type: string) => boolean;
  read: (m: RegExpExecArray, out: FieldText) => void;
}

const isString = (t: string) => t === "string";
const isArray = (t: string) => t === "array";
const isNumeric = (t: string) => t === "number" || t === "integer";
const always = () => true;

const RULES: Rule[] = [
  {
    pattern: new RegExp(`\\bDefaults?(?::| is| to)\\s*${CODE}(\\s*\\([^)]*\\))?\\s*\\.?`, "i"),
    applies: always,
    read: (m, out) => {
      out.default = { raw: m[1]!, ...(m[2] ? { remark: m[2].trim().replace(/^\(|\)$/g, "") } : {}) };
    },
  },
  {
    pattern: new RegExp(`\\bOptions?:\\s*((?:${C}[^${D}]*${D}\\s*(?:,|\\bor\\b|\\band\\b)?\\s*)+)\\.?`, "i"),
    applies: always,
    read: (m, out) => {
      out.options = [...m[1]!.matchAll(new RegExp(CODE, "g"))].map((c) => c[1]!);
    },
  },
  { pattern: new RegExp(`\\(\\s*max(?:imum)?\\s+${COUNT}\\s+characters\\s*\\)`, "i"), applies: isString, read: (m, out) => void (out.maxLength = wholeNumber(m[1]!)) },
  { pattern: new RegExp(`\\bmax(?:imum)?\\s+${COUNT}\\s+characters\\b\\.?`, "i"), applies: isString, read: (m, out) => void (out.maxLength = wholeNumber(m[1]!)) },
  { pattern: new RegExp(`\\bMax(?:imum)? length:\\s*${COUNT}(?:\\s+characters)?\\b\\.?`, "i"), applies: isString, read: (m, out) => void (out.maxLength = wholeNumber(m[1]!)) },
  {
    pattern: new RegExp(`\\(\\s*(\\d+)\\s*${DASH}\\s*(\\d+)\\s+items\\s*\\)`, "i"),
    applies: isArray,
    read: (m, out) => {
      out.minItems = Number(m[1]);
      out.maxItems = Number(m[2]);
    },
  },
  { pattern: /\(\s*max\s+(\d+)\s*\)/i, applies: isArray, read: (m, out) => void (out.maxItems = Number(m[1])) },
  { pattern: /\bMax(?:imum)? items:\s*(\d+)\b\.?/i, applies: isArray, read: (m, out) => void (out.maxItems = Number(m[1])) },
  { pattern: /\bMin(?:imum)? items:\s*(\d+)\b\.?/i, applies: isArray, read: (m, out) => void (out.minItems = Number(m[1])) },
  {
    pattern: new RegExp(`\\bmin\\s+${NUMBER}\\s*,\\s*max\\s+${NUMBER}\\s*\\.?`, "i"),
    applies: isNumeric,
    read: (m, out) => {
      out.minimum = Number(m[1]);
      out.maximum = Number(m[2]);
    },
  },
  {
    pattern: new RegExp(`\\bRange:\\s*${NUMBER}\\s*${DASH}\\s*${NUMBER}\\s*\\.?`, "i"),
    applies: isNumeric,
    read: (m, out) => {
      out.minimum = Number(m[1]);
      out.maximum = Number(m[2]);
    },
  },
  {
    pattern: new RegExp(`\\*\\*Required\\*\\*\\s+(?:for|with|in)\\s+((?:${C}[^${D}]*${D}\\s*(?:,|\\bor\\b|\\band\\b)?\\s*)+)\\.?`, "i"),
    applies: always,
    read: (m, out) => {
      out.requiredFor.push(...[...m[1]!.matchAll(new RegExp(CODE, "g"))].map((c) => c[1]!.trim()));
    },
  },
];

/** Reads a field's body text (backticked values marked, see facts.ts) for a field of JSON type `type`. */
export function parseFieldText(text: string, type: string): FieldText {
  const out: FieldText = { requiredFor: [] };
  let rest = text;
  for (const rule of RULES) {
    if (!rule.applies(type)) continue;
    const m = rule.pattern.exec(rest);
    if (!m) continue;
    rule.read(m, out);
    rest = rest.slice(0, m.index) + " " + rest.slice(m.index + m[0].length);
  }
  const description = tidy(rest);
  if (description !== "") out.description = description;
  return out;
}

/** What is left of a body once its structured sentences are out: markers back to backticks, stray spaces and dots removed. */
function tidy(text: string): string {
  return text
    .replace(new RegExp(CODE, "g"), (_, v: string) => `\`${v}\``)
    .replace(/\(\s*\)/g, "")
    .replace(/\s+/g, " ")
    .replace(/([.;:,])(?:\s+[.;,])+/g, "$1")
    .replace(/\s+([.,;:])/g, "$1")
    .replace(/^[\s.,;:]+/, "")
    .trim();
}
