// Issue 12 §2, "the key never leaves": every fault scenario, servers and proxies that echo the key
// back in every part of a response, keys that are not valid header values, and keys passed in the
// wrong argument. Each scenario collects the error (message, stack, cause chain, details,
// JSON.stringify, util.inspect) and every line of a debug-level logger, then searches them for the
// key in any letter case, URL-encoded, base64-encoded, or as any 12-character piece of it.
import { inspect } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import {
  ConfigurationError,
  createClient,
  PixelByteError,
  verifyWebhook,
  type ClientOptions,
  type PixelByteClient,
} from "@pixelbyte/client";
import { FAULT_KINDS, startServer, type FaultKind, type TestServer } from "@pixelbyte/test-server";
import { errorRenderings, findLeaks, leaksIn, logRenderings, SECRET_KEY, SPECIAL_KEY, type Leak, type LogLine } from "../helpers/secrets.js";
import { step, type FaultServer, type Step } from "./helpers/fault-server.js";
import { fixtures, harness, KLING, KLING_INPUT, noUnhandledRejections } from "./helpers/fixtures.js";

noUnhandledRejections();

const KEY = SECRET_KEY;
const GET = "GET /v1/jobs/*";
const SUBMIT = "POST /v1/jobs/submit";

interface Outcome {
  readonly error: unknown;
  readonly logs: readonly LogLine[];
  /** The server really received the key (guards against a scenario that never sends it). */
  readonly sent: boolean;
}

