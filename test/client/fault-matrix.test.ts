// The fault matrix of issue 5: every operation against every fault, on a real node:http server.
// Each cell checks the outcome, the attempts the server saw, and the exact delays slept.
import { describe, test } from "vitest";
import {
  ConnectionError,
  InvalidResponseError,
  JobMayExistError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type PixelByteClient,
} from "@pixelbyte/client";
import { step, type FaultServer, type Step } from "./helpers/fault-server.js";
import { harness, KLING, KLING_INPUT, noUnhandledRejections, rejectionOf } from "./helpers/fixtures.js";

noUnhandledRejections();

type ErrorClass = abstract new (...args: never[]) => Error;

interface Fault {
  readonly name: string;
  /** Makes the next `times` requests of `route` fail this way. */
  apply(server: FaultServer, route: string, times: number): void;
  /** Whether the failing attempt reaches the HTTP layer (a reset on connect does not). */
  readonly reaches: boolean;
  /** What a read throws once retries are exhausted. */
  readonly error: ErrorClass;
  /** Server-asked delay, when the fault carries one; otherwise backoff applies. */
  readonly retryAfterMs?: number;
  /** Decision 6 in docs/decisions.md: is a submit retried after this fault? */
  readonly submitRetried: boolean;
  /** A storage PUT does not parse JSON, so a "malformed" 200 is simply a success there. */
  readonly okForStorage?: boolean;
  /** Stalls need a short request timeout; everything else gets a generous one so load cannot fake a timeout. */
  readonly stalls?: boolean;
}

const scripted = (make: () => Step) => (server: FaultServer, route: string, times: number) =>
  server.script(route, ...Array.from({ length: times }, make));

const faults: Fault[] = [
  { name: "500 INTERNAL_ERROR", apply: scripted(() => step.error(500, "INTERNAL_ERROR", "Internal server error")), reaches: true, error: ServerError, submitRetried: false },
  { name: "503 PUBSUB_PUBLISH_FAILED", apply: scripted(() => step.error(503, "PUBSUB_PUBLISH_FAILED", "Failed to queue the job, please retry")), reaches: true, error: ServerError, submitRetried: true },
  {
    name: "429 with details.retryAfter",
    apply: scripted(() => step.error(429, "CONCURRENT_JOBS_EXCEEDED", "Too many concurrent jobs", { details: { retryAfter: 3 } })),
    reaches: true,
    error: RateLimitError,
    retryAfterMs: 3_000,
    submitRetried: true,
  },
  { name: "connection reset before the request is sent", apply: (s, _r, times) => s.resetNextConnections(times), reaches: false, error: ConnectionError, submitRetried: true },
  { name: "connection reset after the request is sent", apply: scripted(step.resetAfter), reaches: true, error: ConnectionError, submitRetried: false },
  { name: "server stalls before answering", apply: scripted(step.stall), reaches: true, error: TimeoutError, submitRetried: false, stalls: true },
  { name: "server stalls mid-body", apply: scripted(() => step.stallBody()), reaches: true, error: TimeoutError, submitRetried: false, stalls: true },
  { name: "malformed JSON", apply: scripted(() => step.malformed()), reaches: true, error: InvalidResponseError, submitRetried: false, okForStorage: true },
  { name: "truncated JSON (connection closed mid-body)", apply: scripted(() => step.truncate()), reaches: true, error: ConnectionError, submitRetried: false },
  { name: "HTML error page (502)", apply: scripted(() => step.html(502)), reaches: true, error: ServerError, submitRetried: false },
];

interface Op {
  readonly name: string;
  readonly route: string;
  readonly submit?: boolean;
  readonly storage?: boolean;
  call(c: PixelByteClient): Promise<unknown>;
}

const upload = (c: PixelByteClient) => c.uploads.upload(new Uint8Array([137, 80, 78, 71]), { filename: "cat.png", contentType: "image/png" });

