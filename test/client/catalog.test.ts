import { afterEach, describe, expect, test } from "vitest";
import { ConfigurationError, createClient, InputValidationError } from "@pixelbyte/client";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";
import { answerEverything, API_KEY, fixtures, harness, KLING, KLING_INPUT, noUnhandledRejections, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

const auth = (server: FaultServer, i: number) => ({ authorization: server.received[i]!.headers["authorization"], xApiKey: server.received[i]!.headers["x-api-key"] });

describe("credentials per endpoint (decision 2 in docs/decisions.md)", () => {
  test("/v1/models* and /v1/providers* get both Bearer and x-api-key", async () => {
    h = await harness();
    await h.client.models.list();
    await h.client.models.get("model_abc123");
    await h.client.providers.list();
    await h.client.providers.models("google");
    for (let i = 0; i < 4; i++) expect(auth(h.server, i)).toEqual({ authorization: `Bearer ${API_KEY}`, xApiKey: API_KEY });
    expect(h.server.received.map((r) => r.path)).toEqual(["/v1/models", "/v1/models/model_abc123", "/v1/providers", "/v1/providers/google/models"]);
  });

  test("the public catalog gets no credentials, except the model list (visibility and account pricing)", async () => {
    h = await harness();
    await h.client.catalog.models();
    await h.client.catalog.providers();
    await h.client.catalog.provider("google");
    await h.client.catalog.categories();
    await h.client.catalog.capabilityGroups();
    await h.client.catalog.model("google/nano-banana");
    expect(auth(h.server, 0)).toEqual({ authorization: `Bearer ${API_KEY}`, xApiKey: undefined });
    for (let i = 1; i < 6; i++) expect(auth(h.server, i)).toEqual({ authorization: undefined, xApiKey: undefined });
  });

  test("job endpoints get Bearer only", async () => {
    h = await harness();
    await h.client.jobs.get("job_1");
    expect(auth(h.server, 0)).toEqual({ authorization: `Bearer ${API_KEY}`, xApiKey: undefined });
  });
});

describe("catalog", () => {
  test("a slug maps onto the two- or three-segment path", async () => {
    h = await harness();
    const detail = await h.client.catalog.model("google/veo-3.1-fast/text-to-video");
    await h.client.catalog.model("google/nano-banana");
    expect(detail).toMatchObject({ slug: "google/veo-3.1-fast/text-to-video", inputSchema: {}, siblings: [] });
    expect(h.server.received.map((r) => r.path)).toEqual(["/v1/catalog/models/google/veo-3.1-fast/text-to-video", "/v1/catalog/models/google/nano-banana"]);
  });

  test.each(["google", "a/b/c/d", "a//b", ""])("slug %j is refused locally", async (slug) => {
    h = await harness();
    await expect(h.client.catalog.model(slug)).rejects.toBeInstanceOf(InputValidationError);
    expect(h.server.received).toHaveLength(0);
  });

  test("bare-array answers stay arrays, with a non-enumerable requestId", async () => {
    h = await harness();
    const list = await h.client.catalog.models();
    expect(Array.isArray(list)).toBe(true);
    expect(list).toEqual([fixtures.catalogModel()]);
    expect(Object.keys(list)).toEqual(["0"]);
    expect(JSON.stringify(list)).toBe(JSON.stringify([fixtures.catalogModel()]));
  });

  test("an object where an array is promised is an InvalidResponseError", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script("GET /v1/catalog/categories", { kind: "json", status: 200, body: { categories: [] } });
    await expect(h.client.catalog.categories()).rejects.toThrow(/expected a JSON array/);
  });
});

describe("a client without a key (apiKey: null)", () => {
  test("reads the public catalog, and refuses authenticated calls before sending", async () => {
    const server = await startFaultServer();
    answerEverything(server);
    try {
      const client = createClient({ apiKey: null, baseUrl: server.url });
      await expect(client.catalog.models()).resolves.toHaveLength(1);
      expect(server.received[0]!.headers["authorization"]).toBeUndefined();
      await expect(client.submit(KLING, KLING_INPUT)).rejects.toBeInstanceOf(ConfigurationError);
      await expect(client.jobs.get("job_1")).rejects.toThrow(/needs an API key/);
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
