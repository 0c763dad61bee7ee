import { choice, parseArgs, single } from "./args.js";
import { checkRevision } from "./check.js";
import { diffRevisions, increasesBeyond } from "./diff.js";
import { reportCommandError, usageError } from "./errors.js";
import { GENERATED_NAME, generatedEstimate, generatedSlugs } from "./generated-pricing.js";
import { loadRevision, loadWorkingTree } from "./load-revision.js";
import { isDecimalText, parseDecimal } from "./rational.js";
import { checkFailed, renderCheck } from "./render-check.js";
import { gateLine, renderDiff, type GateResult } from "./render-diff.js";
import { renderTable } from "./render-table.js";
import { tableOf } from "./table.js";
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, verifyCommand, type ProgressBar } from "./verify/command.js";
import { DEFAULT_MAX_CONSECUTIVE_FAILURES } from "./verify/run.js";

export interface PricingIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Where relative paths and git commands start; spec/pricing.yaml is looked for from here upwards. */
  readonly cwd: string;
  /** The clock `check` measures the age of entries with (tests pin it); the real one by default. */
  readonly now?: () => Date;
  /** Where `verify` reads PIXELBYTE_API_KEY and PIXELBYTE_BASE_URL; this process's environment by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A progress display for `verify` (the CLI's, on stderr when it is a terminal); none by default. */
  readonly progress?: (label: string) => ProgressBar;
}

export const DEFAULT_MAX_AGE_DAYS = 90;

export const PRICING_USAGE = `usage: pixelbyte pricing <command>

  table [<git-ref | file>] [--model <glob>]... [--format md|csv|json] [--matrix]
      per model: base, unit, factors, default cost, cheapest and dearest combination;
      --matrix lists every combination with its price. Defaults to the working tree's spec.
  diff <git-ref | file> [<git-ref | file>] [--fail-on-increase [--threshold 5%]] [--format md|json]
      what changed between two revisions (the second defaults to the working tree's spec):
      models, factors, values, multipliers, and every combination whose price changed.
  check [--max-age <days>] [--format md|json]
      recompute every worked example and combination with exact rationals, compare each with
      @pixelbyte/pricing, and check every entry's source and checked date (older than --max-age,
      default ${DEFAULT_MAX_AGE_DAYS} days: listed).
  verify [--base-url URL] [--model <glob>]... [--sample N [--seed S]] [--concurrency N]
         [--timeout-ms N] [--api-key KEY] [--json]
      the working tree's spec against a live API: every combination of priced values (or N per
      model, chosen by a PRNG seeded with S; the seed is printed) sent to the free
      POST /v1/jobs/estimate, ${DEFAULT_CONCURRENCY} at a time by default, through @pixelbyte/client (its
      retries, 429 Retry-After, timeouts); each answer whose undiscounted baseCostMicroCents differs
      from the exact local price is listed (model, input, local, server, difference). Each
      model's catalog inputSchema (GET /v1/catalog/models/{slug}) is compared with spec/models.yaml
      field by field: fields added or removed; type, enum values, const, default, required and
      limits (minLength, maxLength, pattern, minimum, maximum, exclusive bounds, minItems,
      maxItems, multipleOf, uniqueItems), nested fields and array items included (descriptions,
      format and additionalProperties are not). The catalog's model list is checked for
      models the spec lacks. Required fields that are not priced are sent with placeholders (the
      field's default, else its first enum value, else "pixelbyte pricing verify" or, for a field
      naming a url, image, video, audio, frame, mask or file, https://example.com/...). The key
      comes from --api-key or PIXELBYTE_API_KEY and is never printed; the server from --base-url,
      else PIXELBYTE_BASE_URL, else ${DEFAULT_BASE_URL}. After ${DEFAULT_MAX_CONSECUTIVE_FAILURES} failed requests in a row (or
      a refused key) it stops and says so.
      --json: {spec, baseUrl, ok, differences, unverified, stopped, models, combinations, sample,
      planned, compared, discounted, schemasCompared, prices: [{model, combination, input,
      localMicroCents, localExactMicroCents, serverMicroCents, differenceMicroCents,
      serverBaseMicroCents, serverEstimatedMicroCents, hasDiscount, requestId}], schemas: [{model,
      field, change, keyword, spec, server, message}], schemaDifferencesOmitted, serverOnly,
      missing|refused|failed: [{model, request, combination?, input?, code, status, requestId,
      message}], skipped}.

  A <git-ref> is read with git itself (<ref>:spec/pricing.yaml, or <ref>:<path>); a file is read
  with the models.yaml beside it. Prices are integer micro-cents (1,000,000 µ¢ = $1).

exit codes: 0 done; 1 a price rose (diff --fail-on-increase), check found a problem, or verify
            found a difference (or could not verify every request); 2 usage error or unreadable input.`;

/**
 * `pixelbyte pricing …`: writes the report to `io.stdout`, one line per error to `io.stderr`, and
 * resolves to the exit code. Never throws and never prints a stack trace for bad input.
 */
