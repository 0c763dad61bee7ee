import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { signWebhook, startServer, type TestServer } from "@pixelbyte/test-server";
import { afterEach, describe, expect, test } from "vitest";
import { runVideoApp } from "../../examples/video-app/src/app.js";
import { BudgetGuard } from "../../examples/video-app/src/budget.js";
import { describeQuote, MODEL, priceRequest } from "../../examples/video-app/src/pricing.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../examples/video-app/src/webhooks.js";
import { repoRoot } from "../codegen/scenarios.js";

const run = promisify(execFile);
const app = path.join(repoRoot, "examples/video-app");
const PUBLIC_URL = "https://video-app.example.com/webhooks/pixelbyte";
const SECRET = "whsec_test_video_app";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function setUp(): Promise<{ server: TestServer; webhooks: WebhookReceiver }> {
  const webhooks = await startWebhookReceiver(SECRET);
  open.push(webhooks);
  const server = await startServer({
    timing: { pendingMs: 20, processingMs: 60 },
    webhookSecret: SECRET,
    webhookUrlRewrite: (url) => (url === PUBLIC_URL ? webhooks.url : url),
  });
  open.push(server);
  return { server, webhooks };
}

describe("examples/video-app", () => {
  test("typechecks with its own tsconfig, importing the packages by name", async () => {
    const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
    await expect(run(process.execPath, [tsc, "-p", path.join(app, "tsconfig.json")], { cwd: app })).resolves.toBeDefined();
  }, 120_000);

  test("prices, guards the budget, submits and waits against the test server, verifies the webhook", async () => {
    const { server, webhooks } = await setUp();
    const lines: string[] = [];
    const result = await runVideoApp({
      baseUrl: server.url,
      apiKey: server.apiKey,
      webhookUrl: PUBLIC_URL,
      webhooks,
      sessionBudgetMicroCents: 2_000_000,
      perRequestMicroCents: 1_500_000,
      pollIntervalMs: 10,
      log: (line) => lines.push(line),
    });

    // Priced exactly, locally: 84,000 µ¢/s × 10 s × 1.5 for sound.
    expect(result.quote.microCents).toBe(1_260_000);
    expect(describeQuote(result.quote)).toBe("1,260,000 µ¢ ($1.26) = 84,000 µ¢/second × duration 10 × has_sound 1.5");
    // Submitted once, finished, charged exactly the quote.
    expect(result.job.status).toBe("completed");
    expect(result.job.outputs.length).toBeGreaterThan(0);
    expect(server.spent()).toBe(1_260_000);
    expect(result.chargedMicroCents).toBe(1_260_000);
    expect(server.requests.filter((r) => r.method === "POST" && r.path === "/v1/jobs/submit")).toHaveLength(1);
    // The webhook arrived signed, and the receiver verified it.
    expect(result.webhook).toMatchObject({ jobId: result.job.jobId, status: "completed" });
    expect(webhooks.rejected).toEqual([]);
    await server.settled();
    expect(server.webhookDeliveries.map((d) => [d.jobId, d.state])).toEqual([[result.job.jobId, "sent"]]);
    // The second request was refused by both guards and never sent.
    expect(result.refusedByGuard).toBe("1260000 µ¢ is above the 740000 µ¢ left in this session");
    expect(result.refusedByClient.code).toBe("BUDGET_EXCEEDED");
    expect(result.budget).toMatchObject({ limitMicroCents: 2_000_000, spentMicroCents: 1_260_000, remainingMicroCents: 740_000 });
    expect(lines.some((l) => l.startsWith("webhook ") && l.includes("signature verified"))).toBe(true);
  });

  test("the receiver refuses a delivery that is not signed with the secret", async () => {
    const { webhooks } = await setUp();
    const body = JSON.stringify({ jobId: "job_forged", requestId: "req_1", status: "completed", output: {}, completedAt: new Date().toISOString() });
    const timestamp = Math.floor(Date.now() / 1000);
    const post = (secret: string) =>
      fetch(webhooks.url, { method: "POST", body, headers: { "content-type": "application/json", "x-pixelbyte-timestamp": String(timestamp), "x-pixelbyte-signature": signWebhook(secret, timestamp, body) } });
    expect((await post("whsec_someone_else")).status).toBe(401);
    expect(webhooks.rejected).toEqual(["WEBHOOK_SIGNATURE_MISMATCH"]);
    expect(webhooks.events).toEqual([]);
    expect((await post(SECRET)).status).toBe(200);
    expect(webhooks.events.map((e) => e.jobId)).toEqual(["job_forged"]);
  });

  test("the app's guard refuses a request over the per-request cap, from the local price alone", () => {
    const guard = new BudgetGuard(1_500_000, 10_000_000);
    const quote = priceRequest({ prompt: "a long one", duration: "15", has_sound: "true" });
    expect(quote.model).toBe(MODEL);
    expect(guard.check(quote)).toEqual({ ok: false, reason: "1890000 µ¢ is above the 1500000 µ¢ per-request cap" });
    expect(guard.check(priceRequest({ prompt: "a short one", duration: "5" }))).toEqual({ ok: true, remainingAfter: 9_580_000 });
  });

  test("`pnpm start` runs the whole example against the local test server", async () => {
    const tsx = path.join(repoRoot, "node_modules/tsx/dist/cli.mjs");
    const { stdout } = await run(process.execPath, [tsx, "--conditions=source", "src/main.ts"], { cwd: app });
    expect(stdout).toContain("price   kling-plus/kling-o3-standard/text-to-video: 1,260,000 µ¢ ($1.26)");
    expect(stdout).toMatch(/webhook job_\w+ completed, signature verified/);
    expect(stdout).toContain("spent 1,260,000 µ¢ of 2,000,000; the server charged 1,260,000");
  }, 60_000);
});
