import { divideRoundedBigInt, exactDecimal, formatMicroCents, type RoundingRule } from "@pixelbyte/pricing/runtime";
import { parseDecimal } from "../model/decimal.js";
import { MAX_PRICED_VALUES } from "../validate/cross-check.js";
import { todoText } from "../scaffold/entries.js";
import { parseBaseCost, parseCalculation, parseComparisonCost, parseFormula, parseMultiplierCell, parseRangeOption, parseWorkedCost, perNoun, type BaseCost, type WorkedCost } from "./cost-text.js";
import * as words from "./decisions.js";
import { displayNameFits } from "./display-names.js";
import { PageRefusal, type PricingBlock, type PropertiesBlock } from "./facts.js";
import { typedValue, unquote } from "./fields.js";
import { mentions, setOwn } from "./text.js";
import type { PageProblem, PriceExample, PriceFactor } from "./model-entry.js";

/** What the pricing reader needs to know about one input field. */
export interface PricedField {
  /** string, boolean, integer or number; undefined when the page does not show it (rendered form). */
  type?: string;
  /** Every value the field takes, as table keys ("5", "true"); undefined when the page lists none. */
  keys?: string[];
  default?: unknown;
}

/** A factor as the table gives it, matched to the input field it reads. */
export interface ReadFactor {
  field: string;
  display: string;
  line: number;
  /** Table key -> multiplier, in table order; or a range row. */
  rows?: { key: string; multiplier: string; line: number }[];
  range?: { min: number; max: number };
  /** The page shows its fields and this is not one of them (docs-page-format §9 #7): it must be declared. */
  declared: boolean;
  /** The keys as the table writes them, for a declared field's enum. */
  options: string[];
}

export interface ReadPricing {
  base: number;
  baseLine: number;
  unit: "second" | "image" | "request";
  note?: string;
  factors: ReadFactor[];
  factorNotes: (string | undefined)[];
  examples: PriceExample[];
  exampleLines: number[];
  /** Decisions to print: where, what. */
  decisions: { line: number; path: (string | number)[]; text: string }[];
  /** field -> value the page's default cost assumes (to settle a default outside the options). */
  assumed: Map<string, unknown>;
  problems: PageProblem[];
}

/**
 * A pricing section -> base, unit, factors and worked examples, with the decisions that
 * decision 9 in docs/decisions.md and the page irregularities call for. `fields` are the page's input fields; a factor reading a
 * name that is not among them is declared (the caller adds it to the schema).
 */
