import { formatMicroCents } from "@pixelbyte/pricing/runtime";
import { connect } from "../api.js";
import { integerFlag, parse } from "../args.js";
import { UsageError } from "../errors.js";
import { json, money } from "../format.js";
import { findModel, inputFromSets } from "../input.js";
import type { Io } from "../io.js";
import { progressReporter } from "../progress.js";
import { quote, quoteJson, renderQuote } from "./price.js";

export const DEFAULT_BASE_URL = "https://api.muvi.video";

/** `pixelbyte run <slug> --set field=value ... [--wait] [--json] [--base-url URL] [--api-key KEY]` */
export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse("run", args, {
    set: { type: "string", multiple: true },
    wait: { type: "boolean" },
    json: { type: "boolean" },
    "base-url": { type: "string" },
    "api-key": { type: "string" },
    "poll-ms": { type: "string" },
  });
  if (positionals.length > 1) throw new UsageError(`run: one model at a time (got ${positionals.length})`);
  const model = findModel(positionals[0]);
  const input = inputFromSets(model, values.set ?? [], true);
  const apiKey = values["api-key"] ?? io.env.PIXELBYTE_API_KEY;
  if (!apiKey) throw new UsageError("run: no API key; set PIXELBYTE_API_KEY or pass --api-key (for a local server see `pixelbyte serve`)");
  const baseUrl = (values["base-url"] ?? io.env.PIXELBYTE_BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const pollMs = integerFlag("poll-ms", values["poll-ms"], 10) ?? 500;

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
