import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./auth.js";
import { corsHandler, type CorsHandler } from "./cors.js";
import { discountOf, driftedCatalog } from "./drift.js";
import { FaultPlan, type FaultHit, type FaultRule } from "./faults.js";
import { ApiFailure, errorBody, readRaw, retryAfterHeader, sendJson, type Reply } from "./http.js";
import { IdSource } from "./ids.js";
import { JobStore, type JobRecord } from "./jobs.js";
import { Ledger } from "./ledger.js";
import { DEFAULT_ACCOUNT, DEFAULT_TIMING, DEFAULT_WEBHOOK_SECRET, DOCUMENTED_WEBHOOK_RETRY_DELAYS_MS, resolveKeys, type ServerOptions, type Timing } from "./options.js";
import { match, type Ctx, type Route } from "./router.js";
import { catalogRoutes } from "./routes/catalog.js";
import { jobRoutes } from "./routes/jobs.js";
import { uploadRoutes } from "./routes/uploads.js";
import type { ServerState } from "./state.js";
import { UploadStore, type UploadRecord } from "./uploads.js";
import { WebhookSender, type WebhookDelivery } from "./webhooks.js";

const routes: readonly Route[] = [...jobRoutes, ...catalogRoutes, ...uploadRoutes];

export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  /** The spec's operationId; undefined for unknown paths and CORS preflights (answered 204 before routing). */
  operationId: string | undefined;
  /** undefined when the connection was dropped on purpose. */
  status: number | undefined;
  /** Which credentials came with the request (the key itself is not logged). */
  auth: { bearer: boolean; apiKey: boolean };
  faults: string[];
  /** Error code of an error answer. */
  code: string | undefined;
  /** The job a submit created, also when a fault then spoiled the answer. */
  jobId: string | undefined;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:54321 (the client's baseUrl). */
  url: string;
  port: number;
  /** A key the server accepts (the first configured one). */
  apiKey: string;
  webhookSecret: string;
  /** Stops timers, pending webhook retries and open connections. */
  close(): Promise<void>;
  /** Every request answered so far, in order. */
  readonly requests: readonly RequestLogEntry[];
  readonly jobs: readonly JobRecord[];
  job(jobId: string): JobRecord | undefined;
  readonly uploads: readonly UploadRecord[];
  readonly webhookDeliveries: readonly WebhookDelivery[];
  /** Micro-cents left on an account (default account when omitted); undefined when unlimited. */
  balance(account?: string): number | undefined;
  setBalance(microCents: number | undefined, account?: string): void;
  /** Micro-cents charged minus refunded on an account. */
  spent(account?: string): number;
  setMaxConcurrentJobs(limit: number | undefined, retryAfterSeconds?: number): void;
  /** Replaces the server-wide fault rules. */
  setFaults(rules: readonly FaultRule[]): void;
  /** Adds one rule, e.g. `{ kind: "unavailable", operations: ["submitJob"], count: 1 }` for the next submit only. */
  addFault(rule: FaultRule): void;
  setTiming(timing: Partial<Timing>): void;
  /** Resolves once every job is final and every webhook delivery is sent or failed. */
  settled(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const seed = options.seed ?? 1;
  // Checked before listening: a malformed drift option throws without leaving a server behind.
  const catalog = driftedCatalog(options.drift);
  const estimateDiscountPercent = discountOf(options.drift);
  const ids = new IdSource(seed);
  const keys = resolveKeys(options.apiKeys);
  let timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  let baseUrl = "";
  const publicUrl = () => options.publicUrl?.replace(/\/$/, "") ?? baseUrl;
  const webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const webhooks = new WebhookSender(ids, {
    secret: webhookSecret,
    retryDelaysMs: options.webhookRetryDelaysMs ?? DOCUMENTED_WEBHOOK_RETRY_DELAYS_MS,
    timeoutMs: options.webhookTimeoutMs ?? 30_000,
    rewrite: options.webhookUrlRewrite,
  });
  const ledger = new Ledger(options.balanceMicroCents);
  const jobs = new JobStore(ids, timing, { publicUrl, onFinished: (job) => webhooks.enqueue(job), refund: (account, amount) => ledger.refund(account, amount) });
  const state: ServerState = {
    keys,
    ids,
    jobs,
    uploads: new UploadStore(ids, options.uploadWindowMs ?? 15 * 60_000, options.uploadTtlMs ?? 60 * 60_000, seed),
    ledger,
    limits: { maxConcurrentJobs: options.maxConcurrentJobs, concurrencyRetryAfterSeconds: options.concurrencyRetryAfterSeconds ?? 30 },
    allowLoopbackHttpWebhooks: options.allowLoopbackHttpWebhooks ?? true,
    catalog,
    estimateDiscountPercent,
    publicUrl,
  };
  const faults = new FaultPlan(options.faults ?? [], seed);
  const cors = corsHandler(options.cors);
  const log: RequestLogEntry[] = [];

  const server = createServer((req, res) => {
    handle(req, res, state, faults, cors, log).catch((error: unknown) => {
      // Only a bug gets here; answer it in the envelope rather than hang the caller.
      if (!res.headersSent) sendJson(res, 500, errorBody(new ApiFailure("INTERNAL_ERROR", String(error)), "req_unknown"));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: address.port,
    apiKey: [...keys.values()].find((k) => k.status === "active")?.key ?? [...keys.keys()][0]!,
    webhookSecret,
    close() {
      closed ??= new Promise<void>((resolve) => {
        jobs.close();
        webhooks.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
    get requests() {
      return log;
    },
    get jobs() {
      return jobs.all();
    },
    job: (jobId) => jobs.get(jobId),
    get uploads() {
      return state.uploads.all();
    },
    get webhookDeliveries() {
      return webhooks.deliveries;
    },
    balance: (account = DEFAULT_ACCOUNT) => ledger.balance(account),
    setBalance: (microCents, account = DEFAULT_ACCOUNT) => ledger.set(account, microCents),
    spent: (account = DEFAULT_ACCOUNT) => ledger.spent(account),
    setMaxConcurrentJobs(limit, retryAfterSeconds) {
      state.limits.maxConcurrentJobs = limit;
      if (retryAfterSeconds !== undefined) state.limits.concurrencyRetryAfterSeconds = retryAfterSeconds;
    },
    setFaults: (rules) => faults.set(rules),
    addFault: (rule) => faults.add(rule),
    setTiming(next) {
      timing = { ...timing, ...next };
      jobs.setTiming(timing);
    },
    async settled() {
      await jobs.settled();
      await webhooks.settled();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, state: ServerState, plan: FaultPlan, cors: CorsHandler | undefined, log: RequestLogEntry[]): Promise<void> {
  const requestId = state.ids.request();
  const url = new URL(req.url ?? "/", "http://test-server");
  const entry: RequestLogEntry = {
    requestId,
    method: req.method ?? "GET",
    path: url.pathname,
    operationId: undefined,
    status: undefined,
    auth: { bearer: req.headers.authorization !== undefined, apiKey: req.headers["x-api-key"] !== undefined },
    faults: [],
    code: undefined,
    jobId: undefined,
  };
  log.push(entry);
  const reply = (r: Reply) => {
    entry.status = r.status;
    send(res, r, requestId);
  };
  const fail = (f: ApiFailure) => {
    entry.code = f.code;
    reply({ status: f.status, body: errorBody(f, requestId), headers: f.headers });
  };

  // Before routing and faults: a preflight is answered by the browser-facing edge, not an API operation.
  if (cors && (await cors(req, res))) {
    entry.status = 204;
    return;
  }

  const found = match(routes, entry.method, url.pathname.replace(/\/+$/, "") || "/");
  if (!found) return fail(new ApiFailure("NOT_FOUND", `No route ${entry.method} ${url.pathname}.`));
  if (!("route" in found)) {
    return fail(new ApiFailure("METHOD_NOT_ALLOWED", `${entry.method} is not allowed on ${url.pathname}.`, { status: 405, headers: { allow: found.allowed.join(", ") } }));
  }
  const { route, params } = found;
  entry.operationId = route.operationId;

  const hits = plan.draw(route.operationId, route.api, req.headers);
  entry.faults = hits.map((h) => h.kind + (h.after ? "(after)" : ""));
  for (const h of hits) if (h.kind === "delay") await sleep(h.delayMs);
  const fault = hits.find((h) => h.kind !== "delay" && h.kind !== "job-failure");
  if (fault && !fault.after) {
    if (fault.kind === "drop") return drop(req, res);
    if (fault.kind !== "malformed") return fail(faultFailure(fault, route));
  }

  let bodyPromise: Promise<Buffer> | undefined;
  const ctx: Ctx = { req, url, params, requestId, key: undefined, state, faults: hits, body: () => (bodyPromise ??= readRaw(req)) };
  let result: Reply;
  try {
    ctx.key = authenticate(req, state.keys, route.auth, route.scope);
    result = await route.handle(ctx);
    if (route.operationId === "submitJob") entry.jobId = (result.body as { jobId?: string }).jobId;
  } catch (caught) {
    // Anything but an ApiFailure is a bug in the server; still answer in the envelope.
    const error = caught instanceof ApiFailure ? caught : new ApiFailure("INTERNAL_ERROR", `test-server bug: ${String(caught)}`);
    if (!fault) return fail(error);
    entry.code = error.code;
    result = { status: error.status, body: errorBody(error, requestId), headers: error.headers };
  }
  if (!fault) return reply(result);
  // The operation has run (a submit created its job); only the answer goes wrong.
  if (fault.kind === "drop") return drop(req, res);
  if (fault.kind === "malformed") {
    entry.status = result.status;
    const text = JSON.stringify(result.body);
    res.writeHead(result.status, { "content-type": "application/json; charset=utf-8", "x-request-id": requestId });
    res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    return;
  }
  return fail(faultFailure(fault, route));
}

function faultFailure(fault: FaultHit, route: Route): ApiFailure {
  const submit = route.operationId === "submitJob";
  switch (fault.kind) {
    case "rate-limit": {
      const retryAfter = fault.retryAfterSeconds;
      const headers = retryAfterHeader(retryAfter);
      return submit
        ? new ApiFailure("CONCURRENT_JOBS_EXCEEDED", "Too many concurrent jobs for your plan (injected).", { details: { retryAfter }, headers })
        : new ApiFailure("RATE_LIMITED", "Too many requests (injected).", { status: 429, details: { retryAfter }, headers });
    }
    case "not-found":
      return new ApiFailure("JOB_NOT_FOUND", "Job not found (injected: a job just submitted may not be visible yet).");
    case "unavailable":
      return submit
        ? new ApiFailure("PUBSUB_PUBLISH_FAILED", "Could not queue the job; please retry (injected).")
        : new ApiFailure("SERVICE_UNAVAILABLE", "Service temporarily unavailable (injected).", { status: 503 });
    default:
      return new ApiFailure("INTERNAL_ERROR", `An unexpected error occurred (injected${fault.after ? " after the operation ran" : ""}).`);
  }
}

function send(res: ServerResponse, r: Reply, requestId: string): void {
  const headers = { "x-request-id": requestId, ...r.headers };
  if (Buffer.isBuffer(r.body)) {
    res.writeHead(r.status, { "content-length": r.body.length, ...headers });
    res.end(r.body);
    return;
  }
  sendJson(res, r.status, r.body, headers);
}

function drop(req: IncomingMessage, res: ServerResponse): void {
  req.socket.destroy();
  res.destroy();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
