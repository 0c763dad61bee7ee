// Misusing the core entry's modular form as a new user would: a non-client (or a copy, a Proxy, an
// Object.create of one) passed to an operation, the arguments in the wrong order, options changed
// after the client was made. Every promise-returning function refuses by rejecting (as it does for
// every other bad argument), so `.catch` sees it; the message says what was wrong. Against real
// HTTP servers on 127.0.0.1; nothing is sent for a refused call.
import {
  cancelJob,
  ConfigurationError,
  createBaseClient,
  createClient,
  estimate,
  getJob,
  run,
  submit,
  wait,
  WaitTimeoutError,
  type BaseClient,
} from "@pixelbyte/client/core";
import kling from "@pixelbyte/client/models/kling-plus/kling-o3-standard/text-to-video";
import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterEach, describe, expect, test, vi } from "vitest";
import { startFaultServer, step, type FaultServer } from "./helpers/fault-server.js";
import { answerEverything, API_KEY, fakeClock, fixtures, KLING_INPUT, noUnhandledRejections, rejectionOf } from "./helpers/fixtures.js";

noUnhandledRejections();

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function started(): Promise<FaultServer> {
  server = await startFaultServer();
  answerEverything(server);
  return server;
}

const options = (s: FaultServer) => ({ apiKey: API_KEY, baseUrl: s.url, clock: fakeClock(), timeoutMs: 2_000 });
const loose = <T>(value: unknown) => value as T;

/** Each promise-returning operation, called with `client` first. */
const asyncOps = (client: BaseClient) => ({
  submit: () => submit(client, kling, KLING_INPUT),
  run: () => run(client, kling, KLING_INPUT),
  estimate: () => estimate(client, kling, KLING_INPUT),
  wait: () => wait(client, "job_1"),
  getJob: () => getJob(client, "job_1"),
  cancelJob: () => cancelJob(client, "job_1"),
});

describe("a non-client passed to a promise-returning function", () => {
  test("is a rejection, never a synchronous throw, so .catch() handles it; nothing sent", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    for (const notClient of [undefined, {}, { ...base }, Object.create(base), new Proxy(base, {}), API_KEY]) {
      for (const [name, call] of Object.entries(asyncOps(loose<BaseClient>(notClient)))) {
        let returned: unknown;
        expect(() => (returned = call()), name).not.toThrow();
        expect(returned, name).toBeInstanceOf(Promise);
        const caught = await (returned as Promise<unknown>).catch((e: unknown) => e);
        expect(caught, name).toBeInstanceOf(ConfigurationError);
        expect(String((caught as Error).message), name).not.toContain(API_KEY);
      }
    }
    expect(s.received).toHaveLength(0);
  });

  test("a copy, a Proxy or an Object.create of a client is named as such (and another installed copy of the package)", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    for (const lookAlike of [{ ...base }, Object.create(base), new Proxy(base, {})]) {
      const err = await rejectionOf(submit(loose<BaseClient>(lookAlike), kling, KLING_INPUT));
      expect(err.message).toMatch(/looks like a client but is not one: a copy, Object.create or Proxy of a client/);
      expect(err.message).toMatch(/another installed copy of @pixelbyte\/client/);
    }
    const plain = await rejectionOf(getJob(loose<BaseClient>({}), "job_1"));
    expect(plain.message).toMatch(/must be a client made by createClient or createBaseClient \(.*got an object\)$/);
  });

  test("the client passed later than first: the message says it goes first", async () => {
    const s = await started();
    const base = createBaseClient(options(s));
    const err = await rejectionOf(loose<(...a: unknown[]) => Promise<unknown>>(submit)(KLING_INPUT, base, kling));
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/the client goes first: submit\(client, model, input\)/);
    const err2 = await rejectionOf(loose<(...a: unknown[]) => Promise<unknown>>(getJob)("job_1", base));
    expect(err2.message).toMatch(/the client goes first: getJob\(client, jobId\)/);
    expect(s.received).toHaveLength(0);
  });
});

