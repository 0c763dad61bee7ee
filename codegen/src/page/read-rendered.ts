import { isCostLine, parseCalculation, parseComparisonCost, parseFormula, parseMultiplierCell, parseWorkedCost } from "./cost-text.js";
import { fit } from "./display-names.js";
import { PageRefusal, type Block, type FactorRowFacts, type PageFacts, type PricingBlock, type RequestBodyBlock } from "./facts.js";
import { requestSample } from "./sample.js";
import { parseEntities } from "parse-entities";
import { cleanText, DASH, findSlug, mentions } from "./text.js";

/**
 * The rendered page (the text a browser copy gives, docs-page-format §0) -> its facts. The copy has
 * no markup: sections are fixed heading lines, tables are flattened with their cells glued
 * (`Duration33x`), and the input's own properties are collapsed (only their names reach the copy,
 * in the cURL sample). Glued factor rows are split with the formula's field names, the multiplier
 * pattern and the worked example; a row that still splits two ways is refused, never guessed.
 */
export function readRendered(text: string): PageFacts {
  // A copy taken from the page's HTML source keeps character references (&times;, &nbsp;): read them as the browser shows them.
  const lines = text.split("\n").map((l) => cleanText(parseEntities(l)));
  const facts: PageFacts = { form: "rendered", blocks: [] };
  const title = titleOf(lines);
  if (title) facts.title = title;
  let i = 0;
  let pricing: PricingBlock | undefined;
  let requestBody: RequestBodyBlock | undefined;
  const push = (block: Block) => facts.blocks.push(block);

  while (i < lines.length) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (/^curl\b/.test(line)) {
      const end = curlEnd(lines, i);
      const sample = requestSample(lines.slice(i, end + 1).join("\n"), lineNo, false);
      if (sample) {
        sample.placeholders = sample.model === "<string>" || JSON.stringify(sample.input).includes('"<string>"');
        push(sample);
      }
      i = end + 1;
      continue;
    }
    if (line === "PropertyValue") {
      const rows = new Map<string, { value: string; line: number }>();
      for (i++; i < lines.length && lines[i] !== ""; i++) {
        const row = propertyRow(lines[i]!);
        if (!row) break;
        rows.set(row.key, { value: row.value, line: i + 1 });
      }
      push({ kind: "properties", line: lineNo, rows });
      continue;
    }
    if (/^Slug:\s*/i.test(line) && findSlug(line)) {
      push({ kind: "slugs", line: lineNo, slugs: [{ slug: findSlug(line)!, line: lineNo }] });
      i++;
      continue;
    }
    switch (line) {
      case "Request Body":
        pricing = undefined;
        requestBody = { kind: "request-body", line: lineNo };
        push(requestBody);
        i = readRequestBody(lines, i + 1, requestBody);
        continue;
      case "Model Slugs": {
        const slugs: { slug: string; capability?: string; line: number }[] = [];
        for (i++; i < lines.length; i++) {
          const l = lines[i]!;
          if (l === "" || l === "CapabilitySlug") continue;
          const slug = findSlug(l);
          if (!slug || !l.endsWith(slug)) break;
          const capability = l.slice(0, l.length - slug.length).trim();
          slugs.push({ slug, ...(capability ? { capability } : {}), line: i + 1 });
        }
        push({ kind: "slugs", line: lineNo, slugs });
        continue;
      }
      case "Pricing":
        requestBody = undefined;
        pricing = { kind: "pricing", line: lineNo, prose: [], tables: [], costs: [], comparison: [] };
        push(pricing);
        i = readPricing(lines, i + 1, pricing);
        continue;
      default:
        i++;
    }
  }
  return facts;
}

const SECTION_LINES = new Set(["Request Body", "Pricing", "Response", "Code Examples", "Model Slugs"]);
const PROPERTY_KEYS = ["Processing Time", "Base Cost", "Capabilities", "Capability", "Category", "Provider", "Model", "Slug"];

function propertyRow(line: string): { key: string; value: string } | undefined {
  const key = PROPERTY_KEYS.find((k) => line.startsWith(k));
  return key === undefined ? undefined : { key, value: line.slice(key.length).trim() };
}

/** The title: the line after the method and path (`POST`, `/`, `v1`, ..., `submit`). */
function titleOf(lines: string[]): { value: string; line: number } | undefined {
  const post = lines.findIndex((l) => l === "POST");
  if (post !== -1) {
    let j = post + 1;
    while (j < lines.length && /^(\/|v1|jobs|submit|\/v1\/jobs\/submit)$/.test(lines[j]!)) j++;
    while (j < lines.length && lines[j] === "") j++;
    if (j < lines.length && j > post + 1 && !/^curl\b/.test(lines[j]!)) return { value: lines[j]!, line: j + 1 };
  }
  return undefined;
}