export function readPricing(block: PricingBlock, props: PropertiesBlock | undefined, fields: Map<string, PricedField>, rounding: RoundingRule, shown: { fields: boolean; defaults: boolean }): ReadPricing {
  const decisions: ReadPricing["decisions"] = [];
  const base = baseOf(block, props);
  const formula = formulaOf(block);
  if (block.tables.length > 1) throw new PageRefusal(block.tables[1]!.line, "the pricing section has a second factor table; a page prices each factor once");
  const table = block.tables[0];
  const factors = table ? factorsOf(table.rows, formula?.terms ?? [], fields, table.line, shown.fields) : [];
  if (!table && formula && formula.terms.length > 0) {
    throw new PageRefusal(formula.line, `the formula multiplies by ${formula.terms.join(", ")} but the pricing section has no factor table`);
  }
  const spelling = factors.map((f) => resolveKeys(f, fields.get(f.field)));

  const costs = block.costs.map((c) => {
    const parsed = parseWorkedCost(c.text);
    if (!parsed) throw new PageRefusal(c.line, `the worked cost "${c.text}" gives no total in micro-cents`);
    return { ...parsed, line: c.line };
  });
  const flatPer = formula?.flatPer ?? costs.find((c) => c.flat?.per)?.flat?.per ?? block.prose.map((p) => (/\bflat\b/i.test(p.value) ? perNoun(p.value) : undefined)).find((p) => p !== undefined);

  // The unit: decision 9 in docs/decisions.md (per second, but flat) and its mirror (per request, but × duration seconds).
  let unit: ReadPricing["unit"];
  const notes: string[] = [];
  const durationFactor = factors.find((f) => f.field === "duration" && (f.range !== undefined || f.rows!.every((r) => sameNumber(r.key, r.multiplier))));
  if (base.unit === "second" && factors.length === 0) {
    unit = "request";
    notes.push(words.flatPerSecond(flatPer ?? "job"));
  } else if (base.unit === "request" && durationFactor) {
    unit = "second";
    const worked = costs[0];
    notes.push(words.perRequestTimesDuration(worked?.phrase ? `${worked.phrase} = ${formatMicroCents(worked.total)}` : undefined));
  } else if (base.unit === "video" || base.unit === "job") {
    unit = "request";
    notes.push(words.perJob(base.unit));
  } else {
    unit = base.unit;
  }

  const factorNotes = factors.map((f, i) => {
    const notes = [spelling[i], f.rows && f.rows.every((r) => sameNumber(r.multiplier, "1")) ? words.allOnes(f.field) : undefined].filter((n) => n !== undefined);
    return notes.length > 0 ? notes.join(" ") : undefined;
  });
  const examples: PriceExample[] = [];
  const exampleLines: number[] = [];
  const problems: PageProblem[] = [];
  const assumed = new Map<string, unknown>();
  const noDefaults = shown.defaults && factors.length > 0 && factors.every((f) => fields.get(f.field)?.default === undefined);
  for (const cost of costs) {
    const example = exampleOf(cost, cost.line, base.microCents, factors, fields, rounding, problems, decisions, examples.length);
    if (!example) continue;
    example.note = noteOf(cost, flatPer, unit, noDefaults) + (example.note ? ` ${example.note}` : "");
    if (/^default\b/i.test(cost.label)) for (const [k, v] of Object.entries(example.input)) if (!assumed.has(k)) assumed.set(k, v);
    examples.push(example);
    exampleLines.push(cost.line);
  }
  for (const row of block.comparison) {
    const calc = parseCalculation(row.calculation);
    const total = parseComparisonCost(row.cost);
    if (!calc || total === undefined) throw new PageRefusal(row.line, `the cost comparison row "${row.configuration}" does not read as <base> × <multipliers> and a cost in mc`);
    const cost: WorkedCost = { label: "cost comparison", phrase: row.configuration, calc, total };
    const example = exampleOf(cost, row.line, base.microCents, factors, fields, rounding, problems, decisions, examples.length);
    if (!example) continue;
    example.note = `The page's cost comparison (${row.configuration}).`;
    examples.push(example);
    exampleLines.push(row.line);
  }
  if (examples.length === 0) {
    examples.push({ input: {}, micro_cents: todoText("the page shows no worked cost: the cost of one call at the defaults, in integer micro-cents, unquoted") });
    exampleLines.push(block.line);
  }

  // Dollar figures that are not the micro-cents at 1,000,000 = $1 (the page's own contradiction; micro-cents win).
  const figures: string[] = [];
  const ratios = new Set<string>();
  const check = (microCents: number, dollars: string | undefined, shown: string) => {
    if (dollars === undefined) return;
    const ratio = dollarRatio(microCents, dollars);
    if (ratio === "1") return;
    figures.push(shown);
    ratios.add(ratio ?? "?");
  };
  if (base.dollars) check(base.microCents, base.dollars.amount, `$${base.dollars.amount}${base.dollars.per ? `/${base.dollars.per}` : ""}`);
  for (const cost of costs) check(cost.total, cost.dollars, `$${cost.dollars}`);
  if (figures.length > 0) {
    const ratio = ratios.size === 1 && !ratios.has("?") ? words.timesWord(BigInt([...ratios][0]!)) : undefined;
    notes.push(words.dollarsDisagree(figures, ratio, notes.length === 0));
  }
  const note = notes.length > 0 ? notes.join(" ") : undefined;
  if (note) decisions.unshift({ line: block.base?.line ?? base.line, path: ["note"], text: note });
  factorNotes.forEach((text, i) => text && decisions.push({ line: factors[i]!.line, path: ["factors", i, "note"], text }));
  return { base: base.microCents, baseLine: base.line, unit, ...(note ? { note } : {}), factors, factorNotes, examples, exampleLines, decisions, assumed, problems };
}

/** The base cost: the pricing section's line, else the properties table's row; both must agree. */
function baseOf(block: PricingBlock, props: PropertiesBlock | undefined): BaseCost & { line: number } {
  const row = props?.rows.get("Base Cost");
  for (const seen of [block.base, row]) {
    if (seen && /coming soon/i.test(seen.value)) throw new PageRefusal(seen.line, `the page gives no price yet: its base cost is "${seen.value}"`);
  }
  const fromLine = block.base ? parseBaseCost(block.base.value) : undefined;
  const fromRow = row ? parseBaseCost(row.value) : undefined;
  if (block.base && !fromLine) throw new PageRefusal(block.base.line, `the base cost "${block.base.value}" does not read as <micro-cents> micro-cents per <second|request|image>`);
  if (!fromLine && row && !fromRow) throw new PageRefusal(row.line, `the Base Cost row "${row.value}" does not read as <micro-cents> micro-cents/<second|request|image>`);
  if (fromLine && fromRow && (fromLine.microCents !== fromRow.microCents || fromLine.unit !== fromRow.unit)) {
    throw new PageRefusal(block.base!.line, `the pricing section says ${block.base!.value} but the properties table (line ${row!.line}) says ${row!.value}; no documented decision settles which is right`);
  }
  const found = fromLine ?? fromRow;
  if (!found) throw new PageRefusal(block.line, "the pricing section gives no base cost (no **Base cost:** line and no Base Cost row)");
  return { ...found, line: block.base?.line ?? row!.line };
}

