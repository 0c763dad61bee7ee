import { createHmac } from "node:crypto";
import { describe, expect, test } from "vitest";
import { verifyWebhook, WebhookVerificationError, type WebhookRejection } from "@pixelbyte/client";
import { constantTimeEqual } from "../../packages/client/src/core/webhooks.js";
import { noUnhandledRejections, rejectionOf } from "./helpers/fixtures.js";

noUnhandledRejections();

const SECRET = "whsec_test_5b1f0c2e9a";
const NOW_SEC = 1_771_426_800; // 2026-02-18T15:00:00Z
const now = () => NOW_SEC * 1000;

const completed = JSON.stringify({
  jobId: "job_abc123",
  requestId: "req_xyz789",
  status: "completed",
  output: { imageUrl: "https://cdn.muvi.video/outputs/job_abc123.png", metadata: { width: 1024, height: 1024, format: "png" } },
  completedAt: "2026-02-18T12:00:00.000Z",
});
const failed = JSON.stringify({
  jobId: "job_abc123",
  requestId: "req_xyz789",
  status: "failed",
  error: { code: "INTERNAL_ERROR", message: "Model inference failed" },
  completedAt: "2026-02-18T12:00:05.000Z",
});

/** Signs like the PixelByte sender, with an implementation independent of the client's. */
function sign(body: string | Buffer, ts: number | string, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(`${ts}.`).update(body).digest("hex")}`;
}
const headersFor = (body: string, ts: number | string = NOW_SEC, secret = SECRET) => ({
  "x-pixelbyte-signature": sign(body, ts, secret),
  "x-pixelbyte-timestamp": String(ts),
});

async function rejection(p: Promise<unknown>): Promise<WebhookRejection> {
  const err = await rejectionOf(p);
  expect(err).toBeInstanceOf(WebhookVerificationError);
  return (err as WebhookVerificationError).code;
}

describe("accepted deliveries", () => {
  test("a completed event, typed", async () => {
    const event = await verifyWebhook(completed, headersFor(completed), SECRET, { now });
    expect(event.status).toBe("completed");
    if (event.status === "completed") expect(event.output).toEqual({ imageUrl: "https://cdn.muvi.video/outputs/job_abc123.png", metadata: { width: 1024, height: 1024, format: "png" } });
    expect(event).toMatchObject({ jobId: "job_abc123", requestId: "req_xyz789" });
  });

  test("a failed event carries the job's error", async () => {
    const event = await verifyWebhook(failed, headersFor(failed), SECRET, { now });
    expect(event.status === "failed" && event.error).toEqual({ code: "INTERNAL_ERROR", message: "Model inference failed" });
  });

  test("raw bytes, a Headers object and header names in any case", async () => {
    const bytes = new TextEncoder().encode(completed);
    const h = new Headers(headersFor(completed));
    await expect(verifyWebhook(bytes, h, SECRET, { now })).resolves.toMatchObject({ jobId: "job_abc123" });
    await expect(verifyWebhook(bytes.buffer, { "X-PixelByte-Signature": [sign(completed, NOW_SEC)], "X-PIXELBYTE-TIMESTAMP": String(NOW_SEC) }, SECRET, { now })).resolves.toMatchObject({ jobId: "job_abc123" });
  });

  test("the signature covers the exact bytes: non-ASCII bodies verify", async () => {
    const body = JSON.stringify({ jobId: "job_é", status: "completed", requestId: "r", output: { caption: "café — 日本" }, completedAt: "x" });
    await expect(verifyWebhook(body, headersFor(body), SECRET, { now })).resolves.toMatchObject({ jobId: "job_é" });
  });

  test("during a secret rotation either secret verifies", async () => {
    await expect(verifyWebhook(completed, headersFor(completed, NOW_SEC, "new_secret_123"), ["old_secret_456", "new_secret_123"], { now })).resolves.toMatchObject({ status: "completed" });
  });

  test("exactly at the tolerance edge, both ways", async () => {
    await expect(verifyWebhook(completed, headersFor(completed, NOW_SEC - 300), SECRET, { now })).resolves.toBeDefined();
    await expect(verifyWebhook(completed, headersFor(completed, NOW_SEC + 300), SECRET, { now })).resolves.toBeDefined();
  });
});

describe("rejected deliveries", () => {
  test("tampered body", async () => {
    const h = headersFor(completed);
    expect(await rejection(verifyWebhook(completed.replace("job_abc123", "job_evil"), h, SECRET, { now }))).toBe("WEBHOOK_SIGNATURE_MISMATCH");
  });

  test("a body re-serialised after parsing (whitespace changed) does not verify", async () => {
    const pretty = JSON.stringify(JSON.parse(completed), null, 2);
    expect(await rejection(verifyWebhook(pretty, headersFor(completed), SECRET, { now }))).toBe("WEBHOOK_SIGNATURE_MISMATCH");
  });

  test("replayed with a fresh timestamp header: the old signature no longer matches", async () => {
    const old = headersFor(completed, NOW_SEC - 3_600);
    const replay = { ...old, "x-pixelbyte-timestamp": String(NOW_SEC) };
    expect(await rejection(verifyWebhook(completed, replay, SECRET, { now }))).toBe("WEBHOOK_SIGNATURE_MISMATCH");
  });

  test("replayed as captured, later: stale", async () => {
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC - 301), SECRET, { now }))).toBe("WEBHOOK_TIMESTAMP_TOO_OLD");
    // replicate's verifier accepted a 30-day-old timestamp.
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC - 30 * 86_400), SECRET, { now }))).toBe("WEBHOOK_TIMESTAMP_TOO_OLD");
  });

  test("from the future", async () => {
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC + 301), SECRET, { now }))).toBe("WEBHOOK_TIMESTAMP_IN_FUTURE");
    // Milliseconds instead of seconds are not a plausible Unix time in seconds.
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC * 1000), SECRET, { now }))).toBe("WEBHOOK_MALFORMED_TIMESTAMP");
  });

  test("a custom tolerance", async () => {
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC - 61), SECRET, { now, toleranceSec: 60 }))).toBe("WEBHOOK_TIMESTAMP_TOO_OLD");
  });

  test("wrong secret", async () => {
    expect(await rejection(verifyWebhook(completed, headersFor(completed, NOW_SEC, "someone_else"), SECRET, { now }))).toBe("WEBHOOK_SIGNATURE_MISMATCH");
    expect(await rejection(verifyWebhook(completed, headersFor(completed), ["a_secret", "b_secret"], { now }))).toBe("WEBHOOK_SIGNATURE_MISMATCH");
  });

  test("missing headers", async () => {
    const { "x-pixelbyte-signature": _s, ...noSig } = headersFor(completed);
    const { "x-pixelbyte-timestamp": _t, ...noTs } = headersFor(completed);
    expect(await rejection(verifyWebhook(completed, noSig, SECRET, { now }))).toBe("WEBHOOK_MISSING_SIGNATURE");
    expect(await rejection(verifyWebhook(completed, noTs, SECRET, { now }))).toBe("WEBHOOK_MISSING_TIMESTAMP");
    expect(await rejection(verifyWebhook(completed, {}, SECRET, { now }))).toBe("WEBHOOK_MISSING_TIMESTAMP");
  });

  test.each([
    ["no sha256= prefix", (s: string) => s.slice("sha256=".length)],
    ["another algorithm", (s: string) => s.replace("sha256=", "sha1=")],
    ["too short", (s: string) => s.slice(0, -2)],
    ["not hex", (s: string) => `${s.slice(0, -1)}g`],
    ["two signatures", (s: string) => `${s},${s}`],
    ["empty", () => ""],
  ])("malformed signature: %s", async (_name, mangle) => {
    const h = headersFor(completed);
    h["x-pixelbyte-signature"] = mangle(h["x-pixelbyte-signature"]);
    expect(await rejection(verifyWebhook(completed, h, SECRET, { now }))).toBe("WEBHOOK_MALFORMED_SIGNATURE");
  });

  test.each(["abc", "1771426800.5", "-1771426800", "", "0x69957af0"])("malformed timestamp %j", async (ts) => {
    const h = { "x-pixelbyte-signature": sign(completed, ts), "x-pixelbyte-timestamp": ts };
    expect(await rejection(verifyWebhook(completed, h, SECRET, { now }))).toBe("WEBHOOK_MALFORMED_TIMESTAMP");
  });

  test("a header sent twice", async () => {
    const sig = sign(completed, NOW_SEC);
    expect(await rejection(verifyWebhook(completed, { "x-pixelbyte-signature": [sig, sig], "x-pixelbyte-timestamp": String(NOW_SEC) }, SECRET, { now }))).toBe("WEBHOOK_MALFORMED_SIGNATURE");
  });

  test("no secret configured", async () => {
    expect(await rejection(verifyWebhook(completed, headersFor(completed), "", { now }))).toBe("WEBHOOK_NO_SECRET");
    expect(await rejection(verifyWebhook(completed, headersFor(completed), [], { now }))).toBe("WEBHOOK_NO_SECRET");
  });

  test.each([
    ["not JSON", "not json at all"],
    ["a JSON array", "[1,2]"],
    ["no jobId", JSON.stringify({ status: "completed" })],
    ["an undocumented status", JSON.stringify({ jobId: "j", status: "cancelled" })],
  ])("correctly signed but malformed payload: %s", async (_name, body) => {
    expect(await rejection(verifyWebhook(body, headersFor(body), SECRET, { now }))).toBe("WEBHOOK_MALFORMED_PAYLOAD");
  });

  test("a parsed object instead of the raw body", async () => {
    expect(await rejection(verifyWebhook(JSON.parse(completed) as never, headersFor(completed), SECRET, { now }))).toBe("WEBHOOK_MALFORMED_PAYLOAD");
  });
});

describe("constant-time comparison", () => {
  test("equal, one bit off at either end, different lengths", () => {
    const a = new Uint8Array(32).fill(0xab);
    const first = a.slice();
    first[0] = first[0]! ^ 1;
    const last = a.slice();
    last[31] = last[31]! ^ 0x80;
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    expect(constantTimeEqual(a, first)).toBe(false);
    expect(constantTimeEqual(a, last)).toBe(false);
    expect(constantTimeEqual(a, a.slice(0, 31))).toBe(false);
  });
});
