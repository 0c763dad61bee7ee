// Compile-time checks of the client's typed inputs. Checked by the root `tsc -p tsconfig.json`,
// never run: every `@ts-expect-error` line must fail to compile, every other line must compile.
import {
  createClient,
  type CompletedJob,
  type EstimateResult,
  type Job,
  type JobSummary,
  type ModelInputs,
  type PriceQuote,
  type SubmitResult,
  type WebhookEvent,
} from "@pixelbyte/client";

declare const client: ReturnType<typeof createClient>;
const KLING = "kling-plus/kling-o3-standard/text-to-video";

export async function valid(): Promise<void> {
  const submitted: SubmitResult = await client.submit(KLING, { prompt: "a fox", duration: "10", has_sound: "true" });
  const jobId: string = submitted.jobId;
  const charged: number = submitted.costMicroCents;
  const requestId: string | undefined = submitted.requestId;
  const quoted: number | undefined = submitted.price?.quotedMicroCents;
  await client.submit(KLING, { prompt: "minimal" }, { webhookUrl: "https://example.com/hook", maxCostMicroCents: 2_000_000, version: "v1.0" });
  await client.submit(KLING, { prompt: "shots", multishot: [{ prompt: "one", duration: 3 }] });
  await client.submit("bytedance-plus/seedance-1.5-pro-super/image-to-video", { prompt: "p", image_url: "https://x/y.png", generate_audio: false });

  const done: CompletedJob = await client.run(KLING, { prompt: "p" }, { waitTimeoutMs: 60_000 });
  const url: string = done.outputs[0]!.url;
  const kind: "video" | "image" | "audio" | "text" = done.outputs[0]!.type;
  const poster: string | null | undefined = done.outputs[0]!.posterImage;
  const price: PriceQuote = client.price(KLING, { prompt: "p", duration: "15" });
  const est: EstimateResult = await client.estimate(KLING, { prompt: "p" });
  const job: Job = await client.jobs.get(jobId);
  for await (const summary of client.jobs.list({ status: "completed", model: KLING })) {
    const s: JobSummary = summary;
    void s;
  }
  void [charged, requestId, quoted, url, kind, poster, price, est, job];
}

export function webhookTypes(event: WebhookEvent): string {
  // `status` discriminates: a completed event has output, a failed one has an error.
  return event.status === "completed" ? JSON.stringify(event.output) : event.error.code;
}

export async function invalid(): Promise<void> {
  // @ts-expect-error unknown slug
  await client.submit("kling-plus/kling-o3-standard/text-to-vide", { prompt: "p" });
  // @ts-expect-error unknown field
  await client.submit(KLING, { prompt: "p", has_sond: "true" });
  // @ts-expect-error has_sound is the string "true", not a boolean
  await client.submit(KLING, { prompt: "p", has_sound: true });
  // @ts-expect-error duration "16" is not an option (3..15)
  await client.submit(KLING, { prompt: "p", duration: "16" });
  // @ts-expect-error prompt is required
  await client.submit(KLING, { duration: "5" });
  // @ts-expect-error duration is a string option, not a number
  await client.submit(KLING, { prompt: "p", duration: 5 });
  // @ts-expect-error the same rules hold for run
  await client.run(KLING, { prompt: "p", has_sound: true });
  // @ts-expect-error ...for estimate
  await client.estimate(KLING, { prompt: "p", duration: "16" });
  // @ts-expect-error ...and for the local price
  client.price(KLING, { duration: "5" });
  // @ts-expect-error the inputs of another model do not fit
  await client.submit(KLING, { prompt: "p", image_url: "https://x/y.png", generate_audio: true });
  // @ts-expect-error maxCostMicroCents is a number of micro-cents
  await client.submit(KLING, { prompt: "p" }, { maxCostMicroCents: "2000000" });
  // @ts-expect-error a failed webhook event has no output
  const out = (e: Extract<WebhookEvent, { status: "failed" }>) => e.output.url;
  void out;
}

// The map stays a closed set of slugs: an unknown key is not an input type.
// @ts-expect-error not a slug of ModelInputs
export type NoSuchModel = ModelInputs["acme/none/text-to-video"];