function formulaOf(block: PricingBlock): { terms: string[]; flatPer?: string; line: number } | undefined {
  if (!block.formula) return undefined;
  const parsed = parseFormula(block.formula.value);
  if ("error" in parsed) throw new PageRefusal(block.formula.line, parsed.error);
  return { ...parsed, line: block.formula.line };
}

/** Table rows -> factors, each matched to the field the formula names in its place (display names differ from fields). */
function factorsOf(rows: { line: number; name?: string; option: string; multiplier: string }[], terms: string[], fields: Map<string, PricedField>, tableLine: number, fieldsShown: boolean): ReadFactor[] {
  const groups: { display: string; line: number; rows: typeof rows }[] = [];
  for (const row of rows) {
    if (row.name) groups.push({ display: row.name, line: row.line, rows: [row] });
    else if (groups.length === 0) throw new PageRefusal(row.line, "the factor table's first row names no factor");
    else groups[groups.length - 1]!.rows.push(row);
  }
  if (groups.length === 0) return [];
  let names: string[];
  if (terms.length > 0) {
    if (terms.length !== groups.length) {
      throw new PageRefusal(tableLine, `the formula multiplies by ${terms.length} factor${terms.length === 1 ? "" : "s"} (${terms.join(", ")}) but the table has ${groups.length} (${groups.map((g) => g.display).join(", ")})`);
    }
    // The formula lists its terms in table order; a display name that fits another term (and only that one) wins.
    names = terms.slice();
    const byName = groups.map((g) => terms.filter((t) => displayNameFits(t, g.display)));
    if (groups.some((g, i) => !displayNameFits(terms[i]!, g.display)) && byName.every((m) => m.length === 1) && new Set(byName.map((m) => m[0])).size === terms.length) {
      names = byName.map((m) => m[0]!);
    }
  } else {
    names = groups.map((g) => {
      const fits = [...fields.keys()].filter((f) => displayNameFits(f, g.display));
      if (fits.length !== 1) throw new PageRefusal(g.line, `the factor "${g.display}" ${fits.length === 0 ? "matches no input field" : `could be ${fits.join(" or ")}`} and the page has no formula naming its field`);
      return fits[0]!;
    });
  }
  return groups.map((g, i) => {
    const field = names[i]!;
    const first = g.rows[0]!;
    const range = parseMultiplierCell(first.multiplier)?.kind === "matches-value" ? parseRangeOption(first.option) : undefined;
    if (parseMultiplierCell(first.multiplier)?.kind === "matches-value" && (!range || g.rows.length > 1)) {
      throw new PageRefusal(first.line, `the range row "${first.option}" of ${g.display} must be the factor's only row, written as two values joined by a dash`);
    }
    // Bounded as the spec's cross-check bounds it: a reversed or huge range is the page's typo, and expanding it would not end.
    if (range && !(range.min <= range.max && Number.isSafeInteger(range.max) && range.max - range.min + 1 <= MAX_PRICED_VALUES)) {
      throw new PageRefusal(first.line, `the range row "${first.option}" of ${g.display} ${range.min > range.max ? "runs backwards" : `spans more than ${MAX_PRICED_VALUES} values`}; write it as <lowest>–<highest> with at most ${MAX_PRICED_VALUES} values`);
    }
    const common = { field, display: g.display, line: g.line, declared: fieldsShown && !fields.has(field) };
    if (range) return { ...common, range, options: [] };
    const read = g.rows.map((r) => {
      const cell = parseMultiplierCell(r.multiplier);
      if (!cell || cell.kind !== "decimal") throw new PageRefusal(r.line, `the multiplier "${r.multiplier}" of ${g.display} ${r.option} is not a decimal followed by x (e.g. 1.5x)`);
      if (r.option === "") throw new PageRefusal(r.line, `a row of ${g.display} has no option`);
      return { key: unquote(r.option), multiplier: cell.value, line: r.line };
    });
    const seen = new Set<string>();
    for (const r of read) {
      if (seen.has(r.key)) throw new PageRefusal(r.line, `${g.display} lists the option "${r.key}" twice`);
      seen.add(r.key);
    }
    return { ...common, rows: read, options: read.map((r) => r.key) };
  });
}

