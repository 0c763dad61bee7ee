import { MAX_TIMER_MS } from "@pixelbyte/client";
import { formatMicroCents } from "@pixelbyte/pricing/runtime";
import { connect } from "../api.js";
import { integerFlag } from "../args.js";
import { parse, type CommandSpec } from "../command.js";
import { UsageError } from "../errors.js";
import { json, money } from "../format.js";
import { findModel, inputFromSets, setsOf } from "../input.js";
import type { Io } from "../io.js";
import { progressReporter } from "../progress.js";
import { quote, quoteJson, renderQuote, SET_HELP } from "./price.js";

export const DEFAULT_BASE_URL = "https://api.muvi.video";
const DEFAULT_POLL_MS = 500;

export const runSpec = {
  name: "run",
  summary: "price, submit and follow a job to its outputs and charge",
  synopsis: "<model> --set field=value ... [--wait] [--json]",
  usage: "<model> --set field=value ... [--wait] [--json] [--base-url URL] [--api-key KEY]",
  details:
    "The input is validated and priced locally before anything is sent; the job is submitted once (never\n" +
    "retried blindly). The key comes from --api-key or PIXELBYTE_API_KEY, the server from --base-url or\n" +
    `PIXELBYTE_BASE_URL (default ${DEFAULT_BASE_URL}). Against \`pixelbyte serve\` no real key or money is needed.\n\n` +
    SET_HELP,
  options: {
    set: { type: "string", multiple: true, value: "field=value", description: "an input field and its value, as one argument; every required field needs one" },
    wait: { type: "boolean", description: "poll until the job is completed, failed or cancelled; print its outputs" },
    json: { type: "boolean", description: "one JSON document (quote, jobId, requestId, charge, status, outputs), for scripts" },
    "base-url": { type: "string", value: "URL", description: `the API to call (default: PIXELBYTE_BASE_URL, else ${DEFAULT_BASE_URL})` },
    "api-key": { type: "string", value: "KEY", description: "the API key (default: PIXELBYTE_API_KEY)" },
    "poll-ms": { type: "string", value: "N", description: `milliseconds between status polls with --wait (default ${DEFAULT_POLL_MS}, at least 10)` },
  },
  examples: [
    'PIXELBYTE_API_KEY=pb_... pixelbyte run kling-plus/kling-o3-standard/text-to-video --set prompt="a red fox" --set duration=10 --wait',
    'pixelbyte run kling-plus/kling-o3-standard/text-to-video --set prompt="a red fox" --base-url http://127.0.0.1:4010 --api-key pb_test_local_key --wait',
  ],
} as const satisfies CommandSpec;

/** `pixelbyte run <slug> --set field=value ... [--wait] [--json] [--base-url URL] [--api-key KEY]` */
export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals, followers } = parse(runSpec, args);
  const sets = setsOf(values.set, followers);
  if (positionals.length > 1) throw new UsageError(`run: one model at a time (got ${positionals.length})`);
  const model = findModel(positionals[0]);
  const input = inputFromSets(model, sets, true);
  const apiKey = values["api-key"] ?? io.env.PIXELBYTE_API_KEY;
  if (!apiKey) throw new UsageError("run: no API key; set PIXELBYTE_API_KEY or pass --api-key (for a local server see `pixelbyte serve`)");
  const baseUrl = (values["base-url"] ?? io.env.PIXELBYTE_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const pollMs = integerFlag("poll-ms", values["poll-ms"], 10, MAX_TIMER_MS) ?? DEFAULT_POLL_MS;

  // The price is known exactly before anything is sent.
  const q = quote(model, input);
  const human = !values.json;
  if (human) io.stdout(renderQuote(model, q));

  const api = connect({ apiKey, baseUrl, keySource: values["api-key"] !== undefined ? "--api-key" : "PIXELBYTE_API_KEY" });
  const job = await api.submit(model.slug, input);
  if (human) io.stdout(`\nsubmitted ${job.jobId}${job.requestId ? ` (request ${job.requestId})` : ""}: charged ${money(job.costMicroCents)}\n`);
  if (job.costMicroCents !== q.microCents && human) {
    io.stdout(`note: the server charged ${formatMicroCents(job.costMicroCents)} µ¢, the local quote was ${formatMicroCents(q.microCents)} µ¢ (account pricing or a newer price list)\n`);
  }
  const summary = { model: model.slug, input, quote: quoteJson(q), jobId: job.jobId, requestId: job.requestId ?? null, costMicroCents: job.costMicroCents, matchesQuote: job.costMicroCents === q.microCents };

  if (!values.wait) {
    if (human) io.stdout(`status ${job.status}; follow it at GET ${baseUrl}/v1/jobs/${job.jobId} (or pass --wait)\n`);
    else io.stdout(json({ ...summary, status: job.status }));
    return 0;
  }

  const progress = progressReporter(io);
  let final;
  try {
    final = await api.wait(job.jobId, { pollMs, onProgress: human ? (j) => progress.update(j) : undefined });
  } finally {
    progress.done();
  }
  if (values.json) {
    io.stdout(json({ ...summary, status: final.status, output: final.output, outputs: final.outputs, completedAt: final.completedAt }));
    return 0;
  }
  for (const o of final.outputs) io.stdout(`output  ${o.url}\n`);
  io.stdout(`charged ${money(job.costMicroCents)}${job.costMicroCents === q.microCents ? ", as quoted" : `, quoted ${money(q.microCents)}`}\n`);
  return 0;
}
