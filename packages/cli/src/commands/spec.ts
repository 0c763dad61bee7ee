import type { CommandSpec } from "../command.js";
import type { Io } from "../io.js";
import { loadAudit } from "./pricing.js";

export const specSpec = {
  name: "spec",
  summary: "breaking changes between two spec revisions and the release they need (a CI gate)",
  synopsis: "diff <ref|dir|file> [<ref|dir|file>] ...",
  usage: "diff <ref|dir|file> [<ref|dir|file>] [--json] [--check-changesets]",
  options: {},
} as const satisfies CommandSpec;

/** `pixelbyte spec diff ...`, implemented by @pixelbyte/pricing-audit (its own options and --help). */
export async function specDispatch(args: string[], io: Io): Promise<number> {
  const audit = await loadAudit("spec", "spec diff");
  return audit.specCommand(args, { stdout: io.stdout, stderr: io.stderr, cwd: io.cwd });
}
