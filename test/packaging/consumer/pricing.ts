// Runs in a project outside the workspace that installed the packed @pixelbyte/pricing tarball:
// typechecked there (strict, NodeNext, skipLibCheck off), then run with Node.
import assert from "node:assert/strict";
import { estimate, PricingError, type PriceQuote } from "@pixelbyte/pricing";
import { price } from "@pixelbyte/pricing/models/kling-plus/kling-o3-standard/text-to-video";
import { computePrice } from "@pixelbyte/pricing/runtime";

const quote: PriceQuote = estimate("kling-plus/kling-o3-standard/text-to-video", { prompt: "a neon city", duration: "10", has_sound: "true" });
assert.equal(quote.microCents, 1260000);
assert.equal(price({ duration: "10", has_sound: "true" }).microCents, 1260000);
assert.equal(typeof computePrice, "function");

// The types are the generated ones, not `any`: these do not compile, and throw when run anyway.
// @ts-expect-error an unknown slug
assert.throws(() => estimate("kling-plus/no-such-model", {}), PricingError);
// @ts-expect-error "16" is not a duration of this model
assert.throws(() => estimate("kling-plus/kling-o3-standard/text-to-video", { duration: "16" }), PricingError);

console.log(`@pixelbyte/pricing: ${quote.microCents} micro-cents`);
