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

/**
 * The internals of a client made by createClient or createBaseClient; ConfigurationError for
 * anything else. `usage` ("submit(client, model, input)") and `others` (the call's other arguments)
 * only shape the message: it says when the client was passed but not first, and when the value is
 * a look-alike (a copy, a Proxy, Object.create of a client, or a client of another installed copy
 * of the package: each copy has its own registry). The value itself is never quoted (it may be a key).
 */
export function internalsOf(client: unknown, fn: string, usage?: string, others: readonly unknown[] = []): Internals {
  const found = typeof client === "object" && client !== null ? registry.get(client) : undefined;
  if (found === undefined) {
    const later = usage !== undefined && others.some((a) => typeof a === "object" && a !== null && registry.has(a));
    throw new ConfigurationError(
      `${fn}: the first argument must be a client made by createClient or createBaseClient (from @pixelbyte/client or @pixelbyte/client/core; got ${kindOf(client)})` +
        (later ? `; the client goes first: ${usage}` : ""),
      { code: "INVALID_OPTION", details: { option: "client" } },
    );
  }
  return found;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
  let lookAlike = false;
  try {
    const v = value as { toJSON?: unknown; toString?: unknown };
    lookAlike = "baseUrl" in value && typeof v.toJSON === "function" && typeof v.toString === "function";
  } catch {
    // a Proxy whose traps throw is not a client either
  }
  return lookAlike
    ? "an object that looks like a client but is not one: a copy, Object.create or Proxy of a client, or a client of another installed copy of @pixelbyte/client; pass the client itself"
    : "an object";
}