async function settle(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Runs `act` against a fault server answering every route, with a client holding `key` and a logger at every level. */
async function onFaultServer(
  act: (client: PixelByteClient, server: FaultServer) => Promise<unknown>,
  options: Partial<ClientOptions> & { key?: string } = {},
): Promise<Outcome> {
  const { key = KEY, ...rest } = options;
  const h = await harness({ apiKey: key, maxRetries: 1, timeoutMs: 300, ...rest });
  try {
    const error = await settle(act(h.client, h.server));
    const sent = h.server.received.some((r) => r.headers["authorization"] === `Bearer ${key}`);
    return { error, logs: h.logs, sent };
  } finally {
    await h.server.close();
  }
}

function leaksOf(o: Outcome, key = KEY): Leak[] {
  return leaksIn([...errorRenderings(o.error), ...logRenderings(o.logs)], key);
}

/** The same scripted answer for every attempt (so a retried read sees it twice). */
const always = (server: FaultServer, route: string, make: () => Step) => server.script(route, make(), make(), make());
const getJob = (c: PixelByteClient) => c.jobs.get("job_1");

/** An HTML page longer than any excerpt, with `key` starting `at` characters in, after runs of whitespace. */
function htmlWithKeyAt(at: number, key = KEY): string {
  const head = "<html>\n" + "        \n".repeat(Math.ceil(at / 9));
  return `${head.slice(0, at)}${key}${"\n<p>upstream error</p>".repeat(40)}</html>`;
}

interface Scenario {
  readonly name: string;
  readonly key?: string;
  /** Whether the scenario must end in an error (every one here does, except where noted). */
  readonly throws?: boolean;
  /** Whether the key reaches the server (false where the client refuses before sending). */
  readonly sends?: boolean;
  run(): Promise<Outcome>;
}

const echo: Scenario[] = [
  {
    name: "error.message echoes the key (401)",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "INVALID_API_KEY", `Invalid API key ${KEY}`)), getJob(c))),
  },
  {
    name: "error.details echoes the key five levels deep",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(400, "INVALID_INPUT", "bad", { details: { a: { b: { c: { d: { e: `Bearer ${KEY}` } } } } } })), getJob(c))),
  },
  {
    name: "error.details echoes the key inside arrays",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(400, "INVALID_INPUT", "bad", { details: { headers: [["authorization", `Bearer ${KEY}`]], keys: [KEY] } })), getJob(c))),
  },
  {
    name: "error.details uses the key as a JSON property name",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(400, "INVALID_INPUT", "bad", { details: { [KEY]: "unknown", nested: { [`Bearer ${KEY}`]: 1 } } })), getJob(c))),
  },
  {
    name: "error.code is the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(400, KEY, "bad")), getJob(c))),
  },
  {
    name: "the body's requestId is the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(404, "JOB_NOT_FOUND", "no such job", { requestId: KEY })), getJob(c))),
  },
  {
    name: "the x-request-id header is the key (a bare 500, so the header is the request id)",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 500, body: "oops", headers: { "x-request-id": `req_${KEY}` } })), getJob(c))),
  },
  {
    name: "a redirect's Location carries the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 302, body: "", headers: { location: `https://login.example/?token=${KEY}` } })), getJob(c))),
  },
  {
    name: "the status line's reason phrase carries the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 502, body: "", statusText: `Bad key ${KEY}` })), getJob(c))),
  },
  {
    name: "a plain-text 500 echoes the request headers",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 500, body: `upstream said: authorization: Bearer ${KEY}` })), getJob(c))),
  },
  {
    name: "an HTML page longer than the excerpt, the key across the 400th character",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 502, contentType: "text/html", body: htmlWithKeyAt(385) })), getJob(c))),
  },
  {
    name: "an HTML page, the key across the 160th character of the excerpt",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 502, contentType: "text/html", body: `<p>${"x".repeat(150)} ${KEY} ${"y".repeat(300)}</p>` })), getJob(c))),
  },
  {
    name: "a malformed 200 echoes the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "raw", status: 200, contentType: "application/json", body: `{"echo":"${KEY}","status":"pend` })), getJob(c))),
  },
  {
    name: "a body cut off mid-way after echoing the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "truncate", partial: `{"echo":"${KEY}",` })), getJob(c))),
  },
  {
    name: "a body that stalls after echoing the key",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => ({ kind: "stall-body", partial: `{"echo":"${KEY}",` })), getJob(c))),
  },
  {
    name: "a 429 whose retry details echo the key (retried, logged)",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(429, "RATE_LIMITED", `slow down, ${KEY}`, { details: { retryAfter: 1, key: KEY } })), getJob(c))),
  },
  {
    name: "submit: a 500 echoing the key becomes JobMayExistError",
    run: () => onFaultServer(async (c, s) => (always(s, SUBMIT, () => step.error(500, "INTERNAL_ERROR", `boom for ${KEY}`, { details: { auth: [KEY] } })), c.submit(KLING, KLING_INPUT))),
  },
  {
    name: "submit: a 503 echoing the key, retried then failing",
    run: () => onFaultServer(async (c, s) => (always(s, SUBMIT, () => step.error(503, "PUBSUB_PUBLISH_FAILED", `queue down (${KEY})`)), c.submit(KLING, KLING_INPUT))),
  },
  {
    name: "run: the job fails with a message echoing the key",
    run: () =>
      onFaultServer(async (c, s) => {
        s.handle(GET, step.json(fixtures.job("failed", { error: { code: "GENERATION_FAILED", message: `provider rejected ${KEY}` } })));
        return c.run(KLING, KLING_INPUT, { pollIntervalMs: 1 });
      }),
  },
  {
    name: "wait: times out while the last job seen carries the key",
    run: () =>
      onFaultServer(async (c, s) => {
        s.handle(GET, step.json(fixtures.job("processing", { debug: { token: KEY } })));
        return c.wait("job_1", { timeoutMs: 50, pollIntervalMs: 10 });
      }),
  },
  {
    name: "submit: the charged job's id carries the key and the price does not match (onPriceMismatch: throw)",
    run: () =>
      onFaultServer(async (c, s) => (s.script(SUBMIT, step.json(fixtures.submit(`job_${KEY}`, 1))), c.submit(KLING, KLING_INPUT)), { onPriceMismatch: "throw" }),
  },
  {
    name: "jobs.list: the second page fails echoing the key",
    run: () =>
      onFaultServer(async (c, s) => {
        s.script("GET /v1/jobs", step.json({ ...fixtures.jobList(), hasMore: true, nextCursor: "c2" }), ...Array.from({ length: 3 }, () => step.error(500, "INTERNAL_ERROR", `page 2 of ${KEY}`)));
        for await (const _ of c.jobs.list()) void _;
      }),
  },
  {
    name: "catalog.models (optional key) fails echoing the key",
    run: () => onFaultServer(async (c, s) => (always(s, "GET /v1/catalog/models", () => step.error(403, "OPERATION_NOT_ALLOWED", `no access for ${KEY}`)), c.catalog.models())),
  },
  {
    name: "uploads: the presign fails echoing the key",
    run: () => onFaultServer(async (c, s) => (always(s, "POST /v1/uploads/presign", () => step.error(400, "INVALID_INPUT", `bad upload for ${KEY}`)), c.uploads.upload(new Uint8Array(4), { filename: "a.png", contentType: "image/png" }))),
  },
  {
    name: "the server echoes the key URL-encoded",
    key: SPECIAL_KEY,
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "INVALID_API_KEY", `see /keys?k=${encodeURIComponent(SPECIAL_KEY)}`)), getJob(c)), { key: SPECIAL_KEY }),
  },
  {
    name: "the server echoes Basic credentials (base64 of user:key)",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "UNAUTHORIZED", `got Authorization: Basic ${Buffer.from(`user:${KEY}`).toString("base64")}`)), getJob(c))),
  },
  {
    name: "the server echoes the key in upper case",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "INVALID_API_KEY", `KEY ${KEY.toUpperCase()} IS INVALID`)), getJob(c))),
  },
  {
    name: "the server splits the key across two fields",
    run: () => onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "INVALID_API_KEY", `starts ${KEY.slice(0, 20)}`, { details: { rest: KEY.slice(20) } })), getJob(c))),
  },
];

/** A custom fetch that fails in a way that carries the request's headers. */
const leakyFetch = (make: (headers: Record<string, string>) => unknown): ClientOptions["fetch"] => async (_input, init) => {
  throw make(Object.fromEntries(new Headers(init?.headers).entries()));
};

const fetches: Scenario[] = [
  {
    name: "a custom fetch throws a TypeError quoting the headers",
    sends: false,
    run: () => onFaultServer((c) => getJob(c), { fetch: leakyFetch((h) => new TypeError(`request failed, headers were ${JSON.stringify(h)}`)) }),
  },
  {
    name: "a custom fetch throws an error whose own properties hold the request config",
    sends: false,
    run: () => onFaultServer((c) => getJob(c), { fetch: leakyFetch((h) => Object.assign(new Error("socket hang up"), { config: { headers: h } })) }),
  },
  {
    name: "a custom fetch throws an error whose cause's cause quotes the key",
    sends: false,
    run: () => onFaultServer((c) => getJob(c), { fetch: leakyFetch((h) => new Error("fetch failed", { cause: new Error("tls", { cause: new Error(`handshake for ${h["authorization"]}`) }) })) }),
  },
  {
    name: "a custom fetch rejects with an AggregateError holding the key",
    sends: false,
    run: () => onFaultServer((c) => getJob(c), { fetch: leakyFetch((h) => new AggregateError([new Error(`attempt 1: ${h["authorization"]}`)], "all attempts failed")) }),
  },
];

const wrongArgument: Scenario[] = [
  { name: "webhookUrl is an http URL ending in the key", sends: false, run: () => onFaultServer((c) => c.submit(KLING, KLING_INPUT, { webhookUrl: `http://hooks.example/${KEY}` })) },
  {
    name: "webhookUrl has the key after the first 60 characters the message quotes",
    sends: false,
    run: () => onFaultServer((c) => c.submit(KLING, KLING_INPUT, { webhookUrl: `http://hooks.example.com/pixelbyte/callbacks/v2/${KEY}` })),
  },
  {
    name: "webhookUrl (https) with the key: refused before sending, PixelByte would call it on another host",
    sends: false,
    run: () =>
      onFaultServer(async (c, s) => {
        s.handle(SUBMIT, (r) => step.error(400, "INVALID_WEBHOOK_URL", `unreachable: ${(JSON.parse(r.body) as { webhookUrl: string }).webhookUrl}`));
        return c.submit(KLING, KLING_INPUT, { webhookUrl: `https://hooks.example/${KEY}` });
      }),
  },
  { name: "the upload content type is the key", sends: false, run: () => onFaultServer((c) => c.uploads.upload(new Uint8Array(1), { filename: "a.bmp", contentType: KEY as never })) },
  {
    name: "the upload filename is the key: refused before sending",
    sends: false,
    run: () =>
      onFaultServer(async (c, s) => {
        s.handle("POST /v1/uploads/presign", (r) => step.error(400, "INVALID_INPUT", `bad filename ${(JSON.parse(r.body) as { filename: string }).filename}`));
        return c.uploads.upload(new Uint8Array(1), { filename: KEY, contentType: "image/png" });
      }),
  },
  { name: "baseUrl is the key", sends: false, run: () => onFaultServer(async () => createClient({ apiKey: KEY, baseUrl: KEY })) },
  { name: "baseUrl and apiKey swapped", sends: false, run: () => onFaultServer(async (_c, s) => createClient({ apiKey: s.url, baseUrl: KEY })) },
  { name: "baseUrl carries the key as a password", sends: false, run: () => onFaultServer(async (_c, s) => getJob(createClient({ apiKey: KEY, baseUrl: s.url.replace("http://", `http://user:${KEY}@`) }))) },
  { name: "baseUrl is a plain-http remote host named after the key", sends: false, run: () => onFaultServer(async () => createClient({ apiKey: KEY, baseUrl: `http://${KEY}.example.com` })) },
  { name: "the job id is the key: refused before it is put in a URL", sends: false, run: () => onFaultServer(async (c, s) => (s.handle(GET, (r) => step.error(404, "JOB_NOT_FOUND", `Job ${r.path.split("/").pop()} not found`)), c.jobs.get(KEY))) },
  { name: "the prompt is the key: refused before sending", sends: false, run: () => onFaultServer((c) => c.submit(KLING, { ...KLING_INPUT, prompt: `my key is ${KEY}` })) },
  { name: "the key in a jobs.list model filter (query string)", sends: false, run: () => onFaultServer(async (c) => { for await (const _ of c.jobs.list({ model: KEY })) void _; }) },
  { name: "the model slug is the key", sends: false, run: () => onFaultServer((c) => (c.submit as (m: string, i: unknown) => Promise<unknown>)(KEY, KLING_INPUT)) },
  { name: "an input field named after the key", sends: false, run: () => onFaultServer((c) => c.submit(KLING, { ...KLING_INPUT, [KEY]: 1 } as never)) },
  { name: "an enum input field holding the key", sends: false, run: () => onFaultServer((c) => c.submit(KLING, { ...KLING_INPUT, duration: KEY } as never)) },
  {
    name: "an input value with the key past the 60 characters a message quotes",
    sends: false,
    run: () => onFaultServer((c) => c.submit(KLING, { ...KLING_INPUT, duration: `${"ten seconds please, ".repeat(2)}${KEY}` } as never)),
  },
  {
    name: "price() of an input holding the key",
    sends: false,
    run: () => onFaultServer(async (c) => c.price(KLING, { ...KLING_INPUT, has_sound: `yes ${KEY}` } as never)),
  },
  {
    name: "the caller aborts with a reason that quotes the key",
    sends: false,
    run: () => onFaultServer((c) => c.jobs.get("job_1", { signal: AbortSignal.abort(new Error(`stop ${KEY}`)) })),
  },
];

/** A key that is not a valid header value: createClient refuses it, quoting none of it. */
const invalidKeys: { name: string; key: string }[] = [
  { name: "a line feed inside", key: `${KEY.slice(0, 20)}\n${KEY.slice(20)}` },
  { name: "a carriage return inside", key: `${KEY.slice(0, 20)}\r${KEY.slice(20)}` },
  { name: "a NUL inside", key: `${KEY.slice(0, 20)}\0${KEY.slice(20)}` },
  { name: "a control character (U+0001) at the end", key: `${KEY}\u0001` },
  { name: "DEL (U+007F) inside", key: `${KEY.slice(0, 20)}\u007f${KEY.slice(20)}` },
  { name: "a space inside", key: `${KEY.slice(0, 20)} ${KEY.slice(20)}` },
  { name: "a tab inside", key: `${KEY.slice(0, 20)}\t${KEY.slice(20)}` },
  { name: "a character above U+00FF (not a ByteString)", key: `${KEY}€` },
  { name: "a Latin-1 letter (é)", key: `${KEY}é` },
  { name: "an emoji", key: `${KEY.slice(0, 20)}🔑${KEY.slice(20)}` },
];

const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

function expectNoLeak(o: Outcome, key: string): void {
  const leaks = leaksOf(o, key);
  expect(leaks, `leaked:\n${leaks.map((l) => `  ${l.where} (${l.form}): …${l.excerpt}…`).join("\n")}`).toEqual([]);
}

describe("the key never leaves: servers and proxies that echo it", () => {
  test.each(echo.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const o = await s.run();
    expect(o.error, "the scenario must fail").toBeInstanceOf(PixelByteError);
    expect(o.sent, "the key must really have been sent").toBe(true);
    expect(o.logs.some((l) => l.level === "debug"), "every attempt is logged at debug level").toBe(true);
    expectNoLeak(o, s.key ?? KEY);
  });
});

describe("the key never leaves: an unreadable body, the key at every position around each cut", () => {
  const offsets = [0, 1, ...[150, 160, 390, 400, 1_990, 2_000, 2_040].flatMap((c) => Array.from({ length: 9 }, (_, i) => c - 40 + i * 7))];
  test.each([
    ["plain text", (at: number) => `${"a".repeat(at)}${KEY}${"b".repeat(2_500)}`],
    ["whitespace runs that collapse", (at: number) => `${" \n\t".repeat(Math.ceil(at / 3)).slice(0, at)}${KEY}${"\n   ".repeat(600)}`],
    ["split by the cut of a 2 KB first pass", (at: number) => `${"<p>  </p>\n".repeat(250).slice(0, at)}${KEY}</body>`],
  ])("%s", async (_name, body) => {
    const o = await onFaultServer(async (c, s) => {
      const errors: unknown[] = [];
      for (const at of offsets) {
        s.script(GET, { kind: "raw", status: 502, contentType: "text/html", body: body(at) });
        errors.push(await settle(c.jobs.get("job_1")));
      }
      return Promise.reject(errors);
    }, { maxRetries: 0 });
    const errors = o.error as unknown[];
    expect(errors).toHaveLength(offsets.length);
    const leaks = errors.flatMap((e, i) => leaksIn(errorRenderings(e), KEY).map((l) => `offset ${offsets[i]}: ${l.where}: ${l.excerpt}`));
    expect(leaks).toEqual([]);
    // The text before the key is kept (the excerpt is useful), the key is replaced.
    expect(String((errors[0] as Error).message)).toContain("[redacted]");
  });
});

describe("the key never leaves: custom fetch implementations", () => {
  test.each(fetches.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const o = await s.run();
    expect(o.error).toBeDefined();
    expectNoLeak(o, KEY);
  });
});

