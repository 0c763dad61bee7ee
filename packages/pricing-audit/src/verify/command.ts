import { randomInt } from "node:crypto";
import { parseArgs, single } from "../args.js";
import { usageError } from "../errors.js";
import { loadWorkingTree } from "../load-revision.js";
import { selectModels } from "../table.js";
import { connect } from "./remote.js";
import { differenceCount, resultLine, unverifiedCount, verifyJson, verifyMarkdown, verifyOk } from "./render.js";
import { verifyModels, type Sampling } from "./run.js";
import { MAX_SEED } from "./sample.js";

/** The API `pixelbyte run` and the client call by default (decision 1 in docs/decisions.md). */
export const DEFAULT_BASE_URL = "https://api.muvi.video";
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;
const MAX_SAMPLE = 100_000;
const MAX_TIMEOUT_MS = 3_600_000;

/** A progress display for a long run (the CLI draws one on stderr when it is a terminal). */
export interface ProgressBar {
  update(done: number, total: number): void;
  /** Clears or ends the display before the report is printed. */
  done(): void;
}

export interface VerifyIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  /** Where PIXELBYTE_API_KEY and PIXELBYTE_BASE_URL are read; this process's environment by default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly progress?: (label: string) => ProgressBar;
}

/**
 * `pixelbyte pricing verify`: the working tree's spec against a live API. Resolves to 0 (no
 * differences), 1 (differences, or requests that could not be verified) or throws an AuditError
 * (usage, unreadable spec: exit 2).
 */
export async function verifyCommand(args: string[], io: VerifyIo, name: string): Promise<number> {
  const parsed = parseArgs(
    args,
    {
      "base-url": { value: true },
      "api-key": { value: true },
      model: { value: true, repeat: true },
      sample: { value: true },
      seed: { value: true },
      concurrency: { value: true },
      "timeout-ms": { value: true },
      json: { value: false },
    },
    name,
  );
  if (parsed.positionals.length > 0) throw usageError(`${name}: takes no revision: it verifies the working tree's spec (the one the packages are generated from)`);
  const concurrency = wholeNumber(parsed.values.get("concurrency")?.[0], "concurrency", 1, MAX_CONCURRENCY, name) ?? DEFAULT_CONCURRENCY;
  const perModel = wholeNumber(parsed.values.get("sample")?.[0], "sample", 1, MAX_SAMPLE, name);
  const seedGiven = wholeNumber(parsed.values.get("seed")?.[0], "seed", 0, MAX_SEED, name);
  if (seedGiven !== undefined && perModel === undefined) throw usageError(`${name}: --seed only applies with --sample`);
  const timeoutMs = wholeNumber(parsed.values.get("timeout-ms")?.[0], "timeout-ms", 1, MAX_TIMEOUT_MS, name);
  const env = io.env ?? process.env;
  const keyFlag = parsed.values.get("api-key")?.[0];
  const apiKey = keyFlag ?? env.PIXELBYTE_API_KEY;
  if (apiKey === undefined || apiKey.trim() === "") throw usageError(`${name}: no API key; set PIXELBYTE_API_KEY or pass --api-key (the estimates are free; against \`pixelbyte serve\` use its key)`);
  const baseUrl = single(parsed, "base-url", env.PIXELBYTE_BASE_URL || DEFAULT_BASE_URL);
  const sample: Sampling | undefined = perModel === undefined ? undefined : { perModel, seed: seedGiven ?? randomInt(0, MAX_SEED) };

  const revision = await loadWorkingTree(io);
  const globs = parsed.values.get("model") ?? [];
  const models = selectModels(revision, globs);
  const remote = connect({ baseUrl, apiKey, keySource: keyFlag !== undefined ? "--api-key" : "PIXELBYTE_API_KEY", ...(timeoutMs !== undefined ? { timeoutMs } : {}) });

  const bar = io.progress?.("verify");
  let result;
  try {
    result = await verifyModels(revision, models, { remote, concurrency, globs, ...(sample ? { sample } : {}), ...(bar ? { onProgress: (d, t) => bar.update(d, t) } : {}) });
  } finally {
    bar?.done();
  }
  const report = { spec: revision.label, baseUrl: baseUrl.replace(/\/+$/, ""), rounding: revision.rounding, concurrency, ...(sample ? { sample } : {}), result };
  io.stdout(parsed.switches.has("json") ? verifyJson(report) : verifyMarkdown(report));
  if (verifyOk(result)) return 0;
  io.stderr(`${name}: ${resultLine(result)}${differenceCount(result) === 0 && unverifiedCount(result) > 0 ? " (nothing differed in what was verified)" : ""}\n`);
  return 1;
}

/** An option's whole number within [min, max], or undefined when it is not given; anything else (NaN, -1, 1.5, 1e3) is a usage error. */
function wholeNumber(text: string | undefined, option: string, min: number, max: number, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = /^[0-9]{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw usageError(`${name}: --${option} must be a whole number from ${min} to ${max.toLocaleString("en-US")} (got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)})`);
  return n;
}
