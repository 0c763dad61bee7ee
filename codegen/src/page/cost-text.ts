import { DASH, cleanText, multiplierText, wholeNumber } from "./text.js";

/**
 * The pricing sentences of a page, in both forms: the base-cost line, the formula, a factor table's
 * multiplier cell and the worked costs of the `<Tip>`. Each parser takes the plain text of one line
 * (bold and backticks already removed) and returns undefined when the line is not of its kind.
 */

export type LabelUnit = "second" | "request" | "image" | "video" | "job";

export interface BaseCost {
  microCents: number;
  unit: LabelUnit;
  /** The dollar figure as written ("0.084") and the unit after its slash ("sec", "request"), when given. */
  dollars?: { amount: string; per?: string };
}

const UNIT_WORDS: Record<string, LabelUnit> = {
  second: "second", seconds: "second", sec: "second", s: "second",
  request: "request", requests: "request", req: "request", call: "request",
  image: "image", images: "image", img: "image",
  video: "video", videos: "video", clip: "video",
  job: "job", jobs: "job", generation: "job",
};

/** "84,000 micro-cents per second ($0.084/sec)" or "84,000 micro-cents/second ($0.084/second)". */
export function parseBaseCost(text: string): BaseCost | undefined {
  const m = /^([\d,]+)\s*(?:micro-?cents|µ¢|mc)\s*(?:per\s+|\/\s*)([a-z]+)\b\s*(?:\(\s*\$\s*([\d.,]+)\s*(?:\/\s*([a-z]+))?\s*\))?/i.exec(cleanText(text));
  if (!m) return undefined;
  const microCents = wholeNumber(m[1]!);
  const unit = UNIT_WORDS[m[2]!.toLowerCase()];
  if (microCents === undefined || unit === undefined) return undefined;
  return { microCents, unit, ...(m[3] ? { dollars: { amount: m[3].replace(/,/g, ""), ...(m[4] ? { per: m[4] } : {}) } } : {}) };
}

export interface Formula {
  /** The identifiers multiplied after baseCost, in order (input field names on every page seen). */
  terms: string[];
  /** The flat note inside the formula (`(flat per-video)` -> "video"), when present. */
  flatPer?: string;
}

/** "finalCost = baseCost × duration × has_sound", "finalCost = baseCost (flat per-video)". Undefined when a term is not an identifier. */
export function parseFormula(text: string): Formula | { error: string } {
  const t = cleanText(text);
  const m = /^finalCost\s*=\s*baseCost\b(.*)$/i.exec(t);
  if (!m) return { error: `the formula "${t}" does not start with finalCost = baseCost` };
  let rest = m[1]!;
  const note = /\(([^)]*)\)\s*$/.exec(rest);
  let flatPer: string | undefined;
  if (note) {
    rest = rest.slice(0, note.index);
    flatPer = /\bflat\b/i.test(note[1]!) ? (perNoun(note[1]!) ?? "job") : undefined;
  }
  const terms = rest
    .split(/[×*]|\s+x\s+/)
    .map((s) => s.trim())
    .filter((s, i) => i > 0 || s !== "");
  if (terms.some((s) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s))) return { error: `the formula "${t}" multiplies by something that is not a field name` };
  return { terms, ...(flatPer ? { flatPer } : {}) };
}

/** "per video", "per-video", "per job" -> "video"/"job"/"request". */
export function perNoun(text: string): string | undefined {
  const m = /\bper[\s-]+(job|video|request|image|generation|clip|call)\b/i.exec(text);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** A multiplier cell: an exact decimal ("1.5x"), or a range row's "matches value". */
export type MultiplierCell = { kind: "decimal"; value: string } | { kind: "matches-value" };

export function parseMultiplierCell(text: string): MultiplierCell | undefined {
  if (/^\s*matches\s+(the\s+)?value\b/i.test(text)) return { kind: "matches-value" };
  const value = multiplierText(text);
  return value === undefined ? undefined : { kind: "decimal", value };
}

/** A range row's option: "4–12" (any dash) -> {min: 4, max: 12}. */
export function parseRangeOption(text: string): { min: number; max: number } | undefined {
  const m = new RegExp(`^\\s*(\\d+)\\s*${DASH}\\s*(\\d+)\\s*$`).exec(text);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
}

export interface WorkedCost {
  /** "Default cost", "3K cost", "Example cost", "Fixed cost", "Cost". */
  label: string;
  /** `**Default cost** (duration=`5`, has_sound=`false`)`: the values the page names, field by field. */
  assignments?: { field: string; value: string }[];
  /** The assumed inputs in words ("5 seconds, no sound"), when written. */
  phrase?: string;
  /** The calculation: base × multipliers, as written. */
  calc?: { base: number; multipliers: string[] };
  /** The total in micro-cents. */
  total: number;
  /** The dollar figure after the total, as written ("0.420"). */
  dollars?: string;
  /** A flat price ("Flat = ...", "flat ... per video", "Fixed cost", "1 request = ..."), with the noun it is per. */
  flat?: { per?: string; remark?: string };
}

/** True when a line of prose is a worked cost ("<something> cost[ (...)]: ..."). */
export function isCostLine(text: string): boolean {
  return /^[^=:]*\bcost\b\s*(\([^)]*\))?\s*:/i.test(cleanText(text));
}

