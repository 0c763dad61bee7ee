import { formatMicroCents } from "@pixelbyte/pricing/runtime";
import { ApiFailure } from "./http.js";

/** Account balances in micro-cents: charged at submit, refunded on cancel or failure. */
export class Ledger {
  private readonly balances = new Map<string, number>();
  private readonly charged = new Map<string, number>();

  /** `initial` undefined: unlimited. */
  constructor(private initial: number | undefined) {}

  balance(account: string): number | undefined {
    if (this.initial === undefined && !this.balances.has(account)) return undefined;
    return this.balances.get(account) ?? this.initial;
  }

  /** Sets one account's balance (undefined: unlimited again). */
  set(account: string, microCents: number | undefined): void {
    if (microCents === undefined) this.balances.delete(account);
    else this.balances.set(account, microCents);
  }

  /** Total charged minus refunds, per account: what a test compares with the sum of job costs. */
  spent(account: string): number {
    return this.charged.get(account) ?? 0;
  }

  charge(account: string, microCents: number): void {
    const balance = this.balance(account);
    if (balance !== undefined) {
      if (microCents > balance) {
        throw new ApiFailure("INSUFFICIENT_BALANCE", `Balance too low for this job: it costs ${formatMicroCents(microCents)} micro-cents, the balance is ${formatMicroCents(balance)}.`, {
          details: { requiredMicroCents: microCents, balanceMicroCents: balance },
        });
      }
      this.balances.set(account, balance - microCents);
    }
    this.charged.set(account, this.spent(account) + microCents);
  }

  refund(account: string, microCents: number): void {
    const balance = this.balance(account);
    if (balance !== undefined) this.balances.set(account, balance + microCents);
    this.charged.set(account, this.spent(account) - microCents);
  }
}
