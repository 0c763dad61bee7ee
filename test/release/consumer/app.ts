// An app outside this repository, using the packages as installed from a registry by version range:
// typechecked there (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, skipLibCheck off,
// NodeNext and Bundler), then run with Node. Prints one JSON line for the test to check.
import { BudgetExceededError, createClient, type ModelInputs, type ModelSlug } from "@pixelbyte/client";
import { estimate } from "@pixelbyte/pricing";
import { price } from "@pixelbyte/pricing/models/kling-plus/kling-o3-standard/text-to-video";
import { startServer } from "@pixelbyte/test-server";

const slug = "kling-plus/kling-o3-standard/text-to-video" satisfies ModelSlug;
const input: ModelInputs[typeof slug] = { prompt: "a neon city", duration: "10", has_sound: "true" };
// @ts-expect-error a misspelt field does not compile
const misspelt: ModelInputs[typeof slug] = { prompt: "a neon city", durration: "10" };
// @ts-expect-error an unknown slug does not compile
const unknown: ModelSlug = "kling-plus/no-such-model";
void [misspelt, unknown];

const quote = estimate(slug, { prompt: "a neon city", duration: "10", has_sound: "true" });
const server = await startServer({ port: 0, timing: { pendingMs: 0, processingMs: 20 } });
try {
  const client = createClient({ apiKey: server.apiKey, baseUrl: server.url, budget: { limitMicroCents: quote.microCents } });
  const job = await client.run(slug, input, { maxCostMicroCents: quote.microCents, pollIntervalMs: 10 });
  const first = job.outputs[0]; // JobOutput | undefined under noUncheckedIndexedAccess
  let refused = "";
  try {
    await client.submit(slug, input);
  } catch (error) {
    if (error instanceof BudgetExceededError) refused = error.name;
  }
  console.log(
    JSON.stringify({
      quote: quote.microCents,
      modelPrice: price({ duration: "10", has_sound: "true" }).microCents,
      clientPrice: client.price(slug, input).microCents,
      status: job.status,
      output: first?.url ?? null,
      charged: server.jobs.map((j) => j.costMicroCents),
      refused,
    }),
  );
} finally {
  await server.close();
}
