// Runs in a project outside the workspace that installed the packed @pixelbyte/client tarball:
// typechecked there (strict, NodeNext, skipLibCheck off), then run with Node.
import assert from "node:assert/strict";
import { createClient, DEFAULT_BASE_URL, type ModelInputs, type ModelSlug } from "@pixelbyte/client";
import { createBaseClient, createClient as createCoreClient, price, type InputOf } from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";

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
// One model as a value, with the core entry's client (no slug registry): typed by the descriptor.
const core = createCoreClient({ apiKey: "pb_consumer_check" });
const typed: InputOf<typeof kling> = input;
assert.equal(core.price(kling, typed).microCents, 1260000);
assert.equal(client.price(kling, typed).microCents, 1260000);
// @ts-expect-error the core client knows no slug
assert.throws(() => core.price(slug, input), /not a known model/);
// @ts-expect-error a misspelt field does not compile with a descriptor either
assert.throws(() => core.price(kling, { prompt: "a neon city", durration: "10" }), /not a field of this model/);
// The modular form: a base client and the operation as a function taking it.
const base = createBaseClient({ apiKey: "pb_consumer_check" });
assert.equal(price(base, kling, typed).microCents, 1260000);
// @ts-expect-error the functions take descriptors, not slugs
assert.throws(() => price(base, slug, input), /not a known model/);
void [misspelt, unknown];
console.log(`@pixelbyte/client: ${slug} priced locally at ${client.price(slug, input).microCents} micro-cents`);
