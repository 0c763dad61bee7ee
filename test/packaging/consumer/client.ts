// Runs in a project outside the workspace that installed the packed @pixelbyte/client tarball:
// typechecked there (strict, NodeNext, skipLibCheck off), then run with Node.
import assert from "node:assert/strict";
import { createClient, DEFAULT_BASE_URL, type ModelInputs, type ModelSlug } from "@pixelbyte/client";

const slug = "kling-plus/kling-o3-standard/text-to-video" satisfies ModelSlug;
const input: ModelInputs[typeof slug] = { prompt: "a neon city", duration: "10", has_sound: "true" };
// @ts-expect-error a misspelt field does not compile
const misspelt: ModelInputs[typeof slug] = { prompt: "a neon city", durration: "10" };
// @ts-expect-error an unknown slug is not a ModelSlug
const unknown: ModelSlug = "kling-plus/no-such-model";

assert.match(DEFAULT_BASE_URL, /^https:\/\//);
// The local exact price, through the client and its dependency @pixelbyte/pricing: no request is made.
const client = createClient({ apiKey: "pb_consumer_check", budget: { limitMicroCents: 5_000_000 } });
assert.equal(client.price(slug, input).microCents, 1260000);
assert.deepEqual(client.budget, { limitMicroCents: 5_000_000, spentMicroCents: 0, reservedMicroCents: 0, remainingMicroCents: 5_000_000 });
void [misspelt, unknown];
console.log(`@pixelbyte/client: ${slug} priced locally at ${client.price(slug, input).microCents} micro-cents`);
