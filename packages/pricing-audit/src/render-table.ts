import { csv } from "./csv.js";
import { markdownTable } from "./markdown-table.js";
import { grouped, microCentsText, moneyText, priceText, usdText } from "./money.js";
import { isRounded } from "./price.js";
import { jsonInteger, jsonText, priceJson } from "./price-json.js";
import { toDecimal } from "./rational.js";
import { matrixOf, type PriceTable, type PricedCombination, type TableRow } from "./table.js";
import type { FactorSpec, ModelSpec } from "./types.js";
import { combinationText, factorText, inputOf, typedValue } from "./values.js";

export type TableFormat = "md" | "csv" | "json";

/** The intro line every table shares: counts, the unit of money and the rounding rule. */
function preamble(table: PriceTable, extra = ""): string {
  const { revision, rows } = table;
  const count = rows.length === revision.models.length ? `${rows.length} models` : `${rows.length} of ${revision.models.length} models`;
  return `${count}${extra}. Prices in micro-cents (1,000,000 µ¢ = $1), computed exactly and rounded once, ${revision.rounding}.`;
}

function baseText(model: ModelSpec): string {
  return `${moneyText(model.base)} per ${model.unit}`;
}

function defaultCell(row: TableRow): string {
  return "reason" in row.default ? `none: ${row.default.reason}` : priceText(row.default.price).replace(", exact", "\nexact");
}

function extremeCell(row: TableRow, which: PricedCombination): string {
  const price = priceText(which.price).replace(", exact", "\nexact");
  return row.model.factors.length === 0 ? price : `${price}\n${combinationText(row.model, which.combination)}`;
}

// ---- summary table -------------------------------------------------------------------------

export function tableMarkdown(table: PriceTable): string {
  const rows = table.rows.map((row) => [
    `\`${row.model.slug}\``,
    baseText(row.model),
    row.model.factors.length === 0 ? "(none: flat)" : row.model.factors.map(factorText).join("\n"),
    grouped(row.combinations),
    defaultCell(row),
    extremeCell(row, row.cheapest),
    extremeCell(row, row.dearest),
  ]);
  return [
    `# Prices: ${table.revision.label}`,
    "",
    preamble(table),
    "",
    markdownTable(["model", "base", "factors", "combinations", "default", "cheapest", "dearest"], rows, "lllrlll"),
    "",
  ].join("\n");
}

export function tableCsv(table: PriceTable): string {
  const head = [
    "model", "provider", "unit", "base_micro_cents", "factors", "combinations",
    "default_micro_cents", "default_exact_micro_cents", "default_usd",
    "cheapest_micro_cents", "cheapest_usd", "cheapest_input",
    "dearest_micro_cents", "dearest_usd", "dearest_input", "rounding",
  ];
  const rows = table.rows.map((row) => {
    const d = "reason" in row.default ? undefined : row.default.price;
    return [
      row.model.slug,
      row.model.provider ?? "",
      row.model.unit,
      row.model.base.toString(),
      row.model.factors.map(factorText).join("; "),
      row.combinations.toString(),
      d ? d.microCents.toString() : "",
      d ? toDecimal(d.exact) : "",
      d ? usdText(d.microCents) : "",
      row.cheapest.price.microCents.toString(),
      usdText(row.cheapest.price.microCents),
      combinationText(row.model, row.cheapest.combination),
      row.dearest.price.microCents.toString(),
      usdText(row.dearest.price.microCents),
      combinationText(row.model, row.dearest.combination),
      table.revision.rounding,
    ];
  });
  return `${csv(head, rows)}\n`;
}

