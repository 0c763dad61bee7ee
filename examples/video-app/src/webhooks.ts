import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook, WebhookVerificationError, type WebhookEvent } from "@pixelbyte/client";

export interface WebhookReceiver {
  /** Where PixelByte should POST, e.g. http://127.0.0.1:54321/webhooks/pixelbyte */
  url: string;
  /** Verified events, in arrival order (de-duplicated on jobId: deliveries may repeat). */
  readonly events: readonly WebhookEvent[];
  /** Deliveries refused, with the verifier's reason code. */
  readonly rejected: readonly string[];
  /** Resolves with the verified event of this job (at once when it already arrived). */
  eventFor(jobId: string, timeoutMs?: number): Promise<WebhookEvent>;
  close(): Promise<void>;
}

/** The app's webhook endpoint: verifies the signature over the raw body before trusting anything. */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const events: WebhookEvent[] = [];
  const rejected: string[] = [];
  const waiting = new Map<string, (event: WebhookEvent) => void>();

  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/webhooks/pixelbyte") {
      res.writeHead(404).end();
      return;
    }
    try {
      const event = await verifyWebhook(await rawBody(req), req.headers, secret);
      if (!events.some((e) => e.jobId === event.jobId)) {
        events.push(event);
        waiting.get(event.jobId)?.(event);
      }
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      rejected.push(error.code);
      res.writeHead(401).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/pixelbyte`,
    events,
    rejected,
    eventFor(jobId, timeoutMs = 10_000) {
      const arrived = events.find((e) => e.jobId === jobId);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no verified webhook for job ${jobId} within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(jobId, (event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
    },
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function rawBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
