import { createRedactor } from "@pixelbyte/client";
import { closestMatch } from "@pixelbyte/pricing/runtime";
import { demoCommand } from "./commands/demo.js";
import { modelsCommand } from "./commands/models.js";
import { priceCommand } from "./commands/price.js";
import { pricingDispatch } from "./commands/pricing.js";
import { runCommand } from "./commands/run.js";
import { serveCommand } from "./commands/serve.js";
import { RunError, UsageError } from "./errors.js";
import type { Io } from "./io.js";

export const USAGE = `usage: pixelbyte <command> [options]

  models [--provider X] [--json]                 every model, its base and default price
  price <model> [--set field=value ...] [--json] the exact price, factor by factor
  run <model> --set field=value ... [--wait]     price, submit, follow (PIXELBYTE_API_KEY, PIXELBYTE_BASE_URL)
  serve [--port 4010] [--cors ORIGIN]            a local PixelByte test API
  pricing table|diff|check ...                   audit the pricing spec
  demo                                           price and run a Kling O3 clip against a local test server
`;

const commands: Record<string, (args: string[], io: Io) => Promise<number>> = {
  models: modelsCommand,
  price: priceCommand,
  run: runCommand,
  serve: serveCommand,
  pricing: pricingDispatch,
  demo: demoCommand,
};

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
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  try {
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      const near = closestMatch(name, Object.keys(commands));
      throw new UsageError(`unknown command "${name}"; ${near ? `did you mean "${near}"?` : "run `pixelbyte help`"}`);
    }
    return await command(args, io);
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
