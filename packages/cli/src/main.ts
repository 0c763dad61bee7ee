import { createRedactor } from "@pixelbyte/client";
import { closestMatch, describeValue } from "@pixelbyte/pricing/runtime";
import { helpText, wantsHelp, type Command, type CommandSpec } from "./command.js";
import { demoCommand, demoSpec } from "./commands/demo.js";
import { modelsCommand, modelsSpec } from "./commands/models.js";
import { priceCommand, priceSpec } from "./commands/price.js";
import { pricingDispatch, pricingSpec } from "./commands/pricing.js";
import { runCommand, runSpec } from "./commands/run.js";
import { serveCommand, serveSpec } from "./commands/serve.js";
import { specDispatch, specSpec } from "./commands/spec.js";
import { RunError, UsageError } from "./errors.js";
import { asTyped, selfCommand } from "./invocation.js";
import type { Io } from "./io.js";

const helpSpec = {
  name: "help",
  summary: "this overview, or one command's options",
  synopsis: "[command [subcommand]]",
  usage: "[command [subcommand]]",
  options: {},
  examples: ["pixelbyte help run", "pixelbyte help pricing diff"],
} as const satisfies CommandSpec;

const commands: Record<string, { spec: CommandSpec; run: Command }> = {
  models: { spec: modelsSpec, run: modelsCommand },
  price: { spec: priceSpec, run: priceCommand },
  run: { spec: runSpec, run: runCommand },
  serve: { spec: serveSpec, run: serveCommand },
  pricing: { spec: pricingSpec, run: pricingDispatch },
  spec: { spec: specSpec, run: specDispatch },
  demo: { spec: demoSpec, run: demoCommand },
  help: { spec: helpSpec, run: async () => 0 },
};

function overview(): string {
  const specs = Object.values(commands).map((c) => c.spec);
  const left = specs.map((s) => `${s.name} ${s.synopsis}`.trimEnd());
  const width = Math.max(...left.map((l) => l.length));
  return [
    "usage: pixelbyte <command> [options]",
    "",
    ...specs.map((s, i) => `  ${left[i]!.padEnd(width)}  ${s.summary}`),
    "",
    "Every command lists its options with --help (or -h): pixelbyte run --help, pixelbyte help run.",
    "Prices are integer micro-cents (1,000,000 µ¢ = $1).",
    "Exit codes: 0 done; 1 failed while running (API error, failed job); 2 a mistake in the command.",
    "",
  ].join("\n");
}

/** `pixelbyte help`, for `pixelbyte` with no command and for tools that print it (check:packages runs `--help`). */
export const USAGE = overview();

/** The examples of a command's help spelled as this process was started (`pnpm pixelbyte` inside the repository). */
function commandHelp(spec: CommandSpec, io: Io): string {
  const self = selfCommand(io.env);
  return helpText(spec.examples ? { ...spec, examples: spec.examples.map((e) => asTyped(e, self)) } : spec);
}

function findCommand(name: string): { spec: CommandSpec; run: Command } {
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command) return command;
  const near = closestMatch(name, Object.keys(commands));
  throw new UsageError(`unknown command ${describeValue(name)}; ${near ? `did you mean "${near}"?` : "run `pixelbyte help`"}`);
}

/** Commands with subcommands of their own, which answer --help themselves. */
function ownsHelp(spec: CommandSpec): boolean {
  return spec === pricingSpec || spec === specSpec;
}

/** `pixelbyte help [command [subcommand]]` and `pixelbyte <command> --help`. */
async function help(topic: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = topic;
  if (name === undefined) {
    io.stdout(USAGE);
    return 0;
  }
  const command = findCommand(name);
  // `pricing` and `spec` have their own subcommands and help (@pixelbyte/pricing-audit).
  if (ownsHelp(command.spec)) return command.run([...rest.filter((a) => a !== "--help" && a !== "-h"), "--help"], io);
  io.stdout(commandHelp(command.spec, io));
  return 0;
}

/**
 * The keys this run holds: PIXELBYTE_API_KEY and every --api-key value. `serve` is left out: the
 * keys it is given are test-server keys it exists to print, and it never reads PIXELBYTE_API_KEY.
 */
function secretsOf(argv: readonly string[], env: Io["env"]): string[] {
  if (argv[0] === "serve") return [];
  const keys = [env.PIXELBYTE_API_KEY ?? ""];
  argv.forEach((arg, i) => {
    if (arg === "--api-key") keys.push(argv[i + 1] ?? "");
    else if (arg.startsWith("--api-key=")) keys.push(arg.slice("--api-key=".length));
  });
  return keys;
}

/** Runs one command; every failure becomes one line on stderr and an exit code (2 usage, 1 run). */
export async function main(argv: string[], rawIo: Io): Promise<number> {
  // Everything printed (results, errors, stacks) goes through the client's one redaction.
  const redactor = createRedactor(secretsOf(argv, rawIo.env));
  const io: Io = { ...rawIo, stdout: (s) => rawIo.stdout(redactor.text(s)), stderr: (s) => rawIo.stderr(redactor.text(s)) };
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stdout(USAGE);
    return 2;
  }
  try {
    if (name === "help" || name === "--help" || name === "-h") {
      const topic = args.filter((a) => a !== "--help" && a !== "-h");
      // `pixelbyte help --help` is the help of help.
      return await help(name === "help" && topic.length === 0 && topic.length < args.length ? ["help"] : topic, io);
    }
    const command = findCommand(name);
    if (!ownsHelp(command.spec) && wantsHelp(args)) return await help([name], io);
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RunError) {
      io.stderr(`pixelbyte: ${error.message}\n`);
      return error.exitCode;
    }
    // Unexpected: still one line, no stack (PIXELBYTE_DEBUG=1 shows it).
    io.stderr(`pixelbyte: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env.PIXELBYTE_DEBUG) io.stderr(`${(error as Error)?.stack}\n`);
    return 1;
  }
}
