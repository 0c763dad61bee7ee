import { ownValue } from "@pixelbyte/pricing/runtime";
import { usageError } from "./errors.js";

export interface OptionSpec {
  /** True for `--name <value>`, false for a switch. */
  readonly value: boolean;
  readonly repeat?: boolean;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Values of value options (several for a repeatable one). */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly switches: ReadonlySet<string>;
}

/** `--name value`, `--name=value` and switches; `--` ends the options. Anything unknown is a usage error. */
export function parseArgs(args: readonly string[], specs: Readonly<Record<string, OptionSpec>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      if (arg.startsWith("-") && arg !== "-") throw usageError(`${command}: unknown option ${arg}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = ownValue(specs, name);
    if (spec === undefined) throw usageError(`${command}: unknown option --${name}`);
    if (!spec.value) {
      if (eq >= 0) throw usageError(`${command}: --${name} takes no value`);
      switches.add(name);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === "") throw usageError(`${command}: --${name} needs a value`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && !spec.repeat) throw usageError(`${command}: --${name} given twice`);
    values.set(name, [...list, value]);
  }
  return { positionals, values, switches };
}

/** The one value of an option, or its fallback. */
export function single(parsed: ParsedArgs, name: string, fallback: string): string {
  return parsed.values.get(name)?.[0] ?? fallback;
}

/** An option's value restricted to a list of choices. */
export function choice<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[], fallback: T, command: string): T {
  const value = single(parsed, name, fallback);
  if (!choices.includes(value as T)) throw usageError(`${command}: --${name} must be one of ${choices.join(", ")} (got ${value})`);
  return value as T;
}
