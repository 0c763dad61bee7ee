import { markdownTable } from "../markdown-table.js";
import { changeText, grouped, moneyText, priceText } from "../money.js";
import { jsonInteger, jsonText } from "../price-json.js";
import { toDecimal } from "../rational.js";
import type { RoundingRule } from "../rational.js";
import type { RequestProblem, Sampling, VerifyResult } from "./run.js";

/** What the report is about: the spec revision, the server, and how it was sampled. */
export interface VerifyReport {
  readonly spec: string;
  readonly baseUrl: string;
  readonly rounding: RoundingRule;
  readonly concurrency: number;
  readonly sample?: Sampling;
  readonly result: VerifyResult;
}

/** Differences between the spec and the server (what exit code 1 is about, with `unverified`). */
export function differenceCount(r: VerifyResult): number {
  return r.prices.length + r.schemas.length + r.schemaDifferencesOmitted + r.serverOnly.length + r.refused.length + r.missing.length;
}

/** Requests that could not be compared (failed, refused locally, or never sent because the run stopped). */
export function unverifiedCount(r: VerifyResult): number {
  return r.failed.length + (r.stopped !== undefined ? r.skipped : 0);
}

export function verifyOk(r: VerifyResult): boolean {
  return differenceCount(r) === 0 && unverifiedCount(r) === 0 && r.stopped === undefined;
}

function plural(n: number | bigint, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 || n === 1n ? one : many}`;
}

/** "3 differences: 1 price, 2 schema fields" or "no differences". */
export function resultLine(r: VerifyResult): string {
  const parts = [
    r.prices.length ? plural(r.prices.length, "price") : "",
    r.schemas.length + r.schemaDifferencesOmitted ? plural(r.schemas.length + r.schemaDifferencesOmitted, "input schema difference") : "",
    r.serverOnly.length ? plural(r.serverOnly.length, "model only on the server", "models only on the server") : "",
    r.missing.length ? plural(r.missing.length, "model missing on the server", "models missing on the server") : "",
    r.refused.length ? plural(r.refused.length, "combination refused", "combinations refused") : "",
  ].filter((p) => p !== "");
  const n = differenceCount(r);
  const head = n === 0 ? "no differences" : `${plural(n, "difference")}: ${parts.join(", ")}`;
  const unverified = unverifiedCount(r);
  const tail = unverified > 0 ? `; ${plural(unverified, "request")} not verified` : "";
  return `${head}${tail}${r.stopped !== undefined ? `; stopped early: ${r.stopped}` : ""}`;
}

export function verifyMarkdown(report: VerifyReport): string {
  const r = report.result;
  const sampled = report.sample ? ` (sample: up to ${grouped(report.sample.perModel)} per model, seed ${report.sample.seed}; \`--seed ${report.sample.seed}\` repeats it)` : "";
  const discount = r.discounted > 0 ? ` ${plural(r.discounted, "estimate")} carried an account discount (\`hasDiscount\`): the undiscounted figure was compared, the discount was not.` : "";
  const out = [
    `# Pricing verify: ${report.spec} against ${report.baseUrl}`,
    "",
    `${plural(r.models, "model")}: ${grouped(r.planned)} of ${plural(r.combinations, "combination")} sent to \`POST /v1/jobs/estimate\`${sampled}, ${grouped(r.compared)} answered and compared; ${plural(r.schemasCompared, "catalog input schema")} compared (\`GET /v1/catalog/models/{slug}\`).`,
    `Each estimate's undiscounted \`baseCostMicroCents\` is compared with the spec's exact price (rounded ${report.rounding}).${discount}`,
    "",
    `**Result:** ${resultLine(r)}.`,
    "",
  ];
  if (r.prices.length) {
    out.push(
      "## Prices that differ",
      "",
      markdownTable(
        ["model", "input", "local (spec)", "server", "difference"],
        r.prices.map((p) => [`\`${p.model}\``, p.combination, priceText(p.local), moneyText(BigInt(p.server)), changeText(p.difference)]),
        "llrrr",
      ),
      "",
    );
  }
  if (r.schemas.length || r.schemaDifferencesOmitted) {
    out.push("## Input schemas that differ", "", markdownTable(["model", "field", "difference"], r.schemas.map((d) => [`\`${d.model}\``, d.field === "" ? "(schema)" : d.field, d.message])), "");
    if (r.schemaDifferencesOmitted) out.push(`…and ${plural(r.schemaDifferencesOmitted, "more difference")} not listed.`, "");
  }
  if (r.serverOnly.length) {
    const shown = r.serverOnly.slice(0, LIST_LIMIT).map((s) => `- \`${s.replace(/`/g, "'")}\``);
    if (r.serverOnly.length > LIST_LIMIT) shown.push(`- …and ${grouped(r.serverOnly.length - LIST_LIMIT)} more (all of them in --json)`);
    out.push("## Models only on the server", "", ...shown, "");
  }
  if (r.missing.length) out.push("## Models missing on the server", "", problemTable(r.missing), "");
  if (r.refused.length) out.push("## Combinations the server refused", "", problemTable(r.refused), "");
  if (r.failed.length) out.push("## Not verified", "", problemTable(r.failed), "");
  if (r.stopped !== undefined) out.push(`Stopped early: ${r.stopped}. ${plural(r.skipped, "estimate")} not sent.`, "");
  return printable(out.join("\n"));
}

