import { ownValue } from "@pixelbyte/pricing/runtime";
import { microCentsText } from "./money.js";
import { combinationsOf, isRounded, priceOf, type Price } from "./price.js";
import { compare, isDecimalText, parseDecimal, toDecimal } from "./rational.js";
import type { ExampleSpec, FactorSpec, ModelSpec, PricedValue, Revision } from "./types.js";
import { checkProvenance, dayNumber } from "./provenance.js";
import { combinationText, inputOf } from "./values.js";

/** A second pricing implementation to compare with, e.g. @pixelbyte/pricing's `estimate`. */
export type Estimator = (slug: string, input: Readonly<Record<string, unknown>>) => { readonly microCents: number; readonly exactMicroCents: string };

export interface CheckOptions {
  /** Today, as YYYY-MM-DD (UTC). */
  readonly today: string;
  /** Entries whose `checked` date is older than this many days are listed as stale. */
  readonly maxAgeDays: number;
  /** Compared with for every worked example and every combination, when given. */
  readonly estimate?: Estimator;
  /** The slugs the other implementation prices: one it prices that the spec lacks is a problem. */
  readonly estimatedSlugs?: readonly string[];
  /** What the other implementation is called in messages. */
  readonly estimateName?: string;
}

export type ProblemKind = "example" | "combination" | "provenance" | "schema";

export interface CheckProblem {
  readonly model: string;
  readonly kind: ProblemKind;
  /** Where in the model's entry: "checked", "source", "examples[0]", a priced field, or a combination such as "q=2". */
  readonly field: string;
  readonly message: string;
}

/** Reports one problem of the model being checked. */
export type Report = (kind: ProblemKind, field: string, message: string) => void;

export interface StaleEntry {
  readonly model: string;
  readonly checked: string;
  readonly ageDays: number;
}

export interface CheckReport {
  readonly revision: Revision;
  readonly today: string;
  readonly maxAgeDays: number;
  readonly estimateName?: string;
  readonly models: number;
  readonly examples: number;
  /** Combinations recomputed with the audit's own rationals. */
  readonly combinations: bigint;
  /** Of those, the ones also priced by the other implementation and compared. */
  readonly compared: bigint;
  readonly problems: readonly CheckProblem[];
  readonly stale: readonly StaleEntry[];
}

/**
 * Recomputes every worked example and every combination with the audit's exact rationals, compares
 * each with the other implementation when one is given, and checks provenance: every entry has an
 * https source and a real checked date, and the ones older than `maxAgeDays` are listed.
 */
export function checkRevision(revision: Revision, options: CheckOptions): CheckReport {
  const problems: CheckProblem[] = [];
  const stale: StaleEntry[] = [];
  const todayDays = dayNumber(options.today);
  if (todayDays === undefined) throw new RangeError(`not a date: ${options.today}`);
  if (!revision.hasModelsFile) problems.push({ model: "(all)", kind: "schema", field: "models.yaml", message: "no models.yaml beside the pricing: field types and defaults are unknown" });
  let examples = 0;
  let combinations = 0n;
  let compared = 0n;
  for (const model of revision.models) {
    const report: Report = (kind, field, message) => problems.push({ model: model.slug, kind, field, message });
    checkProvenance(model, todayDays, options.maxAgeDays, report, stale);
    if (revision.hasModelsFile) checkSchema(model, report);
    if (model.examples.length === 0) report("example", "examples", "no worked example: add the docs page's own cost as one");
    for (const [i, example] of model.examples.entries()) {
      examples++;
      checkExample(model, revision, example, i, options, report);
    }
    let estimatorFailed = false;
    for (const combination of combinationsOf(model)) {
      combinations++;
      const mine = priceOf(model.base, combination, revision.rounding);
      if (!options.estimate || estimatorFailed) continue;
      const input = inputOf(model, combination);
      const theirs = tryEstimate(options.estimate, model.slug, input);
      if ("error" in theirs) {
        // One unknown model would otherwise be reported once per combination.
        if (/unknown model/i.test(theirs.error)) estimatorFailed = true;
        report("combination", combinationText(model, combination), `${combinationText(model, combination)}: ${options.estimateName ?? "the other implementation"} cannot price it: ${theirs.error}`);
        continue;
      }
      compared++;
      const difference = differs(mine, theirs, options.estimateName ?? "the other implementation");
      if (difference) report("combination", combinationText(model, combination), `${combinationText(model, combination)}: ${difference}`);
    }
  }
  const specSlugs = new Set(revision.models.map((m) => m.slug));
  for (const slug of options.estimatedSlugs ?? []) {
    if (!specSlugs.has(slug)) problems.push({ model: slug, kind: "combination", field: "(model)", message: `${options.estimateName ?? "the other implementation"} prices it, but the spec has no such model` });
  }
  return {
    revision,
    today: options.today,
    maxAgeDays: options.maxAgeDays,
    ...(options.estimateName !== undefined ? { estimateName: options.estimateName } : {}),
    models: revision.models.length,
    examples,
    combinations,
    compared,
    problems,
    stale,
  };
}