export async function pricingCommand(args: string[], io: PricingIo): Promise<number> {
  const [command, ...rest] = args;
  const name = `pixelbyte pricing${command === "table" || command === "diff" || command === "check" || command === "verify" ? ` ${command}` : ""}`;
  try {
    switch (command) {
      case "table":
        return await tableCommand(rest, io, name);
      case "diff":
        return await diffCommand(rest, io, name);
      case "check":
        return await checkCommand(rest, io, name);
      case "verify":
        if (wantsHelp(rest, io)) return 0;
        return await verifyCommand(rest, io, name);
      case "help":
      case "--help":
      case "-h":
        io.stdout(`${PRICING_USAGE}\n`);
        return 0;
      case undefined:
        io.stderr(`${PRICING_USAGE}\n`);
        return 2;
      default:
        throw usageError(`unknown command "${command}": use table, diff, check or verify`);
    }
  } catch (error) {
    return reportCommandError(error, "pixelbyte pricing", name, io.stderr);
  }
}

function wantsHelp(args: readonly string[], io: PricingIo): boolean {
  if (!args.includes("--help") && !args.includes("-h")) return false;
  io.stdout(`${PRICING_USAGE}\n`);
  return true;
}

async function tableCommand(args: string[], io: PricingIo, name: string): Promise<number> {
  if (wantsHelp(args, io)) return 0;
  const parsed = parseArgs(args, { model: { value: true, repeat: true }, format: { value: true }, matrix: { value: false } }, name);
  if (parsed.positionals.length > 1) throw usageError(`${name}: takes at most one revision (got ${parsed.positionals.length})`);
  const format = choice(parsed, "format", ["md", "csv", "json"] as const, "md", name);
  const revision = parsed.positionals[0] === undefined ? await loadWorkingTree(io) : await loadRevision(parsed.positionals[0], io);
  const table = tableOf(revision, { models: parsed.values.get("model") ?? [] });
  io.stdout(renderTable(table, format, parsed.switches.has("matrix")));
  return 0;
}

async function diffCommand(args: string[], io: PricingIo, name: string): Promise<number> {
  if (wantsHelp(args, io)) return 0;
  const parsed = parseArgs(args, { "fail-on-increase": { value: false }, threshold: { value: true }, format: { value: true } }, name);
  const [fromSpec, toSpec, ...extra] = parsed.positionals;
  if (fromSpec === undefined) throw usageError(`${name}: name the revision to compare, e.g. HEAD~1 or old-pricing.yaml`);
  if (extra.length > 0) throw usageError(`${name}: takes one or two revisions (got ${parsed.positionals.length})`);
  const format = choice(parsed, "format", ["md", "json"] as const, "md", name);
  const failOnIncrease = parsed.switches.has("fail-on-increase");
  const thresholdText = parsed.values.get("threshold")?.[0];
  if (thresholdText !== undefined && !failOnIncrease) throw usageError(`${name}: --threshold only applies with --fail-on-increase`);
  const threshold = parseThreshold(thresholdText ?? "0", name);

  const from = await loadRevision(fromSpec, io);
  const to = toSpec === undefined ? await loadWorkingTree(io) : await loadRevision(toSpec, io);
  const diff = diffRevisions(from, to);
  const gate: GateResult | undefined = failOnIncrease ? { thresholdPercent: threshold, violations: increasesBeyond(diff, threshold) } : undefined;
  io.stdout(renderDiff(diff, format, gate));
  if (gate && gate.violations.length > 0) {
    io.stderr(`${name}: ${gateLine(gate)}\n`);
    return 1;
  }
  return 0;
}

async function checkCommand(args: string[], io: PricingIo, name: string): Promise<number> {
  if (wantsHelp(args, io)) return 0;
  const parsed = parseArgs(args, { "max-age": { value: true }, format: { value: true } }, name);
  if (parsed.positionals.length > 0) throw usageError(`${name}: takes no revision: it checks the working tree's spec against @pixelbyte/pricing`);
  const maxAgeText = single(parsed, "max-age", String(DEFAULT_MAX_AGE_DAYS));
  if (!/^(0|[1-9][0-9]{0,5})$/.test(maxAgeText)) throw usageError(`${name}: --max-age must be a whole number of days (got ${maxAgeText})`);
  const format = choice(parsed, "format", ["md", "json"] as const, "md", name);

  const revision = await loadWorkingTree(io);
  const today = (io.now?.() ?? new Date()).toISOString().slice(0, 10);
  const report = checkRevision(revision, {
    today,
    maxAgeDays: Number(maxAgeText),
    estimate: generatedEstimate,
    estimatedSlugs: generatedSlugs,
    estimateName: GENERATED_NAME,
  });
  io.stdout(renderCheck(report, format));
  if (checkFailed(report)) {
    io.stderr(`${name}: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} found\n`);
    return 1;
  }
  return 0;
}

/** "5%", "5" or "0.5%" as an exact percentage. */
function parseThreshold(text: string, name: string) {
  const number = text.endsWith("%") ? text.slice(0, -1) : text;
  if (!isDecimalText(number)) throw usageError(`${name}: --threshold must be a percentage such as 5% or 0.5% (got ${text})`);
  return parseDecimal(number);
}
