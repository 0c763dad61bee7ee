import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestMatch } from "@pixelbyte/pricing/runtime";
import { UsageError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, with unknown or malformed flags turned into one-line usage errors with a suggestion. */
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parse<O extends Options>(command: string, args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const near = closestMatch(unknown.replace(/^-+/, ""), Object.keys(options));
      throw new UsageError(`${command}: unknown option ${unknown}${near ? `; did you mean --${near}?` : ""}`);
    }
    throw new UsageError(`${command}: ${message.split("\n")[0]}`);
  }
}

export function integerFlag(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}
