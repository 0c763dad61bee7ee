import type { Ctx } from "./context.js";
import { ConfigurationError } from "./errors.js";
import type { Exit } from "./exit.js";

/** What the modular functions (uploadsOf, catalogOf, listJobs...) need from the client they are given. */
export interface Internals {
  readonly ctx: Ctx;
  /** The client's single exit (masks the key in whatever leaves). */
  readonly exit: Exit;
}

// Kept outside the client object: nothing enumerable, printable or serialisable reaches the key's transport.
const registry = new WeakMap<object, Internals>();

export function register(client: object, internals: Internals): void {
  registry.set(client, internals);
}

/** The internals of a client made by createClient; ConfigurationError for anything else. */
export function internalsOf(client: unknown, fn: string): Internals {
  const found = typeof client === "object" && client !== null ? registry.get(client) : undefined;
  if (found === undefined) {
    throw new ConfigurationError(`${fn}: the first argument must be a client made by createClient (from @pixelbyte/client or @pixelbyte/client/core)`, {
      code: "INVALID_OPTION",
      details: { option: "client" },
    });
  }
  return found;
}
