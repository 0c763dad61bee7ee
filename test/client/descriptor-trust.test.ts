// Model descriptors as an attacker (or a careless caller) hands them to a client: a hand-made,
// copied, modified or proxied descriptor, or a registry entry replaced, must never make a request
// whose price was not checked, overspend a budget, or send a slug other than the one priced. Only
// the descriptors the package generated are taken; anything else is a typed error, nothing sent.
// Every case runs against the real test server on 127.0.0.1, counting its submits.
import { createClient as createRootClient, InputValidationError, modelDescriptors } from "@pixelbyte/client";
import * as modular from "@pixelbyte/client/core";
import { createBaseClient, createClient, PriceUnavailableError, type ModelDescriptor, type PixelByteClient } from "@pixelbyte/client/core";
import cheap from "@pixelbyte/client/models/google/nano-banana-dev/text-to-image";
import dear from "@pixelbyte/client/models/kling-plus/kling-o3-pro/text-to-video";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterEach, describe, expect, test } from "vitest";
import { defineModel } from "../../packages/client/src/core/model.js";
import { errorRenderings, leaksIn } from "../helpers/secrets.js";

const DEAR_INPUT = { prompt: "a fox", duration: "15", has_sound: "true" } as const;
const CHEAP_INPUT = { prompt: "a fox" } as const;
/** Under one dear call, over many cheap ones. */
const LIMIT = 1_000_000;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(root = false): Promise<{ s: TestServer; client: PixelByteClient }> {
  server = await startServer({ timing: { pendingMs: 10, processingMs: 20 } });
  const make = root ? createRootClient : createClient;
  const client = make({ apiKey: server.apiKey, baseUrl: server.url, budget: { limitMicroCents: LIMIT }, onPriceMismatch: "ignore" }) as PixelByteClient;
  return { s: server, client };
}

const submits = (s: TestServer) => s.requests.filter((r) => r.operationId === "submitJob").length;
const estimates = (s: TestServer) => s.requests.filter((r) => r.operationId === "estimateJob").length;
const loose = (value: unknown) => value as ModelDescriptor;
const quote = (microCents: unknown, model: string = dear.slug) => ({ ...dear.price(DEAR_INPUT), model, microCents, exactMicroCents: String(microCents) });

/** Every call of the client with `model`: each must be refused before a request, and the budget untouched. */
async function refusedEverywhere(client: PixelByteClient, s: TestServer, model: unknown, input: unknown, rule: string): Promise<InputValidationError> {
  const errors: unknown[] = [];
  for (const call of [
    () => client.submit(loose(model), input as never, { maxCostMicroCents: LIMIT }),
    () => client.submit(loose(model), input as never),
    () => client.run(loose(model), input as never),
    () => client.estimate(loose(model), input as never),
    async () => client.price(loose(model), input as never),
  ]) {
    errors.push(await call().then(() => "sent", (e: unknown) => e));
  }
  // The modular form (createBaseClient + the operation functions; no registry) resolves objects the same way.
  const base = createBaseClient({ apiKey: s.apiKey, baseUrl: s.url, budget: { limitMicroCents: LIMIT } });
  const calls = [
    () => modular.submit(base, loose(model), input as never),
    () => modular.run(base, loose(model), input as never),
    () => modular.estimate(base, loose(model), input as never),
    async () => modular.price(base, loose(model), input as never),
  ];
  for (const call of typeof model === "string" ? [] : calls) errors.push(await call().then(() => "sent", (e: unknown) => e));
  for (const e of errors) expect(e).toMatchObject({ name: "InputValidationError", code: "INVALID_INPUT", field: "model", rule });
  expect(submits(s) + estimates(s)).toBe(0);
  expect(client.budget).toMatchObject({ spentMicroCents: 0, reservedMicroCents: 0, remainingMicroCents: LIMIT });
  // The budget still holds afterwards: a real dear call is over it.
  await expect(client.submit(dear, DEAR_INPUT)).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
  expect(submits(s)).toBe(0);
  return errors[0] as InputValidationError;
}

