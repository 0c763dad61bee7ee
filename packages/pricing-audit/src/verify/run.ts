import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import { globMatches } from "../glob.js";
import { combinationAt, combinationCount, priceOf, type Combination, type Price } from "../price.js";
import type { ModelSpec, Revision } from "../types.js";
import { combinationText, inputOf } from "../values.js";
import { classify, oneLine, type Remote, type RemoteFailure, type ServerEstimate } from "./remote.js";
import { estimateInput } from "./request-input.js";
import { sampleIndices } from "./sample.js";
import { compareInputSchemas, type SchemaDifference } from "./schema-compare.js";

/** Which combinations of each model to send: every one, or `perModel` chosen with `seed`. */
export interface Sampling {
  readonly perModel: number;
  readonly seed: number;
}

export interface VerifyRunOptions {
  readonly remote: Remote;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly sample?: Sampling;
  /** The --model globs (empty: every model): also which of the server's extra models are reported. */
  readonly globs: readonly string[];
  /** After each request: how many are done of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Failed requests in a row (after the client's own retries) after which the run stops. */
  readonly maxConsecutiveFailures?: number;
}

/** A combination whose server estimate is not the local exact price. */
export interface PriceDifference {
  readonly model: string;
  /** "duration=10, has_sound=true". */
  readonly combination: string;
  /** The priced fields as sent (typed); required unpriced fields were sent with placeholders. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly local: Price;
  /** The server's figure that differs: `baseCostMicroCents` (undiscounted), or the estimate when no discount was claimed. */
  readonly server: number;
  /** server − local, in micro-cents. */
  readonly difference: bigint;
  readonly serverBase: number;
  readonly serverEstimated: number;
  readonly hasDiscount: boolean;
  readonly requestId: string | undefined;
}

/** A request that gave nothing to compare. */
export interface RequestProblem {
  readonly model: string;
  /** estimate: one combination; catalog: the model's catalog entry; models: the catalog's model list. */
  readonly what: "estimate" | "catalog" | "models";
  readonly combination?: string;
  readonly input?: Readonly<Record<string, unknown>>;
  readonly failure: RemoteFailure;
}

export interface ModelSchemaDifference extends SchemaDifference {
  readonly model: string;
}

export interface VerifyResult {
  readonly models: number;
  /** Combinations of the verified models, and how many of them were planned (all, or the sample). */
  readonly combinations: bigint;
  readonly planned: number;
  /** Estimates answered and compared; of those, how many carried an account discount. */
  readonly compared: number;
  readonly discounted: number;
  readonly schemasCompared: number;
  readonly prices: readonly PriceDifference[];
  readonly schemas: readonly ModelSchemaDifference[];
  /** Schema differences left out per model beyond the limit. */
  readonly schemaDifferencesOmitted: number;
  /** Models in the catalog's list (matching the globs) that the spec does not have. */
  readonly serverOnly: readonly string[];
  /** 400 answers to an input the spec prices. */
  readonly refused: readonly RequestProblem[];
  /** Models the server does not know or closes (estimate or catalog). */
  readonly missing: readonly RequestProblem[];
  /** Requests that failed (or were refused locally by the client): not verified. */
  readonly failed: readonly RequestProblem[];
  /** Estimates never sent because their model was missing or the run stopped. */
  readonly skipped: number;
  /** Why the run stopped before the end, when it did. */
  readonly stopped?: string;
}

export const DEFAULT_MAX_CONSECUTIVE_FAILURES = 8;

interface Planned {
  readonly model: ModelSpec;
  readonly order: number;
  readonly combinations: readonly { readonly index: bigint; readonly combination: Combination }[];
}

/** The combinations to send, per model, in a fixed order (whatever the concurrency). */
export function planCombinations(models: readonly ModelSpec[], sample: Sampling | undefined): Planned[] {
  return models.map((model, order) => {
    const total = combinationCount(model);
    const indices = sample === undefined ? Array.from({ length: Number(total) }, (_, i) => BigInt(i)) : sampleIndices(total, sample.perModel, sample.seed, model.slug);
    return { model, order, combinations: indices.map((index) => ({ index, combination: combinationAt(model, index) })) };
  });
}

