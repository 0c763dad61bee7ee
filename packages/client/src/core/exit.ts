import type { Redactor } from "./redact.js";

/**
 * The client's single exit for errors: wraps each public method so that whatever it throws
 * (synchronously, as a rejection, or while an async iterator is consumed) leaves through
 * `redactor.error` and carries no secret.
 */
export type Exit = ReturnType<typeof createExit>;

export function createExit(redactor: Redactor) {
  const fail = (e: unknown): never => {
    throw redactor.error(e);
  };
  /** Runs `fn`, masking whatever it throws or its promise rejects with. */
  function run<R>(fn: () => R): R {
    try {
      const out = fn();
      return (out instanceof Promise ? out.catch(fail) : out) as R;
    } catch (e) {
      return fail(e);
    }
  }
  function method<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return (...args) => run(() => fn(...args));
  }
  async function* each<T>(it: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
    try {
      yield* it;
    } catch (e) {
      fail(e);
    }
  }
  /** Every function property of `api` wrapped by `method`. */
  function all<T extends object>(api: T): T {
    return Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v === "function" ? method(v as (...a: unknown[]) => unknown) : v])) as T;
  }
  return { run, method, each, all };
}
