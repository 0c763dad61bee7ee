import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createClient, type ClientOptions, type Clock, type PixelByteClient } from "@pixelbyte/client";
import { startFaultServer, step, type FaultServer } from "./fault-server.js";

/** A key shaped like a real one and long enough to be searched for in every output. */
export const API_KEY = "pb_live_9f3c2b7e1d4a6c8b0e2f4a6c8d0e2f4a";

/** kling o3 standard, 10 s with sound: 84,000 µ¢/s × 10 × 1.5 = 1,260,000 µ¢. */
export const KLING = "kling-plus/kling-o3-standard/text-to-video" as const;
export const KLING_INPUT = { prompt: "a red fox in snow", duration: "10", has_sound: "true" } as const;
export const KLING_PRICE = 1_260_000;

export const fixtures = {
  submit: (jobId = "job_1", costMicroCents = KLING_PRICE) => ({
    jobId,
    requestId: "req_submit",
    status: "pending",
    estimatedCompletionTime: "2026-02-18T15:30:00Z",
    costMicroCents,
  }),
  job: (status: string, extra: Record<string, unknown> = {}) => ({
    jobId: "job_1",
    status,
    progress: status === "completed" ? 100 : status === "processing" ? 50 : 0,
    output: status === "completed" ? "https://cdn.muvi.video/outputs/job_1/output_0.mp4" : null,
    outputs:
      status === "completed"
        ? [{ url: "https://cdn.muvi.video/outputs/job_1/output_0.mp4", type: "video", thumbnail: "https://cdn.muvi.video/t.jpg", posterImage: "https://cdn.muvi.video/p.jpg" }]
        : null,
    error: status === "failed" ? { code: "GENERATION_FAILED", message: "The model failed to generate the requested output. Credits have been refunded." } : null,
    createdAt: "2026-02-18T15:00:00Z",
    completedAt: status === "completed" || status === "failed" ? "2026-02-18T15:02:30Z" : null,
    ...extra,
  }),
  estimate: () => ({ baseCostMicroCents: KLING_PRICE, estimatedCostMicroCents: KLING_PRICE, breakdown: [{ component: "base_generation", costMicroCents: KLING_PRICE }], hasDiscount: false }),
  cancel: () => ({ jobId: "job_1", status: "cancelled", refundedMicroCents: KLING_PRICE }),
  jobList: () => ({
    jobs: [{ jobId: "job_1", status: "completed", progress: 100, model: KLING, createdAt: "2026-02-18T15:00:00Z", completedAt: "2026-02-18T15:02:30Z" }],
    nextCursor: null,
    hasMore: false,
  }),
  presign: (server: FaultServer) => ({
    uploadUrl: `${server.url}/storage/temp/upload_1?sig=abc`,
    fileUrl: "https://assetsv1.cdn.muvi.video/temp/user_1/uuid_cat.png",
    fileId: "3f44e3c6-acd9-4cc3-a91b-e63ec517b383",
    expiresAt: "2026-02-25T11:42:21.949Z",
    maxSize: 10 * 1024 * 1024,
  }),
  upload: () => ({
    id: "3f44e3c6-acd9-4cc3-a91b-e63ec517b383",
    filename: "cat.png",
    contentType: "image/png",
    fileUrl: "https://assetsv1.cdn.muvi.video/temp/user_1/uuid_cat.png",
    status: "pending",
    createdAt: "2026-02-25T10:42:21.949Z",
    expiresAt: "2026-02-25T11:42:21.949Z",
  }),
  provider: () => ({ id: "google", name: "Google", description: "d", logoUrl: "https://cdn.muvi.video/providers/google.png", website: "https://ai.google", color: "#4285F4", categories: ["video"], isActive: true }),
  modelSummary: () => ({ id: "model_abc123", providerId: "google", providerName: "Google", name: "Veo 3.1 Fast", description: "d", category: "video", currentVersion: "v1.0", versionCount: 2, currentVersionPricing: { baseCredits: 50, unit: "per_generation" } }),
  catalogModel: () => ({ slug: "google/veo-3.1-fast/text-to-video", provider: { id: "google", name: "Google", logoUrl: "https://x/y.png" }, category: "video", capability: "text-to-video", pricing: { baseCredits: 50, unit: "per_generation" }, tags: ["fast"], ratings: { average: 4.5, count: 128 } }),
};

