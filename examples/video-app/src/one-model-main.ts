// `pnpm start:one-model` in examples/video-app: the one-model entry against the local test server.
import { startServer } from "@pixelbyte/test-server";
import { runOneModel } from "./one-model.js";

const server = await startServer({ timing: { pendingMs: 50, processingMs: 150 } });
try {
  await runOneModel({ baseUrl: server.url, apiKey: server.apiKey, maxCostMicroCents: 1_500_000, pollIntervalMs: 25, log: (line) => console.log(line) });
  console.log(`\nthe server charged ${server.spent().toLocaleString("en-US")} µ¢`);
} finally {
  await server.settled();
  await server.close();
}
