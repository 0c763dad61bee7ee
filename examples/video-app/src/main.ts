// `pnpm start` in examples/video-app: the whole app against the local test server. No network, no key.
import { startServer } from "@pixelbyte/test-server";
import { runVideoApp } from "./app.js";
import { startWebhookReceiver } from "./webhooks.js";

// In production the webhook URL is the app's public https endpoint; here the test server delivers
// what it would send there to the receiver listening on localhost.
const PUBLIC_WEBHOOK_URL = "https://video-app.example.com/webhooks/pixelbyte";
const WEBHOOK_SECRET = "whsec_video_app_example";

const webhooks = await startWebhookReceiver(WEBHOOK_SECRET);
const server = await startServer({
  timing: { pendingMs: 50, processingMs: 150 },
  webhookSecret: WEBHOOK_SECRET,
  webhookUrlRewrite: (url) => (url === PUBLIC_WEBHOOK_URL ? webhooks.url : url),
});
try {
  const result = await runVideoApp({
    baseUrl: server.url,
    apiKey: server.apiKey,
    webhookUrl: PUBLIC_WEBHOOK_URL,
    webhooks,
    sessionBudgetMicroCents: 2_000_000,
    perRequestMicroCents: 1_500_000,
    pollIntervalMs: 25,
    log: (line) => console.log(line),
  });
  console.log(`\nspent ${result.chargedMicroCents.toLocaleString("en-US")} µ¢ of ${result.budget?.limitMicroCents.toLocaleString("en-US")}; the server charged ${server.spent().toLocaleString("en-US")}`);
} finally {
  await server.settled();
  await webhooks.close();
  await server.close();
}
