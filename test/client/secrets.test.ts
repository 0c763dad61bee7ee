// The API key must never appear in an error message, a log line, or a printout of the client or
// its errors. This file provokes every kind of failure, collects everything, and searches it.
import { inspect } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { createClient, verifyWebhook } from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { API_KEY, fixtures, harness, KLING, KLING_INPUT, noUnhandledRejections, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const GET = "GET /v1/jobs/*";
const SUBMIT = "POST /v1/jobs/submit";
const errors: unknown[] = [];
const harnesses: Harness[] = [];

async function collect(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    errors.push(e);
  }
}

/** Every textual form an error or object can take when printed, logged or serialised. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { showHidden: true, depth: null, getters: true }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // circular structures cannot leak through JSON.stringify
  }
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? "");
    for (let c: unknown = value.cause, depth = 0; c !== undefined && depth < 5; c = (c as Error).cause, depth++) out.push(...renderings(c));
  }
  return out;
}

afterAll(async () => {
  for (const h of harnesses) await h.server.close();
});

describe("the API key never leaks", () => {
  test("provoke every failure kind", async () => {
    const h = await harness({ maxRetries: 1, timeoutMs: 200, onPriceMismatch: "throw" });
    harnesses.push(h);
    const { server, client } = h;
    // Servers that echo the key back, in the message, the details and an HTML page.
    server.script(GET, step.error(401, "INVALID_API_KEY", `Invalid API key ${API_KEY} (Bearer ${API_KEY})`, { details: { key: API_KEY, nested: { again: API_KEY } } }));
    await collect(client.jobs.get("job_1"));
    server.script(GET, { kind: "raw", status: 500, contentType: "text/html", body: `<html>debug: authorization=Bearer ${API_KEY}</html>` }, { kind: "raw", status: 500, contentType: "text/html", body: `<html>${API_KEY}</html>` });
    await collect(client.jobs.get("job_1"));
    server.script(GET, { kind: "raw", status: 200, contentType: "application/json", body: `{"echo":"${API_KEY}"` }, { kind: "raw", status: 200, contentType: "application/json", body: `{"echo":"${API_KEY}"` });
    await collect(client.jobs.get("job_1"));
    server.script(GET, step.resetAfter(), step.resetAfter());
    await collect(client.jobs.get("job_1"));
    server.resetNextConnections(2);
    await collect(client.jobs.get("job_1"));
    server.script(GET, step.stallBody(), step.stall());
    await collect(client.jobs.get("job_1"));
    server.script(SUBMIT, step.error(500, "INTERNAL_ERROR", `boom ${API_KEY}`));
    await collect(client.submit(KLING, KLING_INPUT));
    server.script(SUBMIT, step.json(fixtures.submit("job_2", 1)));
    await collect(client.submit(KLING, KLING_INPUT));
    await collect(client.submit(KLING, { prompt: API_KEY, duration: API_KEY, [API_KEY]: 1 } as never));
    await collect(client.submit(KLING, KLING_INPUT, { maxCostMicroCents: 1 }));
    await collect(client.submit(KLING, KLING_INPUT, { webhookUrl: `http://hooks.example/${API_KEY}` }));
    await collect(client.uploads.upload(new Uint8Array(1), { filename: "a.bmp", contentType: "image/bmp" as never }));
    await collect(verifyWebhook("{}", { "x-pixelbyte-timestamp": "1", "x-pixelbyte-signature": "sha256=00" }, API_KEY));
    // A custom fetch whose own error text contains the key.
    const leaky = createClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxRetries: 0,
      fetch: async (_input, init) => {
        throw new TypeError(`request failed, headers were ${JSON.stringify(Object.fromEntries(new Headers(init?.headers).entries()))}`);
      },
    });
    await collect(leaky.jobs.get("job_1"));

    // Guard against a vacuous test: the key was really sent, and the failures really happened.
    expect(server.received.some((r) => r.headers["authorization"] === `Bearer ${API_KEY}`)).toBe(true);
    expect(errors.length).toBe(14);
    expect(h.logs.length).toBeGreaterThan(4);
  });

  test("no error, in any rendering, contains the key", () => {
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      for (const text of renderings(e)) expect(text).not.toContain(API_KEY);
    }
  });

  test("but the server's text around it is kept", () => {
    const first = errors[0] as Error;
    expect(first.message).toContain("Invalid API key [redacted] (Bearer [redacted])");
    expect(JSON.stringify(first)).toContain('"details":{"key":"[redacted]","nested":{"again":"[redacted]"}}');
  });

  test("no log line or log field contains the key", () => {
    const h = harnesses[0]!;
    expect(h.logs.length).toBeGreaterThan(0);
    for (const log of h.logs) {
      expect(log.message).not.toContain(API_KEY);
      expect(JSON.stringify(log.data) ?? "").not.toContain(API_KEY);
    }
  });

  test("printing or serialising the client shows no key", () => {
    const client = harnesses[0]!.client;
    for (const text of [...renderings(client), `${client}`, inspect(client.jobs, { showHidden: true, depth: null })]) expect(text).not.toContain(API_KEY);
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ apiKey: "[redacted]" });
  });
});