describe("the key never leaves: passed in the wrong argument", () => {
  test.each(wrongArgument.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const o = await s.run();
    expect(o.error, "the scenario must fail").toBeInstanceOf(PixelByteError);
    expect(o.sent, "the key never leaves in a URL, a body or a header of a request it was not meant for").toBe(s.sends !== false);
    expectNoLeak(o, KEY);
  });

  test("a short test key (under 8 characters) does not block a prompt that contains it as a word", async () => {
    const o = await onFaultServer((c) => c.submit(KLING, { ...KLING_INPUT, prompt: "a test of the fox" }), { key: "test" });
    expect(o.error).toBeUndefined();
    expect(o.sent).toBe(true);
  });
});

describe("the key never leaves: every test-server fault", () => {
  test.each(FAULT_KINDS.map((k) => [k] as const))("%s, on submit and on a read", async (kind: FaultKind) => {
    const server = await startServer({ apiKeys: [KEY], faults: [{ kind, delayMs: 5, retryAfterSeconds: 0.01 }], timing: { pendingMs: 5, processingMs: 5 } });
    servers.push(server);
    const logs: LogLine[] = [];
    const record = (level: string) => (message: string, data?: unknown) => logs.push({ level, message, data });
    const client = createClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 1, timeoutMs: 2_000, retry: { baseDelayMs: 1, maxDelayMs: 2 }, logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") } });
    const errors = [await settle(client.run(KLING, KLING_INPUT, { pollIntervalMs: 5, waitTimeoutMs: 5_000 })), await settle(client.jobs.get("job_does_not_exist")), await settle(client.models.list())];
    expect(errors.some((e) => e instanceof PixelByteError)).toBe(true);
    for (const error of errors) expectNoLeak({ error, logs, sent: true }, KEY);
    expect(server.requests.some((r) => r.auth.bearer)).toBe(true);
  });
});

