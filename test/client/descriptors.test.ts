// Model descriptors (`@pixelbyte/client/models/<slug>`) in place of slugs: the core entry's client
// (descriptors only, no registry) and the root client take them with every guarantee a slug call has.
import { createClient as createRootClient, InputValidationError, modelDescriptors, validateModelInput } from "@pixelbyte/client";
import { BudgetExceededError, createClient, type ModelDescriptor, type PixelByteClient } from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";
import { afterEach, describe, expect, test } from "vitest";
import { errorRenderings, leaksIn } from "../helpers/secrets.js";
import { answerEverything, API_KEY, fakeClock, KLING, KLING_INPUT, KLING_PRICE, noUnhandledRejections, rejectionOf } from "./helpers/fixtures.js";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";

noUnhandledRejections();

const SUBMIT = "POST /v1/jobs/submit";
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function coreClient(options: Parameters<typeof createClient>[0] = {}): Promise<{ client: PixelByteClient; server: FaultServer }> {
  server = await startFaultServer();
  answerEverything(server);
  return { server, client: createClient({ apiKey: API_KEY, baseUrl: server.url, clock: fakeClock(), timeoutMs: 2_000, ...options }) };
}

/** Casts past the compiler, as a JavaScript caller would. */
const loose = <T = ModelDescriptor>(value: unknown) => value as T;

describe("a descriptor in place of a slug", () => {
  test("the core client sends, prices and checks the charge exactly as the root client does for the slug", async () => {
    const { client, server: s } = await coreClient();
    const root = createRootClient({ apiKey: API_KEY, baseUrl: s.url, clock: fakeClock(), timeoutMs: 2_000 });
    const a = await client.submit(kling, KLING_INPUT, { maxCostMicroCents: KLING_PRICE });
    const b = await root.submit(KLING, KLING_INPUT, { maxCostMicroCents: KLING_PRICE });
    const c = await root.submit(kling, KLING_INPUT);
    const bodies = s.received.filter((r) => r.method === "POST" && r.path === "/v1/jobs/submit").map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!)).toEqual({ model: KLING, input: KLING_INPUT });
    for (const r of [a, b, c]) expect(r.price).toMatchObject({ quotedMicroCents: KLING_PRICE, chargedMicroCents: KLING_PRICE, matches: true });
    expect(client.price(kling, KLING_INPUT)).toEqual(root.price(KLING, KLING_INPUT));
    const est = await client.estimate(kling, KLING_INPUT);
    expect(est.local?.microCents).toBe(KLING_PRICE);
  });

  test("validation, the per-call cap and the client budget hold before anything is sent", async () => {
    const { client, server: s } = await coreClient({ budget: { limitMicroCents: 1_000_000 } });
    const bad = (await rejectionOf(client.submit(kling, loose({ prompt: "p", duration: "16" })))) as InputValidationError;
    expect(bad).toBeInstanceOf(InputValidationError);
    expect(bad.allowed).toEqual(["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]);
    // A toJSON() would send something else than what is checked: refused, as for a slug.
    const twoFaced = { prompt: "p", duration: "5", toJSON: () => ({ prompt: "p", duration: "15" }) };
    expect(await rejectionOf(client.submit(kling, loose(twoFaced)))).toMatchObject({ code: "INVALID_INPUT", field: "input" });
    expect(await rejectionOf(client.submit(kling, KLING_INPUT, { maxCostMicroCents: 1_000 }))).toBeInstanceOf(BudgetExceededError);
    expect(await rejectionOf(client.run(kling, KLING_INPUT))).toMatchObject({ code: "BUDGET_EXCEEDED", details: expect.objectContaining({ scope: "client" }) });
    expect(s.count(SUBMIT)).toBe(0);
  });

  test("the core client knows no slug: a string is refused with the way to a descriptor, nothing sent", async () => {
    const { client, server: s } = await coreClient();
    for (const call of [
      () => client.submit(loose(KLING), KLING_INPUT),
      () => client.run(loose(KLING), KLING_INPUT),
      () => client.estimate(loose(KLING), KLING_INPUT),
    ]) {
      const err = (await rejectionOf(call())) as InputValidationError;
      expect(err).toBeInstanceOf(InputValidationError);
      expect(err.field).toBe("model");
      expect(err.message).toContain(`import model from "@pixelbyte/client/models/${KLING}"`);
    }
    expect(() => client.price(loose(KLING), KLING_INPUT)).toThrow(/is not a known model/);
    expect(s.received).toHaveLength(0);
  });

  test.each([
    ["a plain object with a slug", { slug: KLING }, "generated-model"],
    ["a descriptor without its price", { slug: KLING, title: "t", schema: {} }, "generated-model"],
    ["a copy of a descriptor", { ...kling }, "generated-model"],
    ["null", null, "known-model"],
    ["a number", 42, "known-model"],
  ])("%s is not a model", async (_, model, rule) => {
    const { client, server: s } = await coreClient();
    const err = (await rejectionOf(client.submit(loose(model), KLING_INPUT))) as InputValidationError;
    expect(err).toMatchObject({ code: "INVALID_INPUT", field: "model", rule });
    expect(s.received).toHaveLength(0);
  });

  test("the key passed as a slug is masked in the core client's error, and a descriptor slug carrying it is not sent", async () => {
    const { client, server: s } = await coreClient();
    const err = await rejectionOf(client.submit(loose(API_KEY), KLING_INPUT));
    expect(leaksIn(errorRenderings(err), API_KEY)).toEqual([]);
    const leaky = { ...kling, slug: `kling-plus/${API_KEY}` } as ModelDescriptor;
    const refused = (await rejectionOf(client.submit(leaky, KLING_INPUT))) as InputValidationError;
    expect(refused).toMatchObject({ code: "INVALID_INPUT", rule: "generated-model" });
    expect(leaksIn(errorRenderings(refused), API_KEY)).toEqual([]);
    expect(s.received).toHaveLength(0);
  });

  test("validateModelInput (root) takes a slug or a descriptor; the registry holds the generated descriptors", () => {
    expect(validateModelInput(kling, KLING_INPUT)).toEqual(validateModelInput(KLING, KLING_INPUT));
    expect(modelDescriptors[KLING]).toBe(kling);
    expect(() => validateModelInput(loose("kling-plus/kling-o3-standard/text-to-vide"), {})).toThrow(`did you mean "${KLING}"`);
  });
});
