import { printInterfaceBody } from "./print-interface.js";

/** `{ ... }` body of a model's input interface, from its schema and its JSON pointer. */
export type InterfacePrinter = (schema: Record<string, unknown>, path: string) => string;

/**
 * The interface printer for these schemas: the direct printer (print-interface.ts) for every schema it
 * covers; openapi-typescript's own transform, imported only when some schema needs it, for the rest.
 */
export async function interfacePrinter(schemas: Iterable<Record<string, unknown>>): Promise<InterfacePrinter> {
  const direct = new Map<Record<string, unknown>, string | undefined>();
  for (const schema of schemas) direct.set(schema, printInterfaceBody(schema));
  const fallback = [...direct.values()].includes(undefined) ? (await import("./schema-to-ts.js")).interfaceBodyOf : undefined;
  return (schema, path) => (direct.has(schema) ? direct.get(schema) : printInterfaceBody(schema)) ?? (fallback ?? unavailable)(schema, path);
}

function unavailable(): never {
  throw new Error("interfacePrinter: a schema outside the ones it was made for");
}