/**
 * Sends every planned estimate and one catalog request per model (plus the catalog's model list)
 * through `remote`, `concurrency` at a time, and compares each answer with the local exact price
 * and the spec's input schema. Never throws for what a server answers; stops early on an answer
 * that means nothing else will work (the key refused) or after too many failures in a row.
 */
export async function verifyModels(revision: Revision, models: readonly ModelSpec[], options: VerifyRunOptions): Promise<VerifyResult> {
  const plan = planCombinations(models, options.sample);
  const planned = plan.reduce((n, p) => n + p.combinations.length, 0);
  const limit = pLimit(options.concurrency);
  const stop = new AbortController();
  // Every request in flight listens to it (the client adds one listener per attempt and per wait).
  setMaxListeners(4 * options.concurrency + 10, stop.signal);
  const maxFailures = options.maxConsecutiveFailures ?? DEFAULT_MAX_CONSECUTIVE_FAILURES;
  const total = planned + models.length + 1;
  let done = 0;
  let failuresInARow = 0;
  let stopped: string | undefined;
  let compared = 0;
  let discounted = 0;
  let schemasCompared = 0;
  let omitted = 0;
  let skipped = 0;
  const gone = new Set<string>();
  const reported = new Set<string>();
  const prices: (PriceDifference & { key: [number, bigint] })[] = [];
  const schemas: (ModelSchemaDifference & { key: [number, number] })[] = [];
  const refused: (RequestProblem & { key: [number, bigint] })[] = [];
  const missing: (RequestProblem & { key: [number, number] })[] = [];
  const failed: (RequestProblem & { key: [number, bigint] })[] = [];
  let serverSlugs: string[] | undefined;

  const tick = () => options.onProgress?.(++done, total);
  /** Files a failed request under what it means (see FailureKind), and stops the run when it must. */
  const onFailure = (error: unknown, problem: Omit<RequestProblem, "failure">, key: [number, bigint], modelWide: (f: RemoteFailure) => boolean): void => {
    const failure = classify(error);
    if (failure === undefined) return; // aborted by the run itself
    if (failure.kind === "fatal") {
      halt(`the server refused the request: ${failure.message}`);
      return;
    }
    if (failure.kind === "missing" || modelWide(failure)) {
      // Once per model and request kind: the model's other estimates are not sent.
      const once = `${problem.what}\u0000${problem.model}`;
      if (!reported.has(once)) missing.push({ ...problem, failure, key: [key[0], problem.what === "catalog" ? 0 : 1] });
      reported.add(once);
      if (problem.what === "estimate") gone.add(problem.model);
      failuresInARow = 0;
      return;
    }
    if (failure.kind === "refused") {
      refused.push({ ...problem, failure, key });
      failuresInARow = 0;
      return;
    }
    failed.push({ ...problem, failure, key });
    if (failure.kind === "failed" && ++failuresInARow >= maxFailures) {
      const hint = failure.status === 429 ? "; the server is limiting the rate: try a lower --concurrency" : "";
      halt(`${maxFailures} requests in a row failed (the last: ${failure.message})${hint}`);
    }
  };
  const halt = (why: string) => {
    if (stopped !== undefined) return;
    stopped = why;
    stop.abort();
  };

  const tasks: (() => Promise<void>)[] = [];
  tasks.push(async () => {
    try {
      if (!stop.signal.aborted) serverSlugs = await options.remote.slugs(stop.signal);
      failuresInARow = 0;
    } catch (error) {
      onFailure(error, { model: "(all)", what: "models" }, [-1, 0n], () => false);
    }
    tick();
  });
  for (const { model, order, combinations } of plan) {
    tasks.push(async () => {
      try {
        if (stop.signal.aborted) return;
        const { schema } = await options.remote.inputSchema(model.slug, stop.signal);
        failuresInARow = 0;
        schemasCompared++;
        const comparison = compareInputSchemas(model.inputSchema ?? {}, schema);
        comparison.differences.forEach((d, i) => schemas.push({ model: model.slug, ...d, key: [order, i] }));
        omitted += comparison.omitted;
      } catch (error) {
        onFailure(error, { model: model.slug, what: "catalog" }, [order, -1n], (f) => f.status === 404);
      } finally {
        tick();
      }
    });
    for (const { index, combination } of combinations) {
      tasks.push(async () => {
        try {
          if (stop.signal.aborted || gone.has(model.slug)) {
            skipped++;
            return;
          }
          const input = estimateInput(model, combination);
          const problem = { model: model.slug, what: "estimate" as const, combination: combinationText(model, combination), input: inputOf(model, combination) };
          let answer: ServerEstimate;
          try {
            answer = await options.remote.estimate(model.slug, input, stop.signal);
          } catch (error) {
            onFailure(error, problem, [order, index], (f) => f.kind === "local" && isUnknownModel(error));
            return;
          }
          const bad = badFigure(answer);
          if (bad !== undefined) {
            failed.push({ ...problem, failure: { kind: "failed", code: "INVALID_RESPONSE", status: 200, requestId: answer.requestId, message: oneLine(bad) }, key: [order, index] });
            return;
          }
          failuresInARow = 0;
          compared++;
          if (answer.hasDiscount) discounted++;
          const local = priceOf(model.base, combination, revision.rounding);
          // The undiscounted base is what the spec's price is; without a discount the estimate must match too.
          const server = BigInt(answer.baseCostMicroCents) !== local.microCents ? answer.baseCostMicroCents : !answer.hasDiscount && BigInt(answer.estimatedCostMicroCents) !== local.microCents ? answer.estimatedCostMicroCents : undefined;
          if (server === undefined) return;
          prices.push({
            ...problem,
            local,
            server,
            difference: BigInt(server) - local.microCents,
            serverBase: answer.baseCostMicroCents,
            serverEstimated: answer.estimatedCostMicroCents,
            hasDiscount: answer.hasDiscount,
            requestId: answer.requestId,
            key: [order, index],
          });
        } finally {
          tick();
        }
      });
    }
  }
  await Promise.all(tasks.map((task) => limit(task)));

  const specSlugs = new Set(revision.models.map((m) => m.slug));
  // The server's slugs are anything it sends: matched without a regular expression (no backtracking).
  const serverOnly = (serverSlugs ?? []).filter((s) => !specSlugs.has(s) && (options.globs.length === 0 || options.globs.some((g) => globMatches(g, s))));
  return {
    models: models.length,
    combinations: models.reduce((n, m) => n + combinationCount(m), 0n),
    planned,
    compared,
    discounted,
    schemasCompared,
    prices: sorted(prices),
    schemas: sorted(schemas),
    schemaDifferencesOmitted: omitted,
    serverOnly: [...new Set(serverOnly)].sort(),
    refused: sorted(refused),
    missing: sorted(missing),
    failed: sorted(failed),
    skipped,
    ...(stopped !== undefined ? { stopped } : {}),
  };
}

/** The client's local refusal of an unknown model: the spec has a model the generated client lacks. */
function isUnknownModel(error: unknown): boolean {
  return (error as { rule?: unknown }).rule === "known-model";
}

/** Why the server's figures cannot be compared (not integers of micro-cents), or undefined. */
function badFigure(a: ServerEstimate): string | undefined {
  for (const [name, value] of [["baseCostMicroCents", a.baseCostMicroCents], ["estimatedCostMicroCents", a.estimatedCostMicroCents]] as const) {
    if (!Number.isSafeInteger(value) || value < 0) return `the estimate's ${name} is not a whole number of micro-cents (got ${String(value)})`;
  }
  return undefined;
}

/** In plan order (model, then combination), with the sort key dropped. */
function sorted<T extends { key: readonly [number, number | bigint] }>(items: T[]): Omit<T, "key">[] {
  return items
    .sort((a, b) => a.key[0] - b.key[0] || (a.key[1] < b.key[1] ? -1 : a.key[1] > b.key[1] ? 1 : 0))
    .map(({ key: _key, ...rest }) => rest);
}
