import { parseArgs } from "node:util";
import { closestMatch } from "@pixelbyte/pricing/runtime";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";

// One declaration per command: its options drive both node:util parseArgs and the command's --help,
// so an option cannot exist without being listed in the help.

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  /** What the value looks like in the help: "field=value", "URL", "N". */
  readonly value?: string;
  readonly description: string;
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  readonly name: string;
  /** One short line for `pixelbyte help`, and the first line of the command's own help. */
  readonly summary: string;
  /** The arguments shown beside the name in `pixelbyte help`, e.g. "<model> [--set field=value ...]". */
  readonly synopsis: string;
  /** What follows `pixelbyte <name>` in the usage line, e.g. "<model> [--set field=value ...]". */
  readonly usage: string;
  /** A few lines after the summary: what it does, defaults, where values come from. */
  readonly details?: string;
  readonly options: O;
  readonly examples?: readonly string[];
}

export type Command = (args: string[], io: Io) => Promise<number>;

type ParseOptions<O extends Record<string, OptionSpec>> = { [K in keyof O]: { type: O[K]["type"]; multiple?: boolean } };

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : O[K]["multiple"] extends true ? string[] : string;
};

export interface Parsed<O extends Record<string, OptionSpec>> {
  values: Values<O>;
  positionals: string[];
  /** The positional right after each `--set` value, when there is one (to explain `--set field value`). */
  followers: ReadonlyMap<number, string>;
}

/** True when the arguments ask for help: `-h` or `--help` anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/** node:util parseArgs with the command's options; unknown or malformed flags become one-line usage errors with a suggestion. */
export function parse<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>, args: string[]): Parsed<O> {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]),
  ) as ParseOptions<O>;
  let result;
  try {
    result = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const near = closestMatch(unknown.replace(/^-+/, ""), Object.keys(spec.options));
      throw new UsageError(`${spec.name}: unknown option ${unknown}${near ? `; did you mean --${near}?` : ""} (see pixelbyte ${spec.name} --help)`);
    }
    throw new UsageError(`${spec.name}: ${message.split("\n")[0]} (see pixelbyte ${spec.name} --help)`);
  }
  // For each option value, the positional that directly follows it (`--set duration 10` -> "10").
  const followers = new Map<number, string>();
  const tokens = result.tokens ?? [];
  let setIndex = -1;
  tokens.forEach((token, i) => {
    if (token.kind !== "option" || token.name !== "set") return;
    setIndex++;
    const next = tokens[i + 1];
    if (next?.kind === "positional") followers.set(setIndex, next.value);
  });
  return { values: result.values as Values<O>, positionals: result.positionals, followers };
}

/** `pixelbyte <name> --help`: usage, what it does, every option with its value and meaning, examples. */
export function helpText(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, o]) => ({
    // "--set field=value ..." : the trailing dots say the option repeats.
    flag: `--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}${o.multiple ? " ..." : ""}`,
    text: o.description,
  }));
  flags.push({ flag: "-h, --help", text: "this help" });
  const width = Math.max(...flags.map((f) => f.flag.length));
  const lines = [`usage: pixelbyte ${spec.name}${spec.usage ? ` ${spec.usage}` : ""}`, "", spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1) + "."];
  if (spec.details) lines.push("", spec.details);
  lines.push("", "options:", ...flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.text}`));
  if (spec.examples?.length) lines.push("", "examples:", ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}