export function tableJson(table: PriceTable): string {
  const { revision } = table;
  return `${jsonText({
    revision: revision.label,
    currency: revision.currency,
    rounding: revision.rounding,
    models: table.rows.map((row) => ({
      slug: row.model.slug,
      ...(row.model.provider !== undefined ? { provider: row.model.provider } : {}),
      ...(row.model.title !== undefined ? { title: row.model.title } : {}),
      unit: row.model.unit,
      baseMicroCents: jsonInteger(row.model.base),
      factors: row.model.factors.map(factorJson),
      combinations: jsonInteger(row.combinations),
      default: "reason" in row.default ? null : { input: inputOf(row.model, row.default.combination), ...priceJson(row.default.price) },
      ...("reason" in row.default ? { noDefault: row.default.reason } : {}),
      cheapest: { input: inputOf(row.model, row.cheapest.combination), ...priceJson(row.cheapest.price) },
      dearest: { input: inputOf(row.model, row.dearest.combination), ...priceJson(row.dearest.price) },
      source: row.model.source ?? null,
      checked: row.model.checked ?? null,
    })),
  })}\n`;
}

export function factorJson(f: FactorSpec): unknown {
  return {
    field: f.field,
    kind: f.kind,
    ...(f.type !== undefined ? { type: f.type } : {}),
    ...(f.default !== undefined ? { default: typedValue(f, f.default) } : {}),
    ...(f.range ? { min: f.range.min, max: f.range.max } : { values: f.values.map((v) => ({ value: typedValue(f, v.key), multiplier: v.text })) }),
  };
}

// ---- every combination ---------------------------------------------------------------------

function totalCombinations(table: PriceTable): bigint {
  return table.rows.reduce((n, r) => n + r.combinations, 0n);
}

export function matrixMarkdown(table: PriceTable): string {
  const { revision } = table;
  const out = [`# Every combination: ${revision.label}`, "", preamble(table, `, ${grouped(totalCombinations(table))} combinations`), ""];
  for (const row of table.rows) {
    const m = row.model;
    const product = [baseText(m), ...m.factors.map((f) => f.field)].join(" × ");
    out.push(`## \`${m.slug}\``, "", `${product}: ${grouped(row.combinations)} combination${row.combinations === 1n ? "" : "s"}.`, "");
    const head = [...(m.factors.length ? m.factors.map((f) => f.field) : ["input"]), "µ¢", "USD", `exact µ¢ where rounded (${revision.rounding})`];
    const rows = mapIterable(matrixOf(revision, m), ({ combination, price }) => [
      ...(m.factors.length ? combination.map((v) => v.key) : ["(no priced fields)"]),
      microCentsText(price.microCents),
      usdText(price.microCents),
      isRounded(price) ? microCentsText(price.exact) : "",
    ]);
    out.push(markdownTable(head, rows, `${"l".repeat(Math.max(1, m.factors.length))}rrr`), "");
  }
  return out.join("\n");
}

export function matrixCsv(table: PriceTable): string {
  const head = ["model", "input", "micro_cents", "exact_micro_cents", "usd", "exact_usd", "rounding"];
  const { revision } = table;
  function* rows(): Generator<string[]> {
    for (const row of table.rows) {
      for (const { combination, price } of matrixOf(revision, row.model)) {
        yield [
          row.model.slug,
          combinationText(row.model, combination),
          price.microCents.toString(),
          toDecimal(price.exact),
          usdText(price.microCents),
          usdText(price.exact),
          revision.rounding,
        ];
      }
    }
  }
  return `${csv(head, rows())}\n`;
}

export function matrixJson(table: PriceTable): string {
  const { revision } = table;
  return `${jsonText({
    revision: revision.label,
    currency: revision.currency,
    rounding: revision.rounding,
    combinations: jsonInteger(totalCombinations(table)),
    models: table.rows.map((row) => ({
      slug: row.model.slug,
      unit: row.model.unit,
      baseMicroCents: jsonInteger(row.model.base),
      combinations: jsonInteger(row.combinations),
      rows: [...mapIterable(matrixOf(revision, row.model), ({ combination, price }) => ({ input: inputOf(row.model, combination), ...priceJson(price) }))],
    })),
  })}\n`;
}

/** The table (or with `matrix`, every combination) in one format. */
export function renderTable(table: PriceTable, format: TableFormat, matrix: boolean): string {
  if (matrix) return format === "md" ? matrixMarkdown(table) : format === "csv" ? matrixCsv(table) : matrixJson(table);
  return format === "md" ? tableMarkdown(table) : format === "csv" ? tableCsv(table) : tableJson(table);
}

function* mapIterable<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
