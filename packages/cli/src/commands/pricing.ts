import type { CommandSpec } from "../command.js";
import { RunError } from "../errors.js";
import type { Io } from "../io.js";
import { countReporter } from "../progress.js";

export const pricingSpec = {
  name: "pricing",
  summary: "audit the pricing spec: tables, diffs (a CI gate), checks, drift against the live API",
  synopsis: "table|diff|check|verify ...",
  usage: "table|diff|check|verify ...",
  options: {},
} as const satisfies CommandSpec;

/** `pixelbyte pricing table|diff|check|verify ...`, implemented by @pixelbyte/pricing-audit (its own options and --help). */
export async function pricingDispatch(args: string[], io: Io): Promise<number> {
  let audit: typeof import("@pixelbyte/pricing-audit");
  try {
    // Loaded only for this command: the audit tools (and their YAML parser) stay off every other command's start-up.
    audit = await import("@pixelbyte/pricing-audit");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND") throw new RunError("pricing: @pixelbyte/pricing-audit is not installed (it provides pricing table|diff|check|verify)");
    throw error;
  }
  // `verify` reads the key from the same environment the CLI masks it with, and draws its progress with the CLI's.
  return audit.pricingCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, env: io.env, progress: (label) => countReporter(io, label) });
}
