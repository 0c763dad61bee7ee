// The fault matrix of issue 5: every operation against every fault, on a real node:http server.
// Each cell checks the outcome, the attempts the server saw, and the exact delays slept.
import { describe, test } from "vitest";
import {
  AbortedError,
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
  call(c: PixelByteClient, o?: { signal?: AbortSignal }): Promise<unknown>;
}

const upload = (c: PixelByteClient, o: { signal?: AbortSignal } = {}) =>
  c.uploads.upload(new Uint8Array([137, 80, 78, 71]), { filename: "cat.png", contentType: "image/png", ...o });

const ops: Op[] = [
  { name: "submit", route: "POST /v1/jobs/submit", submit: true, call: (c, o) => c.submit(KLING, KLING_INPUT, o) },
  { name: "estimate", route: "POST /v1/jobs/estimate", call: (c, o) => c.estimate(KLING, KLING_INPUT, o) },
  { name: "jobs.get", route: "GET /v1/jobs/*", call: (c, o) => c.jobs.get("job_1", o) },
  { name: "jobs.cancel", route: "POST /v1/jobs/*/cancel", call: (c, o) => c.jobs.cancel("job_1", o) },
  {
    name: "jobs.list",
    route: "GET /v1/jobs",
    call: async (c, o) => {
      const all = [];
      for await (const job of c.jobs.list({ limit: 50, ...o })) all.push(job);
      return all;
    },
  },
  { name: "uploads.upload (presign)", route: "POST /v1/uploads/presign", call: upload },
  { name: "uploads.upload (storage PUT)", route: "PUT /storage/**", storage: true, call: upload },
  { name: "uploads.get", route: "GET /v1/uploads/*", call: (c, o) => c.uploads.get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383", o) },
  { name: "models.list", route: "GET /v1/models", call: (c, o) => c.models.list(o) },
  { name: "models.get", route: "GET /v1/models/*", call: (c, o) => c.models.get("model_abc123", o) },
  { name: "providers.list", route: "GET /v1/providers", call: (c, o) => c.providers.list(o) },
  { name: "providers.models", route: "GET /v1/providers/*/models", call: (c, o) => c.providers.models("google", o) },
  { name: "catalog.models", route: "GET /v1/catalog/models", call: (c, o) => c.catalog.models(o) },
  { name: "catalog.model", route: "GET /v1/catalog/models/*/*/*", call: (c, o) => c.catalog.model("google/veo-3.1-fast/text-to-video", o) },
  { name: "catalog.providers", route: "GET /v1/catalog/providers", call: (c, o) => c.catalog.providers(o) },
  { name: "catalog.provider", route: "GET /v1/catalog/providers/*", call: (c, o) => c.catalog.provider("google", o) },
  { name: "catalog.categories", route: "GET /v1/catalog/categories", call: (c, o) => c.catalog.categories(o) },
  { name: "catalog.capabilityGroups", route: "GET /v1/catalog/capability-groups", call: (c, o) => c.catalog.capabilityGroups(o) },
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

// Issue 12 §6: once the headers (with x-request-id) are in, a body that then fails (reset, stall,
// trickle past the timeout, the caller's abort) keeps the request id on the error, and on the
// JobMayExistError of a submit with its cause. Reads retry, so the id is the last attempt's.
// 18 operations × 6 faults: 107 outcomes (a storage PUT reads no JSON), 6 of them JobMayExistError.
interface BodyFault {
  readonly name: string;
  make(requestId: string): Step;
  readonly error: ErrorClass;
  /** Needs a short request timeout. */
  readonly stalls?: boolean;
  /** The caller aborts once the headers are in (never retried). */
  readonly abort?: boolean;
  /** Looks like a complete 200 to a storage PUT, which reads no JSON. */
  readonly okForStorage?: boolean;
}

const header = (requestId: string) => ({ "x-request-id": requestId });
const bodyFaults: BodyFault[] = [
  { name: "connection reset mid-body", make: (id) => step.resetBody(header(id)), error: ConnectionError },
  // undici's fetch hands over a chunked body cut by a reset as complete when the server said
  // `connection: close`: the cut JSON is then an unreadable body, with the same request id.
  { name: "connection reset mid-body behind connection: close", make: (id) => step.resetBody({ ...header(id), connection: "close" }), error: InvalidResponseError, okForStorage: true },
  { name: "connection closed mid-body", make: (id) => step.truncate(200, header(id)), error: ConnectionError },
  { name: "server stalls mid-body", make: (id) => step.stallBody(200, header(id)), error: TimeoutError, stalls: true },
  { name: "body trickles past the timeout", make: (id) => step.trickle(40, header(id)), error: TimeoutError, stalls: true },
  { name: "caller aborts mid-body", make: (id) => step.stallBody(200, header(id)), error: AbortedError, abort: true },
];

/** A fetch that aborts the caller's signal shortly after a faulty response's headers arrive. */
function abortingFetch(ctrl: AbortController): typeof fetch {
  return async (input, init) => {
    const res = await globalThis.fetch(input, init);
    if (res.headers.get("x-request-id")?.startsWith("req_body_")) setTimeout(() => ctrl.abort(), 20);
    return res;
  };
}

describe.concurrent("request ids survive a body that fails after the headers", () => {
  for (const op of ops) {
    for (const fault of bodyFaults) {
      if (op.storage && fault.okForStorage) continue;
      test(`${op.name} × ${fault.name}`, async ({ expect }) => {
        const ctrl = new AbortController();
        // One retry shows that the id is the last attempt's. The timeout leaves the headers time
        // to arrive on a loaded machine (they are what carries the id).
        const { server, client } = await harness({ timeoutMs: fault.stalls ? 500 : 5_000, maxRetries: 1, ...(fault.abort ? { fetch: abortingFetch(ctrl) } : {}) });
        try {
          server.script(op.route, ...[1, 2].map((n) => fault.make(`req_body_${n}`)));
          const err = await rejectionOf(op.call(client, fault.abort ? { signal: ctrl.signal } : {}));
          const attempts = op.submit || fault.abort ? 1 : 2;
          expect(server.count(op.route)).toBe(attempts);
          if (op.submit) {
            expect(err).toBeInstanceOf(JobMayExistError);
            expect((err as JobMayExistError).cause).toBeInstanceOf(fault.error);
            expect((err as JobMayExistError).cause.requestId).toBe("req_body_1");
          } else {
            expect(err).toBeInstanceOf(fault.error);
          }
          expect((err as { requestId?: string }).requestId).toBe(`req_body_${attempts}`);
        } finally {
          await server.close();
        }
      });
    }
  }
});
