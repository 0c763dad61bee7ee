import { BudgetExceededError, createClient, type CompletedJob, type WebhookEvent } from "@pixelbyte/client";
import type { PriceQuote } from "@pixelbyte/pricing";
import { BudgetGuard } from "./budget.js";
import { describeQuote, MODEL, priceRequest, type VideoRequest } from "./pricing.js";
import type { WebhookReceiver } from "./webhooks.js";

export interface AppConfig {
  baseUrl: string;
  apiKey: string;
  /** The app's public https endpoint that PixelByte POSTs to (the client accepts https only). */
  webhookUrl: string;
  /** Where those deliveries arrive. */
  webhooks: WebhookReceiver;
  /** The session cap; the client gets the same number as its cumulative budget. */
  sessionBudgetMicroCents: number;
  perRequestMicroCents: number;
  /** Poll faster than the production default (the local server finishes jobs in milliseconds). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface AppResult {
  quote: PriceQuote;
  job: CompletedJob;
  chargedMicroCents: number;
  webhook: WebhookEvent;
  /** The second request, refused before anything was sent: by the app's guard, then by the client's budget. */
  refusedByGuard: string;
  refusedByClient: BudgetExceededError;
  budget: { limitMicroCents: number; spentMicroCents: number; remainingMicroCents: number } | undefined;
}

/** One session of the app: price, guard, submit and wait, receive the verified webhook, then hit the budget. */
export async function runVideoApp(config: AppConfig): Promise<AppResult> {
  const log = config.log ?? (() => {});
  const request: VideoRequest = { prompt: "a neon city at night, rain, slow dolly", duration: "10", has_sound: "true" };

  // 1. Price it before sending: exact, local, no request.
  const quote = priceRequest(request);
  log(`price   ${MODEL}: ${describeQuote(quote)}`);

  // 2. Guard the budget with the app's own rule.
  const guard = new BudgetGuard(config.perRequestMicroCents, config.sessionBudgetMicroCents);
  const decision = guard.check(quote);
  if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
  log(`budget  ok, ${decision.remainingAfter.toLocaleString("en-US")} µ¢ left in the session after this one`);

  // 3. Submit and wait. The client holds the same cap, and refuses to send above the quoted price.
  const client = createClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, budget: { limitMicroCents: config.sessionBudgetMicroCents } });
  const job = await client.run(MODEL, request, {
    webhookUrl: config.webhookUrl,
    maxCostMicroCents: quote.microCents,
    pollIntervalMs: config.pollIntervalMs,
    onProgress: (j) => log(`job     ${j.jobId} ${j.status} ${j.progress}%`),
  });
  const chargedMicroCents = client.budget?.spentMicroCents ?? quote.microCents;
  guard.record(chargedMicroCents);
  log(`done    ${job.jobId}: ${job.outputs.length} output(s), first ${job.output}`);

  // 4. The webhook: trusted only once its signature over the raw body checks out.
  const webhook = await config.webhooks.eventFor(job.jobId);
  log(`webhook ${webhook.jobId} ${webhook.status}, signature verified`);

  // 5. The same request again does not fit the session: the guard says so, and the client would too.
  const again = guard.check(priceRequest(request));
  const refusedByGuard = again.ok ? "" : again.reason;
  log(`budget  second request refused by the app: ${refusedByGuard}`);
  let refusedByClient: BudgetExceededError | undefined;
  try {
    await client.submit(MODEL, request);
  } catch (error) {
    if (!(error instanceof BudgetExceededError)) throw error;
    refusedByClient = error;
    log(`budget  and by the client, before sending: ${error.message}`);
  }
  if (refusedByClient === undefined) throw new Error("the client sent a request over its budget");

  return { quote, job, chargedMicroCents, webhook, refusedByGuard, refusedByClient, budget: client.budget };
}