/** Standing success answers for every route of the API (and the storage PUT). */
export function answerEverything(server: FaultServer): void {
  server.handle("POST /v1/jobs/submit", step.json(fixtures.submit()));
  server.handle("POST /v1/jobs/estimate", step.json(fixtures.estimate()));
  server.handle("GET /v1/jobs", step.json(fixtures.jobList()));
  server.handle("GET /v1/jobs/*", step.json(fixtures.job("completed")));
  server.handle("POST /v1/jobs/*/cancel", step.json(fixtures.cancel()));
  server.handle("GET /v1/models", step.json({ models: [fixtures.modelSummary()] }));
  server.handle("GET /v1/models/*", step.json({ ...fixtures.modelSummary(), versions: [] }));
  server.handle("GET /v1/providers", step.json({ providers: [fixtures.provider()] }));
  server.handle("GET /v1/providers/*/models", step.json({ provider: fixtures.provider(), models: [] }));
  server.handle("POST /v1/uploads/presign", () => step.wrapped(fixtures.presign(server), "req_presign"));
  server.handle("GET /v1/uploads/*", step.wrapped(fixtures.upload(), "req_upload"));
  server.handle("PUT /storage/**", { kind: "raw", status: 200, body: "" });
  server.handle("GET /v1/catalog/models", step.json([fixtures.catalogModel()]));
  server.handle("GET /v1/catalog/models/*/*", step.json({ ...fixtures.catalogModel(), name: "Veo", description: "d", inputSchema: {}, siblings: [] }));
  server.handle("GET /v1/catalog/models/*/*/*", step.json({ ...fixtures.catalogModel(), name: "Veo", description: "d", inputSchema: {}, siblings: [] }));
  server.handle("GET /v1/catalog/providers", step.json([{ ...fixtures.provider(), modelCount: 5 }]));
  server.handle("GET /v1/catalog/providers/*", step.json({ ...fixtures.provider(), models: [] }));
  server.handle("GET /v1/catalog/categories", step.json([{ id: "video", name: "Video", description: "d", modelCount: 8 }]));
  server.handle("GET /v1/catalog/capability-groups", step.json([{ id: "text-to-video", displayName: "Text to Video", label: "T2V", icon: "video", color: "#8B5CF6", order: 1 }]));
}

export interface FakeClock extends Clock {
  /** Every delay the client slept for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/**
 * A clock whose sleeps return at once (after a macrotask) and move virtual time forward, so retry
 * and polling delays are asserted exactly without waiting. random() is 0.5: jitter takes 12.5 %.
 */
export function fakeClock(start = Date.UTC(2026, 1, 18, 15, 0, 0)): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    random: () => 0.5,
    advance(ms) {
      now += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw signal.reason;
    },
  };
}

export interface Harness {
  server: FaultServer;
  clock: FakeClock;
  client: PixelByteClient;
  logs: { level: string; message: string; data: unknown }[];
}

/** A fault server answering every route, a fake clock, a logger that records, and a client on them. */
export async function harness(options: Partial<ClientOptions> = {}): Promise<Harness> {
  const server = await startFaultServer();
  answerEverything(server);
  const clock = fakeClock();
  const logs: Harness["logs"] = [];
  const record = (level: string) => (message: string, data?: unknown) => logs.push({ level, message, data });
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: server.url,
    clock,
    timeoutMs: 2_000,
    logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
    ...options,
  });
  return { server, clock, client, logs };
}

/** Fails the file if any promise rejection went unhandled while its tests ran. */
export function noUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeAll(() => {
    process.on("unhandledRejection", listener);
  });
  afterEach(async () => {
    // Let pending rejections surface before checking.
    await new Promise((r) => setTimeout(r, 5));
  });
  afterAll(() => {
    process.off("unhandledRejection", listener);
    expect(seen).toEqual([]);
  });
}

/** Resolves with what `p` rejects with; fails if it resolves. */
export async function rejectionOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection, the promise resolved");
}