/**
 * One worked cost. Returns undefined when the line names no total in micro-cents; the caller
 * refuses such a line (it cannot be checked).
 */
export function parseWorkedCost(text: string): WorkedCost | undefined {
  const t = cleanText(text);
  const head = /^(.*?\bcost)\b\s*(?:\(([^)]*)\))?\s*:\s*(.*)$/i.exec(t);
  if (!head) return undefined;
  const label = head[1]!.trim();
  const rest = head[3]!;
  const totals = [...rest.matchAll(/([\d,]+)\s*(?:micro-?cents|µ¢|mc)\b(?:\s*\(\s*\$\s*([\d.,]+)\s*\))?/gi)];
  const last = totals[totals.length - 1];
  const total = last ? wholeNumber(last[1]!) : undefined;
  if (!last || total === undefined) return undefined;
  const out: WorkedCost = { label, total, ...(last[2] ? { dollars: last[2].replace(/,/g, "") } : {}) };

  if (head[2] !== undefined) {
    const pairs = head[2].split(",").map((p) => /^\s*([A-Za-z_][\w]*)\s*[=:]\s*"?([^"]*?)"?\s*$/.exec(p));
    if (pairs.every((p) => p !== null)) out.assignments = pairs.map((p) => ({ field: p![1]!, value: p![2]! }));
  }
  const parts = rest.slice(0, last.index).split("=").map((s) => s.trim());
  // parts: [phrase?, calc?, ""] — the total itself follows the last "=".
  for (const part of parts) {
    const calc = /^([\d,]+)((?:\s*[×*x]\s*\d+(?:\.\d+)?)+)$/.exec(part);
    if (calc) {
      const base = wholeNumber(calc[1]!);
      if (base !== undefined) out.calc = { base, multipliers: calc[2]!.split(/[×*x]/).map((s) => s.trim()).filter((s) => s !== "") };
    }
  }
  const first = parts[0] ?? "";
  const firstIsCalc = /^[\d,]+(\s*[×*x]\s*\d+(\.\d+)?)*$/.test(first);
  if (parts.length >= 2 && first !== "" && !firstIsCalc) out.phrase = first;

  const after = rest.slice(last.index! + last[0].length);
  const flatWord = /^(flat|fixed)\b/i.test(first) || /^fixed\b/i.test(label) || /\bflat\b/i.test(rest) || (!out.calc && /^1 (request|job|video|image)$/i.test(first));
  if (flatWord || (!out.calc && !out.phrase && !out.assignments)) {
    const remark = /\s[—–-]\s+(.+?)\.?$/.exec(after)?.[1];
    const per = perNoun(rest) ?? (/^1 (request|job|video|image)$/i.exec(first)?.[1]?.toLowerCase());
    out.flat = { ...(per ? { per } : {}), ...(remark ? { remark: remark.trim() } : {}) };
    if (out.phrase && /^(flat|1 \w+)$/i.test(out.phrase)) delete out.phrase;
  }
  return out;
}

/** A cost-comparison cell: "150,000 mc ($0.15)" -> 150000. */
export function parseComparisonCost(text: string): number | undefined {
  const m = /^([\d,]+)\s*(?:mc|micro-?cents|µ¢)\b/i.exec(cleanText(text));
  return m ? wholeNumber(m[1]!) : undefined;
}

/** "30,000 × 5 × 1" -> base and multipliers. */
export function parseCalculation(text: string): { base: number; multipliers: string[] } | undefined {
  const m = /^([\d,]+)((?:\s*[×*x]\s*\d+(?:\.\d+)?)+)$/.exec(cleanText(text));
  const base = m ? wholeNumber(m[1]!) : undefined;
  if (!m || base === undefined) return undefined;
  return { base, multipliers: m[2]!.split(/[×*x]/).map((s) => s.trim()).filter((s) => s !== "") };
}
