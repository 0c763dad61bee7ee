import { createHmac, timingSafeEqual } from "node:crypto";
import { createClient, verifyWebhook, WebhookVerificationError } from "@pixelbyte/client";
import { startServer } from "@pixelbyte/test-server";
import { beforeAll, expect, test } from "vitest";
import { api, KLING } from "../helpers/http.js";
import { loadConformance, type Conformance } from "../helpers/openapi.js";
import { startReceiver, type Received } from "../helpers/receiver.js";

const SECRET = "whsec_unit";
let spec: Conformance;

beforeAll(async () => {
  spec = await loadConformance();
});

/** Verifies a delivery the way the docs tell receivers to, independently of the server's signer. */
function verify(r: Received, secret = SECRET): boolean {
  const timestamp = String(r.headers["x-pixelbyte-timestamp"]);
  const signature = String(r.headers["x-pixelbyte-signature"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${r.raw}`).digest("hex")}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300;
  return fresh && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}

test("a completed job is delivered once, signed with HMAC-SHA256 over timestamp.rawBody", async () => {
  const receiver = await startReceiver();
  const server = await startServer({ webhookSecret: SECRET, timing: { pendingMs: 5, processingMs: 5 } });
  const http = api(server.url, server.apiKey);
  const { body } = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url });
  await server.settled();
  expect(receiver.received).toHaveLength(1);
  const [delivery] = receiver.received;
  expect(delivery!.headers["x-pixelbyte-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(String(delivery!.headers["x-pixelbyte-timestamp"])).toMatch(/^\d{10}$/);
  expect(verify(delivery!)).toBe(true);
  expect(verify(delivery!, "whsec_wrong")).toBe(false);
  expect(verify({ ...delivery!, raw: delivery!.raw.replace("completed", "failed") })).toBe(false);
  const payload = JSON.parse(delivery!.raw);
  expect(payload).toMatchObject({ jobId: body.jobId, requestId: body.requestId, status: "completed", output: { url: `${server.url}/cdn/outputs/${body.jobId}/output_0.mp4` } });
  expect(spec.validatorFor("WebhookPayload")(payload)).toBe(true);
  expect(server.webhookDeliveries[0]).toMatchObject({ jobId: body.jobId, state: "sent", attempts: [{ status: 200 }] });
  await server.close();
  await receiver.close();
});

test("a failed job is delivered with its error; a cancelled job is not announced", async () => {
  const receiver = await startReceiver();
  // Pending long enough that the cancel below lands while the job is still pending, even on a loaded machine.
  const server = await startServer({ webhookSecret: SECRET, timing: { pendingMs: 300, processingMs: 5 } });
  const http = api(server.url, server.apiKey);
  const failed = (await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url }, { "x-test-fault": "job-failure" })).body;
  const cancelled = (await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url })).body;
  expect((await http.post(`/v1/jobs/${cancelled.jobId}/cancel`)).status).toBe(200);
  await server.settled();
  expect(receiver.received.map((r) => JSON.parse(r.raw).jobId)).toEqual([failed.jobId]);
  const payload = JSON.parse(receiver.received[0]!.raw);
  expect(payload).toMatchObject({ status: "failed", error: { code: "GENERATION_FAILED" } });
  expect(payload.output).toBeUndefined();
  expect(spec.validatorFor("WebhookPayload")(payload)).toBe(true);
  await server.close();
  await receiver.close();
});

test("non-2xx answers are retried on the configured schedule, each attempt freshly signed, until a 2xx", async () => {
  const receiver = await startReceiver([500, 503, 401]);
  const delays = [40, 80, 160, 320, 640];
  const server = await startServer({ webhookSecret: SECRET, webhookRetryDelaysMs: delays, timing: { pendingMs: 1, processingMs: 1 } });
  await api(server.url, server.apiKey).post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url });
  await server.settled();
  const at = receiver.received.map((r) => r.at);
  expect(at).toHaveLength(4);
  for (let i = 1; i < at.length; i++) {
    const gap = at[i]! - at[i - 1]!;
    expect(gap).toBeGreaterThanOrEqual(delays[i - 1]! - 5);
    expect(gap).toBeLessThan(delays[i - 1]! + 150);
  }
  expect(receiver.received.every((r) => verify(r))).toBe(true);
  expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1); // same body: receivers de-duplicate on jobId
  expect(server.webhookDeliveries[0]!.attempts.map((a) => a.status)).toEqual([500, 503, 401, 200]);
  expect(server.webhookDeliveries[0]!.state).toBe("sent");
  await server.close();
  await receiver.close();
});

test("after the last retry fails the delivery is marked failed; an unreachable or slow receiver counts as a failure", async () => {
  const receiver = await startReceiver([500, 500, 500, 500, 500, 500, 500]);
  const server = await startServer({ webhookRetryDelaysMs: [5, 5, 5, 5, 5], timing: { pendingMs: 1, processingMs: 1 } });
  await api(server.url, server.apiKey).post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url });
  await server.settled();
  expect(receiver.received).toHaveLength(6); // the first attempt and 5 retries
  expect(server.webhookDeliveries[0]!.state).toBe("failed");
  await receiver.close();

  const slow = await startReceiver([], 300);
  const s2 = await startServer({ webhookRetryDelaysMs: [5], webhookTimeoutMs: 50, timing: { pendingMs: 1, processingMs: 1 } });
  await api(s2.url, s2.apiKey).post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: slow.url });
  await s2.settled();
  expect(s2.webhookDeliveries[0]!.attempts.map((a) => a.error)).toEqual(["no answer within 50 ms", "no answer within 50 ms"]);
  expect(s2.webhookDeliveries[0]!.state).toBe("failed");
  await Promise.all([server.close(), s2.close(), slow.close()]);
});

test("an https webhook URL can be routed to a local receiver (webhookUrlRewrite)", async () => {
  const receiver = await startReceiver();
  const server = await startServer({ timing: { pendingMs: 1, processingMs: 1 }, webhookUrlRewrite: () => receiver.url, allowLoopbackHttpWebhooks: false });
  const http = api(server.url, server.apiKey);
  expect((await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: receiver.url })).body.error.code).toBe("INVALID_WEBHOOK_URL");
  await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" }, webhookUrl: "https://hooks.example.com/pixelbyte" });
  await server.settled();
  expect(receiver.received).toHaveLength(1);
  expect(server.webhookDeliveries[0]!.url).toBe("https://hooks.example.com/pixelbyte");
  await server.close();
  await receiver.close();
});

test("the client's verifyWebhook accepts every delivery of a job submitted through the client, and rejects tampering", async () => {
  const receiver = await startReceiver([503]);
  const server = await startServer({ webhookSecret: SECRET, webhookRetryDelaysMs: [20], timing: { pendingMs: 5, processingMs: 5 }, webhookUrlRewrite: () => receiver.url });
  const client = createClient({ apiKey: server.apiKey, baseUrl: server.url });
  const done = await client.run(KLING, { prompt: "p" }, { webhookUrl: "https://hooks.example.com/pixelbyte", pollIntervalMs: 5 });
  await server.settled();
  expect(receiver.received).toHaveLength(2); // a 503, then the retry
  for (const r of receiver.received) {
    const event = await verifyWebhook(r.raw, r.headers, SECRET);
    expect(event).toMatchObject({ jobId: done.jobId, status: "completed" });
  }
  const [first] = receiver.received;
  await expect(verifyWebhook(first!.raw, first!.headers, "whsec_other")).rejects.toBeInstanceOf(WebhookVerificationError);
  await expect(verifyWebhook(first!.raw.replace('"completed"', '"failed"'), first!.headers, SECRET)).rejects.toBeInstanceOf(WebhookVerificationError);
  // A delivery replayed ten minutes later is refused by the 300 s tolerance.
  await expect(verifyWebhook(first!.raw, first!.headers, SECRET, { now: () => Date.now() + 600_000 })).rejects.toBeInstanceOf(WebhookVerificationError);
  await server.close();
  await receiver.close();
});