describe("a descriptor the package did not generate is refused before any request", () => {
  test.each([
    ["price 0", { ...dear, price: () => quote(0) }],
    ["price NaN (every later budget check would pass)", { ...dear, price: () => quote(Number.NaN) }],
    ["a negative price (frees budget)", { ...dear, price: () => quote(-5_000_000) }],
    ["a fractional price", { ...dear, price: () => quote(0.5) }],
    ["a price past 2^53", { ...dear, price: () => quote(1e300) }],
    ["a price as a string", { ...dear, price: () => quote("10") }],
    ["a cheap model's price under a dear model's slug", { ...cheap, slug: dear.slug }],
    ["schema {} (anything passes)", { ...dear, schema: {} }],
    ["a schema with extra keys letting unknown fields through", { ...dear, schema: { ...dear.schema, additionalProperties: true, properties: {} } }],
    ["a structural copy, frozen (as a descriptor of another installed version looks)", Object.freeze({ ...dear })],
    ["slug __proto__", { ...cheap, slug: "__proto__" }],
    ["slug constructor", { ...cheap, slug: "constructor" }],
  ])("%s: on the core and the root client", async (_, model) => {
    for (const root of [false, true]) {
      const { s, client } = await setup(root);
      const input = model.slug === dear.slug ? DEAR_INPUT : CHEAP_INPUT;
      const err = await refusedEverywhere(client, s, model, input, "generated-model");
      expect(err.message).toContain("not a model descriptor generated by this copy of @pixelbyte/client");
      await s.close();
      server = undefined;
    }
  });

  test("a getter or a Proxy answering one slug to the check and another to the request", async () => {
    const { s, client } = await setup();
    let reads = 0;
    const getter = { get slug() { return reads++ === 0 ? cheap.slug : dear.slug; }, title: cheap.title, schema: cheap.schema, price: cheap.price };
    await refusedEverywhere(client, s, getter, CHEAP_INPUT, "generated-model");
    let traps = 0;
    const proxy = new Proxy(cheap, { get: (t, k) => (k === "slug" && traps++ > 0 ? dear.slug : Reflect.get(t, k)) });
    await refusedEverywhere(client, s, proxy, CHEAP_INPUT, "generated-model");
    const { proxy: revoked, revoke } = Proxy.revocable(cheap, {});
    revoke();
    await refusedEverywhere(client, s, revoked, CHEAP_INPUT, "generated-model");
    const throwing = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error("trap"); }, get: () => { throw new Error("trap"); } });
    await refusedEverywhere(client, s, throwing, CHEAP_INPUT, "generated-model");
  });

  test("a generated descriptor, its schema and the root registry cannot be changed in place", async () => {
    expect(() => Object.assign(dear, { price: () => quote(0) })).toThrow(TypeError);
    expect(() => Object.assign(dear, { slug: cheap.slug })).toThrow(TypeError);
    expect(() => (dear.schema.properties!["duration"]!.enum as unknown[]).push("100")).toThrow(TypeError);
    expect(() => Object.assign(dear.schema, { additionalProperties: true })).toThrow(TypeError);
    // A registry entry written over (or one under another slug) is not taken for the slug either.
    const { s, client } = await setup(true);
    const registry = modelDescriptors as Record<string, ModelDescriptor>;
    const saved = registry[dear.slug]!;
    try {
      registry[dear.slug] = loose({ ...dear, price: () => quote(0) });
      await refusedEverywhere(client, s, dear.slug, DEAR_INPUT, "generated-model");
      registry[dear.slug] = cheap;
      await expect(client.submit(loose(dear.slug), CHEAP_INPUT as never)).rejects.toMatchObject({ code: "INVALID_INPUT", field: "model" });
      expect(submits(s)).toBe(0);
    } finally {
      registry[dear.slug] = saved;
    }
  });

  test("the error guides: the slug to pass to the root client, the import for the core client, no key in it", async () => {
    const rootSetup = await setup(true);
    const copy = { ...dear };
    const viaRoot = (await rootSetup.client.submit(loose(copy), DEAR_INPUT).catch((e: unknown) => e)) as InputValidationError;
    expect(viaRoot.message).toContain(`pass the slug "${dear.slug}"`);
    // The root client takes that slug, at the real price.
    await expect(rootSetup.client.submit(loose(dear.slug), DEAR_INPUT as never)).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
    await rootSetup.s.close();
    const { s, client } = await setup();
    const viaCore = (await client.submit(loose(copy), DEAR_INPUT).catch((e: unknown) => e)) as InputValidationError;
    expect(viaCore.message).toContain(`import model from "@pixelbyte/client/models/${dear.slug}"`);
    const misspelt = (await client.submit(loose("kling-plus/kling-o3-pro/text-to-vide"), DEAR_INPUT).catch((e: unknown) => e)) as InputValidationError;
    expect(misspelt).toMatchObject({ rule: "known-model", field: "model" });
    expect(misspelt.message).toContain('import model from "@pixelbyte/client/models/kling-plus/kling-o3-pro/text-to-vide"');
    const leaky = (await client.submit(loose({ ...dear, slug: `kling-plus/${server!.apiKey}` }), DEAR_INPUT).catch((e: unknown) => e)) as InputValidationError;
    expect(leaky).toMatchObject({ rule: "generated-model" });
    expect(leaksIn(errorRenderings(leaky), server!.apiKey)).toEqual([]);
    const keyAsSlug = await client.submit(loose(server!.apiKey), DEAR_INPUT).catch((e: unknown) => e);
    expect(leaksIn(errorRenderings(keyAsSlug), server!.apiKey)).toEqual([]);
    expect(submits(s)).toBe(0);
  });
});