/**
 * The table's keys against the field's own values: spelled as the input spells them (the decision
 * is returned when the table wrote some in another case), none missing, none extra.
 */
function resolveKeys(f: ReadFactor, field: PricedField | undefined): string | undefined {
  if (!field || !f.rows) return undefined;
  if (field.type === "boolean") for (const r of f.rows) r.key = r.key.toLowerCase();
  const keys = field.keys;
  if (!keys) return undefined;
  const respelt: { written: string; option: string }[] = [];
  for (const r of f.rows) {
    if (keys.includes(r.key)) continue;
    const same = keys.find((k) => k.toLowerCase() === r.key.toLowerCase());
    if (same === undefined) {
      throw new PageRefusal(r.line, `the factor table prices ${f.field} "${r.key}", which is not one of its options (${keys.join(", ")})`);
    }
    respelt.push({ written: r.key, option: same });
    r.key = same;
  }
  const missing = keys.filter((k) => !f.rows!.some((r) => r.key === k));
  if (missing.length > 0) throw new PageRefusal(f.line, `${f.field}'s option${missing.length === 1 ? "" : "s"} ${missing.map((k) => `"${k}"`).join(", ")} ha${missing.length === 1 ? "s" : "ve"} no row in the factor table`);
  return respelt.length === 0 ? undefined : words.optionSpelling(f.field, respelt.map((r) => r.written), respelt.map((r) => r.option));
}

/** One worked cost -> an example: which row of each factor it takes, checked against the page's own total. */
function exampleOf(cost: WorkedCost, line: number, base: number, factors: ReadFactor[], fields: Map<string, PricedField>, rounding: RoundingRule, problems: PageProblem[], decisions: ReadPricing["decisions"], index: number): PriceExample | undefined {
  const input: Record<string, unknown> = {};
  const multipliers: string[] = [];
  const calc = cost.calc;
  if (calc && calc.base !== base) {
    problems.push({ line, message: `the page's ${cost.label.toLowerCase()} starts from ${formatMicroCents(calc.base)} but the base cost is ${formatMicroCents(base)}` });
    return undefined;
  }
  const useCalc = calc !== undefined && calc.multipliers.length === factors.length;
  if (calc && !useCalc && !(factors.length === 0 && calc.multipliers.every((m) => sameNumber(m, "1")))) {
    problems.push({ line, message: `the page's ${cost.label.toLowerCase()} multiplies ${calc.multipliers.length} number${calc.multipliers.length === 1 ? "" : "s"} but the price has ${factors.length} factor${factors.length === 1 ? "" : "s"} (${factors.map((f) => f.field).join(", ") || "flat"})` });
    return undefined;
  }
  const notes: string[] = [];
  for (const [i, f] of factors.entries()) {
    const field = fields.get(f.field);
    const named = cost.assignments?.find((a) => a.field === f.field);
    const m = useCalc ? calc!.multipliers[i]! : undefined;
    let candidates: { key: string; multiplier: string }[] = f.range
      ? rangeRows(f.range)
      : f.rows!.map((r) => ({ key: r.key, multiplier: r.multiplier }));
    if (named) candidates = candidates.filter((c) => c.key.toLowerCase() === unquote(named.value).toLowerCase());
    if (m !== undefined) candidates = candidates.filter((c) => sameNumber(c.multiplier, m));
    if (candidates.length > 1 && cost.phrase) {
      const inPhrase = candidates.filter((c) => mentions(cost.phrase!, c.key));
      if (inPhrase.length === 1) candidates = inPhrase;
    }
    if (candidates.length > 1 && field?.default !== undefined) {
      const atDefault = candidates.filter((c) => c.key === String(field.default));
      if (atDefault.length === 1) candidates = atDefault;
    }
    if (candidates.length === 0) {
      problems.push({ line, message: `the page's ${cost.label.toLowerCase()} ${named ? `names ${f.field} "${named.value}"` : `multiplies ${f.field} by ${m}`}, which is no row of its factor table` });
      return undefined;
    }
    const chosen = candidates[0]!;
    multipliers.push(chosen.multiplier);
    if (candidates.length > 1 && !candidates.every((c) => sameNumber(c.multiplier, chosen.multiplier))) {
      problems.push({ line, message: `the page's ${cost.label.toLowerCase()} does not say which ${f.field} it assumes (${candidates.map((c) => c.key).join(", ")})` });
      return undefined;
    }
    setOwn(
      input,
      f.field,
      candidates.length > 1
        ? todoText(`the ${f.field} the page's ${cost.label.toLowerCase()} assumes: one of ${candidates.map((c) => c.key).join(", ")} (all ${chosen.multiplier}x, so the price is the same)`)
        : exampleValue(field?.type, chosen.key),
    );
    if (/^default cost$/i.test(cost.label) && field?.default !== undefined && candidates.length === 1 && String(field.default) !== chosen.key) {
      const text = words.defaultCostDisagrees(f.field, chosen.key, String(field.default));
      notes.push(text);
      decisions.push({ line, path: ["examples", index, "note"], text });
    }
  }
  // The exact product, rounded once by the spec's rule, must be the page's total.
  let num = BigInt(base);
  let den = 1n;
  for (const text of multipliers) {
    const r = parseDecimal(text);
    num *= r.num;
    den *= r.den;
  }
  const exact = exactDecimal(num, den);
  const rounded = Number(divideRoundedBigInt(num, den, rounding));
  if (rounded !== cost.total) {
    const product = [formatMicroCents(base), ...multipliers].join(" × ");
    problems.push({ line, message: `the page's ${cost.label.toLowerCase()} is ${formatMicroCents(cost.total)} micro-cents, but ${product} = ${exact}${exact !== String(rounded) ? ` (${formatMicroCents(rounded)} rounded ${rounding})` : ""}` });
    return undefined;
  }
  return { input, micro_cents: cost.total, ...(exact !== String(rounded) ? { exact } : {}), ...(notes.length > 0 ? { note: notes.join(" ") } : {}) };
}

