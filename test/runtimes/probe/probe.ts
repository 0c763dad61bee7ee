// Runs inside every runtime of the matrix (Node, Bun, Deno, Chromium, workerd): web-standard APIs
// only, and the published builds of the packages (each runtime resolves them by name, or a bundler
// does, as for a user). Every step reports its own outcome; the Node harness judges them.
import { createClient, verifyWebhook } from "@pixelbyte/client";
import { estimate } from "@pixelbyte/pricing";
import type { ErrorReport, ProbeConfig, ProbeReport } from "./contract.js";

export async function probe(config: ProbeConfig): Promise<ProbeReport> {
  // A budget, so the client records what the submit was charged (run() returns the job, not the charge).
  const client = createClient({ apiKey: config.apiKey, baseUrl: config.baseUrl, maxRetries: 0, budget: { limitMicroCents: config.job.maxCostMicroCents } });
  const { webhook, job } = config;

  const prices = config.prices.map((p) => attempt(() => JSON.parse(JSON.stringify(estimate(p.slug as never, p.input as never))) as unknown));
  const clientPrice = attempt(() => client.price(job.slug as never, job.input as never).microCents);

  const genuine = await attemptAsync(async () => {
    const event = await verifyWebhook(webhook.rawBody, webhook.headers, webhook.secret);
    return { jobId: event.jobId, status: event.status };
  });
  const tampered = await attemptAsync(async () => {
    await verifyWebhook(webhook.tamperedBody, webhook.headers, webhook.secret);
    return { accepted: true as const };
  });

  const upload = await attemptAsync(async () => {
    const file = new Blob([new Uint8Array(config.upload.bytes)], { type: config.upload.contentType });
    const u = await client.uploads.upload(file, { filename: config.upload.filename });
    return { fileId: u.fileId, fileUrl: u.fileUrl, size: u.size };
  });

  const ran = await attemptAsync(async () => {
    const done = await client.run(job.slug as never, job.input as never, { maxCostMicroCents: job.maxCostMicroCents, pollIntervalMs: 25, maxPollIntervalMs: 100, waitTimeoutMs: 30_000 });
    return { jobId: done.jobId, status: done.status, output: done.output ?? undefined, spentMicroCents: client.budget?.spentMicroCents, requestId: done.requestId };
  });

  // The client prefers the body's requestId; this reads the header the way page code would.
  const requestIdHeader = "error" in ran ? ran : await attemptAsync(async () => {
    const res = await fetch(`${config.baseUrl}/v1/jobs/${encodeURIComponent(ran.jobId)}`, { headers: { authorization: `Bearer ${config.apiKey}` } });
    await res.arrayBuffer();
    return res.headers.get("x-request-id");
  });

  return { selfDescribed: describeRuntime(), prices, clientPrice, webhook: { genuine, tampered }, upload, job: ran, requestIdHeader };
}

function describeRuntime(): string {
  const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string }; process?: { versions?: { node?: string } }; navigator?: { userAgent?: string } };
  if (g.Deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun) return `bun ${g.Bun.version}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  return g.navigator?.userAgent ?? "unknown";
}

function attempt<T>(f: () => T): T | ErrorReport {
  try {
    return f();
  } catch (e) {
    return errorReport(e);
  }
}

async function attemptAsync<T>(f: () => Promise<T>): Promise<T | ErrorReport> {
  try {
    return await f();
  } catch (e) {
    return errorReport(e);
  }
}

function errorReport(e: unknown): ErrorReport {
  const err = e as { name?: unknown; code?: unknown; message?: unknown };
  return {
    error: {
      name: typeof err?.name === "string" ? err.name : typeof e,
      code: typeof err?.code === "string" ? err.code : undefined,
      message: typeof err?.message === "string" ? err.message : String(e),
    },
  };
}
