import type { PriceCheck } from "./types.js";

/** What an error raised once a job exists says about that job. */
export interface JobFacts {
  readonly jobId: string;
  /** What the submit was charged (its costMicroCents), when known. */
  readonly chargedMicroCents?: number | undefined;
  /** The local price next to the charge (SubmitResult.price). */
  readonly price?: PriceCheck | undefined;
}

/**
 * Names the job (and its charge) on an error raised after the submit created it, so that no
 * failure of run/wait leaves a paid job nobody can find (issue 12 §5). Facts the error already
 * states (JobFailedError.jobId, PriceMismatchError.chargedMicroCents) are kept. A thrown value
 * that is not an extensible object (a string, a frozen error) cannot carry them and is rethrown
 * unchanged. Returns the same error.
 */
export function nameJob<E>(error: E, facts: JobFacts): E {
  if ((typeof error !== "object" && typeof error !== "function") || error === null || !Object.isExtensible(error)) return error;
  for (const key of ["jobId", "chargedMicroCents", "price"] as const) {
    const value = facts[key];
    if (value !== undefined && !Object.hasOwn(error, key)) {
      Object.defineProperty(error, key, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return error;
}