function rangeRows(range: { min: number; max: number }): { key: string; multiplier: string }[] {
  const out: { key: string; multiplier: string }[] = [];
  for (let n = range.min; n <= range.max; n++) out.push({ key: String(n), multiplier: String(n) });
  return out;
}

/** The note an example carries: which worked cost of the page it is. */
function noteOf(cost: WorkedCost, flatPer: string | undefined, unit: string, noDefaults: boolean): string {
  // A bare "Cost:" is the page's one cost: its default cost.
  const label = /^cost$/i.test(cost.label) ? "default cost" : cost.label.replace(/^[A-Z][a-z]+\b/, (w) => w.toLowerCase());
  let what: string | undefined;
  if (cost.phrase) what = cost.phrase;
  else if (cost.assignments) what = cost.assignments.map((a) => `${a.field} ${unquote(a.value)}`).join(", ");
  else if (cost.flat) what = `flat per ${cost.flat.per ?? flatPer ?? (unit === "request" ? "request" : "job")}${cost.flat.remark ? `, ${cost.flat.remark}` : ""}`;
  const tail = /^example cost$/i.test(cost.label) && noDefaults ? "; the page documents no defaults." : ".";
  return what === undefined ? `The page's ${label}${tail}` : `The page's ${label} (${what})${tail}`;
}

/** A table key as the example input writes it: booleans and numbers unquoted, strings as they are. */
function exampleValue(type: string | undefined, key: string): unknown {
  if (type === "boolean") return key === "true";
  if (type === "integer" || type === "number") return typedValue(type, key) ?? key;
  return key;
}

/** Exact equality of two decimals ("1.50" and "1.5"). */
export function sameNumber(a: string, b: string): boolean {
  const x = /^\d+(\.\d+)?$/.test(a) ? parseDecimal(a) : undefined;
  const y = /^\d+(\.\d+)?$/.test(b) ? parseDecimal(b) : undefined;
  return x !== undefined && y !== undefined && x.num * y.den === y.num * x.den;
}

/** dollars ÷ (micro-cents / 1,000,000) as an integer string ("1" when they agree at the dollars' precision), or undefined. */
function dollarRatio(microCents: number, dollars: string): string | undefined {
  if (!/^\d+(\.\d+)?$/.test(dollars)) return undefined;
  const d = parseDecimal(dollars);
  const decimals = (dollars.split(".")[1] ?? "").length;
  // Agree when the micro-cents, rounded to the dollars' decimals, are the dollars.
  const scale = 10n ** BigInt(Math.max(0, 6 - decimals));
  const shown = decimals >= 6 ? BigInt(microCents) : (BigInt(microCents) + scale / 2n) / scale;
  const asShown = (d.num * 10n ** BigInt(Math.min(decimals, 6))) / d.den;
  if (shown === asShown) return "1";
  const dollarsMicro = (d.num * 1_000_000n) / d.den;
  if (microCents > 0 && dollarsMicro % BigInt(microCents) === 0n) return (dollarsMicro / BigInt(microCents)).toString();
  return undefined;
}