const ops: Op[] = [
  { name: "submit", route: "POST /v1/jobs/submit", submit: true, call: (c) => c.submit(KLING, KLING_INPUT) },
  { name: "estimate", route: "POST /v1/jobs/estimate", call: (c) => c.estimate(KLING, KLING_INPUT) },
  { name: "jobs.get", route: "GET /v1/jobs/*", call: (c) => c.jobs.get("job_1") },
  { name: "jobs.cancel", route: "POST /v1/jobs/*/cancel", call: (c) => c.jobs.cancel("job_1") },
  {
    name: "jobs.list",
    route: "GET /v1/jobs",
    call: async (c) => {
      const all = [];
      for await (const job of c.jobs.list({ limit: 50 })) all.push(job);
      return all;
    },
  },
  { name: "uploads.upload (presign)", route: "POST /v1/uploads/presign", call: upload },
  { name: "uploads.upload (storage PUT)", route: "PUT /storage/**", storage: true, call: upload },
  { name: "uploads.get", route: "GET /v1/uploads/*", call: (c) => c.uploads.get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383") },
  { name: "models.list", route: "GET /v1/models", call: (c) => c.models.list() },
  { name: "models.get", route: "GET /v1/models/*", call: (c) => c.models.get("model_abc123") },
  { name: "providers.list", route: "GET /v1/providers", call: (c) => c.providers.list() },
  { name: "providers.models", route: "GET /v1/providers/*/models", call: (c) => c.providers.models("google") },
  { name: "catalog.models", route: "GET /v1/catalog/models", call: (c) => c.catalog.models() },
  { name: "catalog.model", route: "GET /v1/catalog/models/*/*/*", call: (c) => c.catalog.model("google/veo-3.1-fast/text-to-video") },
  { name: "catalog.providers", route: "GET /v1/catalog/providers", call: (c) => c.catalog.providers() },
  { name: "catalog.provider", route: "GET /v1/catalog/providers/*", call: (c) => c.catalog.provider("google") },
  { name: "catalog.categories", route: "GET /v1/catalog/categories", call: (c) => c.catalog.categories() },
  { name: "catalog.capabilityGroups", route: "GET /v1/catalog/capability-groups", call: (c) => c.catalog.capabilityGroups() },
];

/** Backoff before retry n with the fake clock's random() = 0.5: min(500 × 2^n, 8000) × 0.875. */
const backoff = (n: number) => Math.round(Math.min(500 * 2 ** n, 8_000) * 0.875);
const delayFor = (f: Fault, n: number) => f.retryAfterMs ?? backoff(n);

describe.concurrent("fault matrix", () => {
  for (const op of ops) {
    for (const fault of faults) {
      const retried = op.submit ? fault.submitRetried : true;

      test(`${op.name} × ${fault.name}: once, then success`, async ({ expect }) => {
        const { server, clock, client } = await harness({ timeoutMs: fault.stalls ? 300 : 5_000 });
        try {
          fault.apply(server, op.route, 1);
          const reached = fault.reaches ? 1 : 0;
          if (op.storage && fault.okForStorage) {
            await op.call(client);
            expect(server.count(op.route)).toBe(1);
            expect(clock.sleeps).toEqual([]);
          } else if (retried) {
            await expect(op.call(client)).resolves.toBeDefined();
            expect(server.count(op.route)).toBe(1 + reached);
            expect(server.resetConnections).toBe(1 - reached);
            expect(clock.sleeps).toEqual([delayFor(fault, 0)]);
          } else {
            // A submit that may have created a job is never sent again.
            const err = await rejectionOf(op.call(client));
            expect(err).toBeInstanceOf(JobMayExistError);
            expect((err as JobMayExistError).cause).toBeInstanceOf(fault.error);
            expect(err.message).toMatch(/may have created a job/);
            expect(server.count(op.route)).toBe(1);
            expect(clock.sleeps).toEqual([]);
          }
        } finally {
          await server.close();
        }
      });

      if (op.storage && fault.okForStorage) continue;

      test(`${op.name} × ${fault.name}: every attempt`, async ({ expect }) => {
        const { server, clock, client } = await harness({ timeoutMs: fault.stalls ? 300 : 5_000 });
        try {
          fault.apply(server, op.route, 3);
          const err = await rejectionOf(op.call(client));
          const reached = fault.reaches ? 1 : 0;
          if (retried) {
            // maxRetries 2: three attempts, two delays, then the typed error itself.
            expect(err).toBeInstanceOf(fault.error);
            expect(err).not.toBeInstanceOf(JobMayExistError);
            expect(server.count(op.route)).toBe(3 * reached);
            expect(server.resetConnections).toBe(3 * (1 - reached));
            expect(clock.sleeps).toEqual([delayFor(fault, 0), delayFor(fault, 1)]);
          } else {
            expect(err).toBeInstanceOf(JobMayExistError);
            expect((err as JobMayExistError).cause).toBeInstanceOf(fault.error);
            expect(server.count(op.route)).toBe(1);
            expect(clock.sleeps).toEqual([]);
          }
          if (err instanceof ConnectionError) expect(err.requestSent).toBe(fault.reaches);
          if (fault.error === RateLimitError && retried) expect((err as RateLimitError).retryAfterMs).toBe(3_000);
        } finally {
          await server.close();
        }
      });
    }
  }
});