/** `model` / `string` / `required` / description ...: only the model's slug matters here (the input is collapsed). */
function readRequestBody(lines: string[], from: number, block: RequestBodyBlock): number {
  let i = from;
  for (; i < lines.length && !SECTION_LINES.has(lines[i]!); i++) {
    if (lines[i] !== "model" || block.slug) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const slug = findSlug(lines[j]!);
      if (slug) {
        block.slug = { value: slug, line: j + 1 };
        break;
      }
    }
  }
  return i;
}

function readPricing(lines: string[], from: number, block: PricingBlock): number {
  let i = from;
  const glued: { text: string; line: number }[] = [];
  let tableLine = 0;
  let inTable = false;
  let inComparison = false;
  for (; i < lines.length && !SECTION_LINES.has(lines[i]!); i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    if (line === "") {
      inTable = false;
      continue;
    }
    if (/^Base cost\s*:/i.test(line) && !block.base) {
      block.base = { value: line.replace(/^Base cost\s*:\s*/i, ""), line: lineNo };
      inTable = false;
    } else if (/^finalCost\s*=/.test(line) && !block.formula) {
      block.formula = { value: line, line: lineNo };
      inTable = false;
    } else if (line === "FactorOptionMultiplier") {
      if (tableLine !== 0) throw new PageRefusal(lineNo, "the pricing section has a second factor table; a page prices each factor once");
      tableLine = lineNo;
      inTable = true;
    } else if (line === "Cost Comparison" || line === "ConfigurationCalculationCost") {
      inTable = false;
      inComparison = true;
    } else if (isCostLine(line)) {
      inTable = false;
      inComparison = false;
      block.costs.push({ line: lineNo, text: line });
    } else if (inTable) {
      glued.push({ text: line, line: lineNo });
    } else if (inComparison) {
      const row = comparisonRow(line);
      if (row) block.comparison.push({ line: lineNo, ...row });
      else block.prose.push({ value: line, line: lineNo });
    } else {
      block.prose.push({ value: line, line: lineNo });
    }
  }
  if (tableLine !== 0) block.tables.push({ line: tableLine, rows: splitRows(glued, block) });
  return i;
}

/** The last line of a cURL sample: the one closing the quote its `-d '` / `--data '` opens (the sample itself when it has no body). */
function curlEnd(lines: string[], start: number): number {
  for (let d = start; d < Math.min(lines.length, start + 12); d++) {
    const open = /(?:^|\s)(?:-d|--data(?:-raw)?)\s+'/.exec(lines[d]!);
    if (!open) continue;
    if (lines[d]!.indexOf("'", open.index + open[0].length) !== -1) return d;
    for (let j = d + 1; j < lines.length; j++) if (lines[j]!.includes("'")) return j;
    return lines.length - 1;
  }
  return start;
}

/** "5s, 480p30,000 × 5 × 1150,000 mc ($0.15)": the calculation's last digits run into the cost's; keep the one cut whose product is the cost. */
function comparisonRow(line: string): { configuration: string; calculation: string; cost: string } | undefined {
  const m = /^(.*?)(\d[\d,]*\s*×.*\d\s*(?:mc|micro-?cents)\b.*)$/.exec(line);
  if (!m) return undefined;
  const all = m[2]!;
  const found: { configuration: string; calculation: string; cost: string }[] = [];
  for (let cut = 1; cut < all.length; cut++) {
    const calc = parseCalculation(all.slice(0, cut));
    const total = parseComparisonCost(all.slice(cut));
    if (!calc || total === undefined || !/^\d/.test(all.slice(cut))) continue;
    const product = calc.multipliers.reduce((acc, x) => acc * Number(x), calc.base);
    if (Math.round(product) === total) found.push({ configuration: m[1]!.trim(), calculation: all.slice(0, cut), cost: all.slice(cut) });
  }
  return found.length === 1 ? found[0] : undefined;
}

interface Split {
  name?: string;
  option: string;
  multiplier: string;
}

/**
 * Glued rows -> factor rows. A factor's first row starts with its display name, which must fit the
 * formula's next field (display-names.ts); the row ends with a multiplier ("1.5x") or is a range
 * row ("4–12matches value ..."). Where digits run into digits ("1111x", "601.25x") several splits
 * fit. They are settled by what the page says elsewhere, in this order: a duration's multiplier
 * equals its value (docs-page-format §5.3); a factor's options share one form (all "<n>p", all
 * whole numbers) with its rows that split one way only; the worked example's multiplier and words
 * name its own row. A row still open is refused.
 */
