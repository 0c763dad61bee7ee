import { parseArgs } from "../args.js";
import { reportCommandError, usageError } from "../errors.js";
import { checkChangesets } from "./changesets.js";
import { diffSpecs } from "./compare.js";
import { pricingDiffCommand, specDiffJson, specDiffText } from "./render.js";
import { openSpec, openWorkingTree } from "./source.js";

export interface SpecIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Where relative paths, git commands and the search for spec/ and .changeset/ start. */
  readonly cwd: string;
}

export const SPEC_USAGE = `usage: pixelbyte spec <command>

  diff <git-ref | dir | file> [<git-ref | dir | file>] [--json] [--check-changesets]
      every change between two revisions of spec/ as a consumer of the generated packages feels it,
      one line each: its level (major, minor or patch), the model slug or operation, the field and
      what happened; price changes listed apart (details: pixelbyte pricing diff); then the release
      it requires of @pixelbyte/client and @pixelbyte/pricing. The second revision defaults to the
      working tree's spec/.
      --json               one JSON document for CI (level, required, changes with rule ids)
      --check-changesets   also read the pending .changeset/*.md and fail when they release a
                           generated package at a lower level than the diff requires (and
                           refuse one \`changeset version\` would stop on: a package name the
                           workspace does not have, skipped and released packages mixed)

  A <git-ref> (HEAD~1, v1.2.0, origin/main) is read with git itself: its spec/, or <ref>:<path>.
  A directory is a repository holding spec/, or a spec directory; a file is that one document
  (models.yaml, openapi.yaml or pricing.yaml, or another name with the same content).
  Major: code written against the old client may no longer compile or may behave (or cost)
  differently. Minor: something was added. Patch: only words changed.

exit codes: 0 done; 1 --check-changesets found a changeset missing or too low;
            2 usage error or unreadable input (a ref, a file, YAML that does not parse, a broken $ref,
              a changeset \`changeset version\` would stop on).`;

/**
 * `pixelbyte spec …`: writes the report to `io.stdout`, one line per error to `io.stderr`, and
 * resolves to the exit code. Never throws and never prints a stack trace for bad input.
 */
export async function specCommand(args: string[], io: SpecIo): Promise<number> {
  const [command, ...rest] = args;
  const name = `pixelbyte spec${command === "diff" ? " diff" : ""}`;
  try {
    switch (command) {
      case "diff":
        return await diffCommand(rest, io, name);
      case "help":
      case "--help":
      case "-h":
        io.stdout(`${SPEC_USAGE}\n`);
        return 0;
      case undefined:
        io.stderr(`${SPEC_USAGE}\n`);
        return 2;
      default:
        throw usageError(`unknown command "${command}": use diff`);
    }
  } catch (error) {
    return reportCommandError(error, "pixelbyte spec", name, io.stderr);
  }
}

async function diffCommand(args: string[], io: SpecIo, name: string): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`${SPEC_USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args, { json: { value: false }, "check-changesets": { value: false } }, name);
  const [fromArg, toArg, ...extra] = parsed.positionals;
  if (fromArg === undefined) throw usageError(`${name}: name the revision to compare, e.g. HEAD~1, origin/main or old-spec/`);
  if (extra.length > 0) throw usageError(`${name}: takes one or two revisions (got ${parsed.positionals.length})`);

  const from = await openSpec(fromArg, io);
  const to = toArg === undefined ? await openWorkingTree(io) : await openSpec(toArg, io);
  const diff = await diffSpecs(from, to);
  const check = parsed.switches.has("check-changesets") ? await checkChangesets(diff, io.cwd) : undefined;
  const pricing = pricingDiffCommand(from, to);
  io.stdout(parsed.switches.has("json") ? specDiffJson(diff, pricing, check) : specDiffText(diff, pricing, check));
  if (check !== undefined && !check.ok) {
    const low = check.packages.filter((p) => !p.ok);
    io.stderr(`${name}: the pending changesets release ${low.map((p) => `${p.name} at ${p.pending} (the spec diff requires ${p.required})`).join(" and ")}; fix: ${low.map((p) => p.fix).join("; ")}\n`);
    return 1;
  }
  return 0;
}
