import { PricingError, type PriceQuote } from "@pixelbyte/pricing/runtime";
import { integerOption, optionsObject } from "./check.js";
import { BudgetExceededError, PriceUnavailableError } from "./errors.js";
import type { ModelDescriptor } from "./model.js";

export interface BudgetOptions {
  /** Cap on the sum of every submit this client makes, in micro-cents (1,000,000 = $1). */
  limitMicroCents: number;
}

export interface BudgetState {
  readonly limitMicroCents: number;
  /** Charged by the server (or, when its answer was lost, the local price). Refunds are not added back. */
  readonly spentMicroCents: number;
  /** Held by submits in flight. */
  readonly reservedMicroCents: number;
  readonly remainingMicroCents: number;
}

export type LocalPrice =
  | { readonly quote: PriceQuote; readonly reason?: undefined; readonly cause?: undefined }
  | { readonly quote: undefined; readonly reason: string; readonly cause?: unknown };

/** A model as far as pricing goes; a model without a price function has no local price. */
export interface PricedModel {
  readonly slug: string;
  readonly price?: ModelDescriptor["price"] | undefined;
}

/** The model's exact local price of `input`, or why there is none (unpriced model or value). Never a silent 0. */
export function localPrice(model: PricedModel, input: Readonly<Record<string, unknown>>): LocalPrice {
  if (typeof model.price !== "function") return { quote: undefined, reason: `${model.slug} has no local price` };
  let quote: PriceQuote;
  try {
    quote = model.price(input);
  } catch (e) {
    if (e instanceof PricingError) return { quote: undefined, reason: e.message, cause: e };
    throw e;
  }
  // A budget compares integers: a NaN passes every comparison (and then every later submit), a
  // negative or fractional amount frees budget. A quote for another slug is not this call's price.
  const m = typeof quote === "object" && quote !== null ? quote.microCents : undefined;
  if (typeof m !== "number" || !Number.isSafeInteger(m) || m < 0) {
    return { quote: undefined, reason: `${model.slug}: the price function returned ${typeof m === "number" ? m : typeof m} µ¢, not a non-negative safe integer` };
  }
  if (quote.model !== model.slug) return { quote: undefined, reason: `${model.slug}: the price function priced another model` };
  return { quote };
}

/** A micro-cents option: a non-negative safe integer (NaN would make every comparison false and let anything through). */
export function checkMicroCents(name: string, value: unknown): number {
  return integerOption(name, value, 0, Number.MAX_SAFE_INTEGER);
}

export interface Reservation {
  /** The job exists: count what it was charged. */
  commit(chargedMicroCents: number): void;
  /** No job was created: free the hold. */
  release(): void;
}

/**
 * The cumulative client budget. A submit reserves its local price synchronously before sending,
 * so concurrent submits cannot together overshoot the limit.
 */
export class BudgetLedger {
  readonly limitMicroCents: number;
  #spent = 0;
  #reserved = 0;

  constructor(options: BudgetOptions) {
    optionsObject("budget", options);
    this.limitMicroCents = checkMicroCents("budget.limitMicroCents", (options as BudgetOptions | undefined)?.limitMicroCents);
  }

  get state(): BudgetState {
    return {
      limitMicroCents: this.limitMicroCents,
      spentMicroCents: this.#spent,
      reservedMicroCents: this.#reserved,
      remainingMicroCents: Math.max(0, this.limitMicroCents - this.#spent - this.#reserved),
    };
  }

  reserve(model: string, quote: PriceQuote): Reservation {
    const held = this.#spent + this.#reserved;
    if (held + quote.microCents > this.limitMicroCents) {
      throw new BudgetExceededError({
        scope: "client",
        model,
        limitMicroCents: this.limitMicroCents,
        priceMicroCents: quote.microCents,
        exactMicroCents: quote.exactMicroCents,
        spentMicroCents: held,
      });
    }
    this.#reserved += quote.microCents;
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      this.#reserved -= quote.microCents;
      return true;
    };
    return {
      commit: (charged) => {
        if (close()) this.#spent += Number.isFinite(charged) && charged >= 0 ? charged : quote.microCents;
      },
      release: () => {
        close();
      },
    };
  }
}

export interface Guarded {
  readonly quote: PriceQuote | undefined;
  /** Why there is no quote, when there is none. */
  readonly noQuoteReason: string | undefined;
  readonly reservation: Reservation | undefined;
}

/**
 * Prices the call locally and applies the per-call cap and the client budget. Throws (nothing sent)
 * when over either, or when a budget applies but the price cannot be computed.
 */
export function guardBudget(
  model: PricedModel,
  input: Readonly<Record<string, unknown>>,
  maxCostMicroCents: number | undefined,
  ledger: BudgetLedger | undefined,
): Guarded {
  const price = localPrice(model, input);
  if (maxCostMicroCents === undefined && ledger === undefined) {
    return { quote: price.quote, noQuoteReason: price.reason, reservation: undefined };
  }
  if (price.quote === undefined) {
    throw new PriceUnavailableError(`Cannot check the budget: ${price.reason}; nothing was sent`, {
      code: "PRICE_UNAVAILABLE",
      cause: price.cause,
      details: { model: model.slug },
    });
  }
  const quote = price.quote;
  if (maxCostMicroCents !== undefined && quote.microCents > checkMicroCents("maxCostMicroCents", maxCostMicroCents)) {
    throw new BudgetExceededError({
      scope: "call",
      model: model.slug,
      limitMicroCents: maxCostMicroCents,
      priceMicroCents: quote.microCents,
      exactMicroCents: quote.exactMicroCents,
    });
  }
  return { quote, noQuoteReason: undefined, reservation: ledger?.reserve(model.slug, quote) };
}
