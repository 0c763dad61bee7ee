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

/**
 * @pixelbyte/pricing-audit, which implements `pricing` and `spec`. Loaded only for those commands: the
 * audit tools (and their YAML parser) stay off every other command's start-up. `provides` names what
 * the missing package would have provided, e.g. "pricing table|diff|check|verify".
 */
export async function loadAudit(command: string, provides: string): Promise<typeof import("@pixelbyte/pricing-audit")> {
  try {
    return await import("@pixelbyte/pricing-audit");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND") throw new RunError(`${command}: @pixelbyte/pricing-audit is not installed (it provides ${provides})`);
    throw error;
  }
}

/** `pixelbyte pricing table|diff|check|verify ...`, implemented by @pixelbyte/pricing-audit (its own options and --help). */
export async function pricingDispatch(args: string[], io: Io): Promise<number> {
  const audit = await loadAudit("pricing", "pricing table|diff|check|verify");
  // `verify` reads the key from the same environment the CLI masks it with, and draws its progress with the CLI's.
  return audit.pricingCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, env: io.env, progress: (label) => countReporter(io, label) });
}