/** Models listed one per line in the Markdown report at most; --json has them all. */
const LIST_LIMIT = 100;

/**
 * Text a server sent (messages, field names, values) reaches the report: no control character of it
 * may reach a terminal (escape sequences could rewrite what is shown). Line breaks are the report's own.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

function problemTable(problems: readonly RequestProblem[]): string {
  return markdownTable(
    ["model", "request", "answer"],
    problems.map((p) => [p.model === "(all)" ? "(all)" : `\`${p.model}\``, p.what === "estimate" ? `estimate ${p.combination}` : p.what === "catalog" ? "catalog entry" : "catalog model list", p.failure.message]),
  );
}

/**
 * The report as one JSON document (shape documented in `pixelbyte pricing --help` and the README):
 * money as integer micro-cents (a decimal string beyond 2^53), exact prices as decimal strings.
 * JSON escapes C0 control characters itself; DEL, C1 and the line separators are escaped here too.
 */
export function verifyJson(report: VerifyReport): string {
  const r = report.result;
  const problem = (p: RequestProblem) => ({
    model: p.model,
    request: p.what,
    ...(p.combination !== undefined ? { combination: p.combination, input: p.input } : {}),
    code: p.failure.code,
    status: p.failure.status ?? null,
    requestId: p.failure.requestId ?? null,
    message: p.failure.message,
  });
  return `${jsonText({
    spec: report.spec,
    baseUrl: report.baseUrl,
    ok: verifyOk(r),
    differences: differenceCount(r),
    unverified: unverifiedCount(r),
    stopped: r.stopped ?? null,
    models: r.models,
    combinations: jsonInteger(r.combinations),
    sample: report.sample ? { perModel: report.sample.perModel, seed: report.sample.seed } : null,
    planned: r.planned,
    compared: r.compared,
    discounted: r.discounted,
    schemasCompared: r.schemasCompared,
    prices: r.prices.map((p) => ({
      model: p.model,
      combination: p.combination,
      input: p.input,
      localMicroCents: jsonInteger(p.local.microCents),
      localExactMicroCents: toDecimal(p.local.exact),
      serverMicroCents: p.server,
      differenceMicroCents: jsonInteger(p.difference),
      serverBaseMicroCents: p.serverBase,
      serverEstimatedMicroCents: p.serverEstimated,
      hasDiscount: p.hasDiscount,
      requestId: p.requestId ?? null,
    })),
    schemas: r.schemas.map((d) => ({
      model: d.model,
      field: d.field,
      change: d.change,
      keyword: d.keyword ?? null,
      spec: Object.hasOwn(d, "spec") ? d.spec : null,
      server: Object.hasOwn(d, "server") ? d.server : null,
      message: d.message,
    })),
    schemaDifferencesOmitted: r.schemaDifferencesOmitted,
    serverOnly: r.serverOnly,
    missing: r.missing.map(problem),
    refused: r.refused.map(problem),
    failed: r.failed.map(problem),
    skipped: r.skipped,
  }).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
