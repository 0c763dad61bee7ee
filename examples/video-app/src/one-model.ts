// The app's second entry: the same render with the client's core entry and one model descriptor.
// `createClient` from "@pixelbyte/client" knows every model by slug, so a bundle of it carries the
// whole catalogue; here the client knows no slug and the model is imported as a value, so a
// bundler keeps exactly this one model (its schema and its price), whatever the catalogue holds.
import { BudgetExceededError, createClient, type InputOf, type PriceQuote, type RunResult } from "@pixelbyte/client/core";
import klingO3 from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";

/** What the user fills in: checked at compile time against this model's input type. */
export type Request = InputOf<typeof klingO3>;

export interface OneModelConfig {
  baseUrl: string;
  apiKey: string;
  /** The most one render may cost, in micro-cents; the client refuses (sending nothing) above it. */
  maxCostMicroCents: number;
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface OneModelResult {
  quote: PriceQuote;
  job: RunResult;
  /** A request over the cap, refused before anything was sent. */
  refused: BudgetExceededError;
}

/** Prices a request exactly, runs it to completion, then shows that a dearer one is refused locally. */
export async function runOneModel(config: OneModelConfig): Promise<OneModelResult> {
  const log = config.log ?? (() => {});
  const client = createClient({ apiKey: config.apiKey, baseUrl: config.baseUrl });
  const request: Request = { prompt: "a neon city at night, rain, slow dolly", duration: "10", has_sound: "true" };

  const quote = client.price(klingO3, request);
  log(`price   ${klingO3.title} (${klingO3.slug}): ${quote.microCents.toLocaleString("en-US")} µ¢`);

  const job = await client.run(klingO3, request, {
    maxCostMicroCents: config.maxCostMicroCents,
    pollIntervalMs: config.pollIntervalMs,
    onProgress: (j) => log(`job     ${j.jobId} ${j.status} ${j.progress}%`),
  });
  log(`done    ${job.jobId}: charged ${job.costMicroCents.toLocaleString("en-US")} µ¢, local price matches: ${job.price?.matches}`);

  let refused: BudgetExceededError | undefined;
  try {
    await client.submit(klingO3, { ...request, duration: "15" }, { maxCostMicroCents: config.maxCostMicroCents });
  } catch (error) {
    if (!(error instanceof BudgetExceededError)) throw error;
    refused = error;
    log(`refused ${error.message}`);
  }
  if (refused === undefined) throw new Error("the client sent a request over its cap");
  return { quote, job, refused };
}
