import { afterEach, describe, expect, test } from "vitest";
import { ConfigurationError, createClient, DEFAULT_BASE_URL, type FetchLike } from "@pixelbyte/client";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";
import { answerEverything, API_KEY, KLING, KLING_INPUT, noUnhandledRejections } from "./helpers/fixtures.js";

noUnhandledRejections();

let server: FaultServer;
afterEach(async () => {
  await server?.close();
});

async function withEnv<T>(value: string | undefined, fn: () => Promise<T> | T): Promise<T> {
  const saved = process.env["PIXELBYTE_API_KEY"];
  if (value === undefined) delete process.env["PIXELBYTE_API_KEY"];
  else process.env["PIXELBYTE_API_KEY"] = value;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env["PIXELBYTE_API_KEY"];
    else process.env["PIXELBYTE_API_KEY"] = saved;
  }
}

describe("createClient", () => {
  test("reads PIXELBYTE_API_KEY when apiKey is omitted", async () => {
    server = await startFaultServer();
    answerEverything(server);
    await withEnv("pb_from_env_0123456789", async () => {
      await createClient({ baseUrl: server.url }).jobs.get("job_1");
    });
    expect(server.received[0]!.headers["authorization"]).toBe("Bearer pb_from_env_0123456789");
  });

  test("an explicit apiKey wins over the environment", async () => {
    server = await startFaultServer();
    answerEverything(server);
    await withEnv("pb_from_env_0123456789", async () => {
      await createClient({ apiKey: API_KEY, baseUrl: server.url }).jobs.get("job_1");
    });
    expect(server.received[0]!.headers["authorization"]).toBe(`Bearer ${API_KEY}`);
  });

  test("neither set: a clear ConfigurationError at once", async () => {
    await withEnv(undefined, () => {
      expect(() => createClient()).toThrow(ConfigurationError);
      expect(() => createClient()).toThrow(/PIXELBYTE_API_KEY/);
      expect(() => createClient({ apiKey: "  " })).toThrow(/No PixelByte API key/);
    });
  });

  test("the default base URL is the current host", () => {
    expect(DEFAULT_BASE_URL).toBe("https://api.muvi.video");
    expect(createClient({ apiKey: API_KEY }).baseUrl).toBe("https://api.muvi.video");
  });

  test("plain http only for loopback hosts; the key never crosses a network in clear", () => {
    expect(() => createClient({ apiKey: API_KEY, baseUrl: "http://api.muvi.video" })).toThrow(/must use https/);
    expect(() => createClient({ apiKey: API_KEY, baseUrl: "not a url" })).toThrow(ConfigurationError);
    expect(createClient({ apiKey: API_KEY, baseUrl: "http://localhost:8080/" }).baseUrl).toBe("http://localhost:8080");
  });

  test.each([
    [{ timeoutMs: 0 }],
    [{ timeoutMs: Number.NaN }],
    [{ maxRetries: -1 }],
    [{ maxRetries: 1.5 }],
    [{ budget: { limitMicroCents: Number.NaN } }],
    [{ fetch: "fetch" as unknown as FetchLike }],
  ])("rejects the option %j", (options) => {
    expect(() => createClient({ apiKey: API_KEY, ...options })).toThrow(ConfigurationError);
  });
});

describe("fetch", () => {
  test("a custom fetch is called as a plain function, never with a foreign this", async () => {
    server = await startFaultServer();
    answerEverything(server);
    const thisValues: unknown[] = [];
    const client = createClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      fetch: function (this: unknown, input, init) {
        thisValues.push(this);
        return globalThis.fetch(input, init);
      },
    });
    await client.jobs.get("job_1");
    await client.submit(KLING, KLING_INPUT);
    await client.uploads.upload(new Uint8Array([1]), { filename: "a.png", contentType: "image/png" });
    expect(thisValues).toHaveLength(4);
    expect(thisValues.every((t) => t === undefined)).toBe(true);
  });

  test("the default resolves globalThis.fetch at call time (polyfills installed later are used)", async () => {
    server = await startFaultServer();
    answerEverything(server);
    const client = createClient({ apiKey: API_KEY, baseUrl: server.url });
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (input, init) => {
      calls++;
      return original(input, init);
    };
    try {
      await client.jobs.get("job_1");
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(1);
  });

  test("methods work when taken off the client", async () => {
    server = await startFaultServer();
    answerEverything(server);
    const { submit, jobs } = createClient({ apiKey: API_KEY, baseUrl: server.url });
    const { get } = jobs;
    await expect(submit(KLING, KLING_INPUT)).resolves.toMatchObject({ jobId: "job_1" });
    await expect(get("job_1")).resolves.toMatchObject({ status: "completed" });
  });
});