describe("a generated descriptor's quote is checked before it counts against a budget", () => {
  // defineModel is what the generated modules call: these stand for a price function with a bug.
  const withPrice = (price: () => unknown) => defineModel<string, unknown>(dear.slug, dear.title, dear.schema, price as never);

  test.each([
    ["NaN", Number.NaN],
    ["negative", -1],
    ["fractional", 0.5],
    ["past 2^53", 2 ** 53],
    ["a string", "10"],
  ])("%s amount: PriceUnavailableError under a budget, nothing sent", async (_, microCents) => {
    const { s, client } = await setup();
    const model = withPrice(() => quote(microCents));
    await expect(client.submit(model, DEAR_INPUT)).rejects.toBeInstanceOf(PriceUnavailableError);
    await expect(client.submit(model, DEAR_INPUT, { maxCostMicroCents: 10 })).rejects.toBeInstanceOf(PriceUnavailableError);
    expect(() => client.price(model, DEAR_INPUT)).toThrow(PriceUnavailableError);
    expect(submits(s)).toBe(0);
    expect(client.budget?.reservedMicroCents).toBe(0);
  });

  test("a quote for another slug is not this call's price", async () => {
    const { s, client } = await setup();
    const model = withPrice(() => quote(0, cheap.slug));
    await expect(client.submit(model, DEAR_INPUT)).rejects.toThrow(/priced another model/);
    expect(submits(s)).toBe(0);
  });

  test("a price function's own bug (not a PricingError) is not swallowed as 'no local price'", async () => {
    const { s, client } = await setup();
    const model = withPrice(() => {
      throw Object.assign(new Error("cannot price"), { name: "NotPricingError" });
    });
    await expect(client.submit(model, DEAR_INPUT, { maxCostMicroCents: 5_000_000 })).rejects.toThrow("cannot price");
    expect(submits(s)).toBe(0);
  });

  test("the generated descriptors all pass: every slug of the registry prices and submits through both clients", async () => {
    const { s, client } = await setup(true);
    const big = createRootClient({ apiKey: s.apiKey, baseUrl: s.url, onPriceMismatch: "throw" });
    const r1 = await big.submit(dear, DEAR_INPUT);
    const r2 = await big.submit(dear.slug, DEAR_INPUT);
    expect([r1.price?.matches, r2.price?.matches]).toEqual([true, true]);
    for (const m of Object.values(modelDescriptors)) {
      expect(Object.isFrozen(m) && Object.isFrozen(m.schema)).toBe(true);
      // Taken as a model by both clients: whatever is wrong with `{}` is in the input, not the model.
      for (const c of [client, big as unknown as PixelByteClient]) expect(() => c.price(m as never, {} as never)).not.toThrow(expect.objectContaining({ field: "model" }));
    }
    expect(submits(s)).toBe(2);
  });
});