describe("a key that is not a valid header value is refused up front", () => {
  test.each(invalidKeys.map((k) => [k.name, k.key] as const))("%s", async (_name, key) => {
    let requests = 0;
    const fetch: ClientOptions["fetch"] = async () => {
      requests++;
      return new Response("{}", { status: 200 });
    };
    const error = await settle(async () => {
      const client = createClient({ apiKey: key, baseUrl: "http://127.0.0.1:9", fetch, maxRetries: 0 });
      await client.jobs.get("job_1");
    });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("MALFORMED_API_KEY");
    expect(requests).toBe(0);
    // Neither the key nor either side of the bad character is quoted.
    for (const part of [key, KEY.slice(0, 20), KEY.slice(20)]) expect(leaksIn(errorRenderings(error), part)).toEqual([]);
  });

  test("the same key read from PIXELBYTE_API_KEY is refused the same way", () => {
    const saved = process.env["PIXELBYTE_API_KEY"];
    process.env["PIXELBYTE_API_KEY"] = `${KEY.slice(0, 20)}\n${KEY.slice(20)}`;
    try {
      const error = (() => {
        try {
          createClient({ baseUrl: "http://127.0.0.1:9" });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/PIXELBYTE_API_KEY/);
      expect(leaksIn(errorRenderings(error), KEY.slice(0, 20))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env["PIXELBYTE_API_KEY"];
      else process.env["PIXELBYTE_API_KEY"] = saved;
    }
  });

  test("surrounding whitespace (a pasted key, a CRLF .env file) is trimmed, and the trimmed key is what is sent and masked", async () => {
    const o = await onFaultServer(async (c, s) => (always(s, GET, () => step.error(401, "INVALID_API_KEY", `Invalid API key ${KEY}`)), getJob(c)), { key: ` ${KEY}\r\n` });
    expect(o.error).toBeInstanceOf(PixelByteError);
    expectNoLeak(o, KEY);
  });
});

describe("other secrets the client is handed", () => {
  const secret = "whsec_Vb8nM3kQ1zX7cR5tY2wE9uI4oP6aS0dF";
  const sign = async (ts: string, body: string) => {
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${ts}.${body}`)));
    return `sha256=${Buffer.from(mac).toString("hex")}`;
  };

  test("verifyWebhook: a correctly signed body whose status quotes the webhook secret", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const body = JSON.stringify({ jobId: "job_1", status: `leaked ${secret}` });
    const error = await settle(verifyWebhook(body, { "x-pixelbyte-timestamp": ts, "x-pixelbyte-signature": await sign(ts, body) }, secret));
    expect(error).toBeInstanceOf(PixelByteError);
    expect(leaksIn(errorRenderings(error), secret)).toEqual([]);
  });

  test("verifyWebhook: the API key passed as the webhook secret by mistake never shows", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const error = await settle(verifyWebhook(`{"jobId":"${KEY}"}`, { "x-pixelbyte-timestamp": ts, "x-pixelbyte-signature": `sha256=${"0".repeat(64)}` }, KEY));
    expect(error).toBeInstanceOf(PixelByteError);
    expect(leaksIn(errorRenderings(error), KEY)).toEqual([]);
  });

  test("printing the client (String, inspect, JSON) shows no key, even one inside baseUrl's path", async () => {
    const server = await startServer({ apiKeys: [KEY] });
    servers.push(server);
    const client = createClient({ apiKey: KEY, baseUrl: `${server.url}/proxy/${KEY}` });
    const texts = [String(client), inspect(client, { depth: Infinity, showHidden: true }), JSON.stringify(client)];
    expect(texts.flatMap((t, i) => findLeaks(`rendering ${i}`, t, KEY))).toEqual([]);
  });
});
