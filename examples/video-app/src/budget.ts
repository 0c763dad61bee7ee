import type { PriceQuote } from "@pixelbyte/pricing";

export type BudgetDecision = { ok: true; remainingAfter: number } | { ok: false; reason: string };

/**
 * The app's own spending rule, checked against the local price before a request is sent: a cap per
 * request and a cap per session. (The client enforces its own cumulative cap too; see app.ts.)
 */
export class BudgetGuard {
  #spent = 0;
  constructor(
    readonly perRequestMicroCents: number,
    readonly perSessionMicroCents: number,
  ) {}

  check(quote: PriceQuote): BudgetDecision {
    if (quote.microCents > this.perRequestMicroCents) {
      return { ok: false, reason: `${quote.microCents} µ¢ is above the ${this.perRequestMicroCents} µ¢ per-request cap` };
    }
    const remaining = this.perSessionMicroCents - this.#spent;
    if (quote.microCents > remaining) return { ok: false, reason: `${quote.microCents} µ¢ is above the ${remaining} µ¢ left in this session` };
    return { ok: true, remainingAfter: remaining - quote.microCents };
  }

  record(chargedMicroCents: number): void {
    this.#spent += chargedMicroCents;
  }

  get spentMicroCents(): number {
    return this.#spent;
  }
}