function splitRows(rows: { text: string; line: number }[], block: PricingBlock): FactorRowFacts[] {
  if (rows.length === 0) return [];
  const formula = block.formula ? parseFormula(block.formula.value) : undefined;
  const fields = formula && "terms" in formula ? formula.terms : [];
  if (fields.length === 0) {
    throw new PageRefusal(rows[0]!.line, "the rendered factor table has no formula naming its fields, so its glued rows cannot be split; import the MDX page instead");
  }
  // Pass 1: which factor each row belongs to, and every reading of it.
  const read: { row: (typeof rows)[number]; factor: number; readings: Split[] }[] = [];
  let factor = -1;
  for (const row of rows) {
    const next = fields[factor + 1];
    const starts = next === undefined ? [] : splits(row.text, next);
    const continues = factor >= 0 ? splits(row.text, undefined) : [];
    if (starts.length > 0) read.push({ row, factor: ++factor, readings: starts });
    else if (continues.length > 0) read.push({ row, factor, readings: continues });
    else throw new PageRefusal(row.line, `the factor row "${row.text}" is neither an option and multiplier ("720p1.5x") nor the start of the ${next ?? "next"} factor`);
  }
  if (factor + 1 < fields.length) {
    throw new PageRefusal(rows[rows.length - 1]!.line, `the formula multiplies by ${fields.slice(factor + 1).join(", ")} but the factor table has no rows for ${factor + 1 === fields.length - 1 ? "it" : "them"}`);
  }
  // Pass 2: settle the rows that read more than one way.
  const worked = block.costs.map((c) => parseWorkedCost(c.text)).find((c) => c?.calc && c.calc.multipliers.length === fields.length);
  for (const r of read) {
    if (r.readings.length > 1 && /duration|seconds/i.test(fields[r.factor]!)) {
      const equal = r.readings.filter((s) => s.multiplier === s.option);
      if (equal.length > 0) r.readings = equal;
    }
  }
  for (const r of read) {
    if (r.readings.length <= 1) continue;
    const forms = new Set(read.filter((o) => o.factor === r.factor && o.readings.length === 1).map((o) => form(o.readings[0]!.option)));
    const alike = r.readings.filter((s) => forms.has(form(s.option)));
    if (alike.length > 0 && alike.length < r.readings.length) r.readings = alike;
    if (r.readings.length > 1 && worked?.calc) {
      const m = worked.calc.multipliers[r.factor];
      const confirmed = r.readings.filter((s) => s.multiplier === m && mentions(worked.phrase ?? "", s.option));
      if (confirmed.length === 1) r.readings = confirmed;
    }
    if (r.readings.length > 1) {
      const readings = r.readings.map((s) => `"${s.option}" at ${s.multiplier}x`).join(" or ");
      throw new PageRefusal(r.row.line, `the glued factor row "${r.row.text}" reads as ${readings}; the rendered page cannot say which: import the MDX page instead`);
    }
  }
  return read.map(({ row, readings: [s] }) => ({
    line: row.line,
    ...(s!.name ? { name: s!.name } : {}),
    option: s!.option,
    multiplier: s!.multiplier === "matches value" ? "matches value" : `${s!.multiplier}x`,
  }));
}

/** An option's form: runs of digits as 9, of letters as a ("1080p" -> "9a", "24" -> "9", "601.2" -> "9.9"). */
function form(option: string): string {
  return option.replace(/\d+/g, "9").replace(/[A-Za-z]+/g, "a");
}

/** Every reading of a glued row: with a display name fitting `field` in front, or (field undefined) without one. */
function splits(text: string, field: string | undefined): Split[] {
  const heads: { name?: string; rest: string }[] = [];
  if (field === undefined) heads.push({ rest: text });
  else {
    // A display name is words of letters; one that spells the field beats one that only abbreviates it, then the shortest.
    const names: { name: string; how: "exact" | "abbreviation" }[] = [];
    for (let k = 1; k < text.length; k++) {
      const name = text.slice(0, k);
      if (!/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(name)) continue;
      const how = fit(field, name);
      if (how) names.push({ name, how });
    }
    const best = names.find((n) => n.how === "exact") ?? names[0];
    if (best) heads.push({ name: best.name, rest: text.slice(best.name.length) });
  }
  const out: Split[] = [];
  for (const { name, rest } of heads) {
    const range = new RegExp(`^(\\d+\\s*${DASH}\\s*\\d+)\\s*(matches\\s+(?:the\\s+)?value\\b.*)$`, "i").exec(rest);
    if (range) {
      out.push({ ...(name ? { name } : {}), option: range[1]!, multiplier: "matches value" });
      continue;
    }
    for (let k = 1; k < rest.length; k++) {
      const option = rest.slice(0, k);
      const cell = parseMultiplierCell(rest.slice(k));
      if (!cell || cell.kind !== "decimal" || !/x$/i.test(rest) || /[.\s]$/.test(option) || cell.value === "0") continue;
      if (!/^\d/.test(rest.slice(k))) continue;
      out.push({ ...(name ? { name } : {}), option: option.trim(), multiplier: cell.value });
    }
  }
  return out;
}