function checkSchema(model: ModelSpec, report: Report): void {
  if (!model.hasSchema) {
    report("schema", "input schema", "no input schema in models.yaml: the types and defaults of its priced fields are unknown");
    return;
  }
  for (const f of model.factors) {
    if (f.type === undefined) report("schema", f.field, `priced field "${f.field}" is not a string, boolean, integer or number field of the input schema`);
    else if (f.default !== undefined && !f.values.some((v) => v.key === f.default)) {
      report("schema", f.field, `the default of "${f.field}" (${f.default}) has no price, so a call omitting it cannot be priced`);
    }
  }
}

function checkExample(model: ModelSpec, revision: Revision, example: ExampleSpec, i: number, options: CheckOptions, reportAny: Report): void {
  const name = `example ${i + 1}`;
  const report = (kind: ProblemKind, message: string) => reportAny(kind, `examples[${i}]`, message);
  const values: PricedValue[] = [];
  for (const f of model.factors) {
    const given = ownValue(example.input, f.field);
    const key = given === undefined ? f.default : String(given);
    if (key === undefined) return report("example", `${name} omits "${f.field}", which has no default`);
    if (given !== undefined && !typeMatches(f, given)) {
      return report("example", `${name} gives "${f.field}" as ${JSON.stringify(given)}, but the field is a ${f.type} (the API would refuse it)`);
    }
    const value = f.values.find((v) => v.key === key);
    if (value === undefined) return report("example", `${name}: ${f.field}=${key} has no price`);
    values.push(value);
  }
  const price = priceOf(model.base, values, revision.rounding);
  if (price.microCents !== example.microCents) {
    const exact = isRounded(price) ? ` (exact ${microCentsText(price.exact)}, rounded ${revision.rounding})` : "";
    report("example", `${name} says ${microCentsText(example.microCents)} µ¢, the spec prices it at ${microCentsText(price.microCents)} µ¢${exact}`);
  } else if (example.exact !== undefined && compare(parseDecimal(example.exact), price.exact) !== 0) {
    report("example", `${name} says exact ${example.exact}, the spec computes ${toDecimal(price.exact)}`);
  } else if (example.exact === undefined && isRounded(price)) {
    report("example", `${name} is rounded (exact ${toDecimal(price.exact)} → ${price.microCents}, ${revision.rounding}) but gives no exact value`);
  }
  if (options.estimate) {
    const theirs = tryEstimate(options.estimate, model.slug, example.input);
    const who = options.estimateName ?? "the other implementation";
    if ("error" in theirs) report("example", `${name}: ${who} cannot price it: ${theirs.error}`);
    else if (BigInt(theirs.microCents) !== example.microCents) report("example", `${name} says ${microCentsText(example.microCents)} µ¢, ${who} prices it at ${microCentsText(BigInt(theirs.microCents))} µ¢`);
  }
}

function typeMatches(f: FactorSpec, value: unknown): boolean {
  switch (f.type) {
    case undefined:
      return true;
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
  }
}

function tryEstimate(estimate: Estimator, slug: string, input: Readonly<Record<string, unknown>>): { microCents: number; exactMicroCents: string } | { error: string } {
  try {
    const q = estimate(slug, input);
    return { microCents: q.microCents, exactMicroCents: q.exactMicroCents };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** "the spec prices it at 2,040,000 µ¢, <who> at 2,004,000 µ¢", or undefined when both agree exactly. */
function differs(mine: Price, theirs: { microCents: number; exactMicroCents: string }, who: string): string | undefined {
  if (!Number.isSafeInteger(theirs.microCents) || BigInt(theirs.microCents) !== mine.microCents) {
    const other = Number.isSafeInteger(theirs.microCents) ? `${microCentsText(BigInt(theirs.microCents))} µ¢` : String(theirs.microCents);
    return `the spec prices it at ${microCentsText(mine.microCents)} µ¢, ${who} at ${other}`;
  }
  if (!isDecimalText(theirs.exactMicroCents) || compare(parseDecimal(theirs.exactMicroCents), mine.exact) !== 0) {
    return `the exact price is ${toDecimal(mine.exact)} by the spec, ${theirs.exactMicroCents} by ${who}`;
  }
  return undefined;
}
