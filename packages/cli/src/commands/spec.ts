import type { CommandSpec } from "../command.js";
import { RunError } from "../errors.js";
import type { Io } from "../io.js";

export const specSpec = {
  name: "spec",
  summary: "breaking changes between two spec revisions and the release they need (a CI gate)",
  synopsis: "diff <ref|dir|file> [<ref|dir|file>] ...",
  usage: "diff <ref|dir|file> [<ref|dir|file>] [--json] [--check-changesets]",
  options: {},
} as const satisfies CommandSpec;

/** `pixelbyte spec diff ...`, implemented by @pixelbyte/pricing-audit (its own options and --help). */
export async function specDispatch(args: string[], io: Io): Promise<number> {
  let audit: typeof import("@pixelbyte/pricing-audit");
  try {
    // Loaded only for this command, as for `pricing`: the YAML parser stays off every other command's start-up.
    audit = await import("@pixelbyte/pricing-audit");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND") throw new RunError("spec: @pixelbyte/pricing-audit is not installed (it provides spec diff)");
    throw error;
  }
  return audit.specCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
}