describe("options changed after the client was made", () => {
  test("a logger set on the options object afterwards does not swallow the price-mismatch warning", async () => {
    const s = await started();
    s.script("POST /v1/jobs/submit", step.json(fixtures.submit("job_9", 1_300_000)));
    const opts: Parameters<typeof createClient>[0] = options(s);
    const client = createClient(opts);
    const later: string[] = [];
    opts.logger = { warn: (m) => later.push(m) };
    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await client.submit(kling, KLING_INPUT);
      // Made without a logger: the warning goes to console.warn, as the client was configured.
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toContain("1300000");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("options read by a getter or a Proxy", () => {
  test("each option is read once: a key that a second read would hide is still the key sent", async () => {
    const s = await started();
    const reads = new Map<PropertyKey, number>();
    // Answers the key on the first read and null (no key: public catalog only) afterwards.
    const opts = new Proxy(options(s) as Record<string, unknown>, {
      get(target, k) {
        reads.set(k, (reads.get(k) ?? 0) + 1);
        return k === "apiKey" && reads.get(k)! > 1 ? null : target[k as string];
      },
    });
    const base = createBaseClient(opts as Parameters<typeof createBaseClient>[0]);
    expect(Object.fromEntries([...reads].filter(([, n]) => n > 1))).toEqual({});
    expect(base.toJSON()).toMatchObject({ apiKey: "[redacted]" });
    await getJob(base, "job_1");
    expect(s.received.map((r) => r.headers["authorization"])).toEqual([`Bearer ${API_KEY}`]);
  });
});

/** `values` behind a Proxy that counts reads and answers `later` (when given) from the second read of a key on. */
function shifty<T extends object>(values: T, later: Partial<Record<keyof T, unknown>>) {
  const reads = new Map<PropertyKey, number>();
  const proxy = new Proxy(values, {
    get(target, k) {
      const n = (reads.get(k) ?? 0) + 1;
      reads.set(k, n);
      return n > 1 && k in later ? later[k as keyof T] : target[k as keyof T];
    },
  });
  const readTwice = () => [...reads].filter(([, n]) => n > 1).map(([k]) => String(k));
  return { proxy, readTwice };
}

describe("per-call options read by a getter or changed during the call", () => {
  let real: TestServer | undefined;
  afterEach(async () => {
    await real?.close();
    real = undefined;
  });
  const start = async () => {
    real = await startServer({ port: 0, timing: { pendingMs: 60_000, processingMs: 60_000 } });
    return createBaseClient({ apiKey: real.apiKey, baseUrl: real.url, onPriceMismatch: "ignore" });
  };

  test("wait: the deadline and interval checked are the ones used (a NaN read later failed the wait midway with a ConfigurationError)", async () => {
    const base = await start();
    const { jobId } = await submit(base, kling, KLING_INPUT);
    const { proxy, readTwice } = shifty({ timeoutMs: 150, pollIntervalMs: 20, signal: AbortSignal.timeout(5_000) }, { timeoutMs: Number.NaN, pollIntervalMs: 0 });
    const err = await rejectionOf(wait(base, jobId, proxy));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(readTwice()).toEqual([]);
  });

  test("run: a wait option read again after the paid submit cannot fail it there (the job would be stranded)", async () => {
    const base = await start();
    const { proxy, readTwice } = shifty({ waitTimeoutMs: 150, pollIntervalMs: 20 }, { waitTimeoutMs: Number.NaN });
    const err = await rejectionOf(run(base, kling, KLING_INPUT, proxy));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect(readTwice()).toEqual([]);
    expect(real!.jobs).toHaveLength(1);
  });
});

describe("one budget, functions and methods at once, against the test server", () => {
  let real: TestServer | undefined;
  afterEach(async () => {
    await real?.close();
    real = undefined;
  });

  test("concurrent submits and runs through functions and methods never charge past the limit; options changed afterwards change nothing", async () => {
    real = await startServer({ port: 0, timing: { pendingMs: 5, processingMs: 5 } });
    const one = kling.price(KLING_INPUT).microCents;
    const limit = 3 * one + one - 1; // room for three, not four
    const opts = { apiKey: real.apiKey, baseUrl: real.url, onPriceMismatch: "ignore" as const, budget: { limitMicroCents: limit } };
    const client = createClient(opts);
    opts.budget.limitMicroCents = 1_000 * one;
    const calls = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? submit(client, kling, KLING_INPUT) : i % 3 === 1 ? client.submit(kling, KLING_INPUT) : run(client, kling, KLING_INPUT),
    );
    const settled = await Promise.allSettled(calls);
    await real.settled();
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(real.spent()).toBe(3 * one);
    expect(real.spent()).toBeLessThanOrEqual(limit);
    expect(client.budget).toMatchObject({ limitMicroCents: limit, spentMicroCents: 3 * one, reservedMicroCents: 0 });
  });
});

describe("a client of another loaded copy of the package", () => {
  test("is refused by this copy's functions with the look-alike message, and works with its own copy's", async () => {
    const s = await started();
    vi.resetModules();
    const other = (await import("@pixelbyte/client/core")) as typeof import("@pixelbyte/client/core");
    expect(other.submit).not.toBe(submit); // really a second copy of the module graph
    const foreign = other.createBaseClient(options(s));
    const err = await rejectionOf(submit(foreign, kling, KLING_INPUT));
    expect(err.message).toMatch(/another installed copy of @pixelbyte\/client/);
    expect(s.received).toHaveLength(0);
    expect((await other.getJob(foreign, "job_1")).jobId).toBe("job_1");
  });
});
