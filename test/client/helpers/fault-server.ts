import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it (after reading its whole body). */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly bytes: Buffer;
}

/** What the server does with one request. */
export type Step =
  | { kind: "json"; status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number }
  /** `statusText`: the reason phrase of the status line (a proxy may put anything there). */
  | { kind: "raw"; status?: number; body: string; contentType?: string; headers?: Record<string, string>; statusText?: string }
  /** Read the whole request, then reset the connection: the server got it, the client gets no answer. */
  | { kind: "reset-after" }
  /** Read the request and never answer. */
  | { kind: "stall" }
  /** Send the status line, headers and part of the body, then go silent. */
  | { kind: "stall-body"; status?: number; partial: string; headers?: Record<string, string> }
  /** Announce a longer body than is sent, then close the connection. */
  | { kind: "truncate"; status?: number; partial: string; headers?: Record<string, string> }
  /**
   * Send the headers and part of a chunked body, then reset the connection (RST). With
   * `connection: close` in the headers, undici's fetch takes the cut body for a complete one.
   */
  | { kind: "reset-body"; status?: number; partial: string; headers?: Record<string, string> }
  /** Send the headers, then the body one byte every `everyMs`, never finishing in time. */
  | { kind: "trickle"; status?: number; body: string; everyMs: number; headers?: Record<string, string> };

export type Handler = (req: Received) => Step;

export const step = {
  json: (body: unknown, status = 200, headers?: Record<string, string>): Step => ({ kind: "json", status, body, ...(headers ? { headers } : {}) }),
  wrapped: (data: unknown, requestId = "req_wrapped"): Step => ({ kind: "json", status: 200, body: { success: true, data, requestId } }),
  error: (status: number, code: string, message: string, opts: { details?: Record<string, unknown>; headers?: Record<string, string>; requestId?: string } = {}): Step => ({
    kind: "json",
    status,
    body: { success: false, error: { code, message, ...(opts.details ? { details: opts.details } : {}) }, requestId: opts.requestId ?? `req_${code.toLowerCase()}` },
    ...(opts.headers ? { headers: opts.headers } : {}),
  }),
  html: (status: number): Step => ({
    kind: "raw",
    status,
    contentType: "text/html",
    body: `<!DOCTYPE html><html><head><title>${status} Bad Gateway</title></head><body><h1>${status}</h1><p>upstream error</p></body></html>`,
  }),
  /** A complete response whose JSON is cut off (Content-Length matches what is sent). */
  malformed: (status = 200): Step => ({ kind: "raw", status, contentType: "application/json", body: '{"jobId":"job_1","status":"pend' }),
  truncate: (status = 200, headers?: Record<string, string>): Step => ({ kind: "truncate", status, partial: '{"jobId":"job_1","stat', ...(headers ? { headers } : {}) }),
  stallBody: (status = 200, headers?: Record<string, string>): Step => ({ kind: "stall-body", status, partial: '{"jobId":"job_1",', ...(headers ? { headers } : {}) }),
  resetBody: (headers?: Record<string, string>): Step => ({ kind: "reset-body", status: 200, partial: '{"jobId":"job_1",', ...(headers ? { headers } : {}) }),
  trickle: (everyMs: number, headers?: Record<string, string>): Step => ({ kind: "trickle", status: 200, body: JSON.stringify({ jobId: "job_1", status: "pending", padding: "x".repeat(200) }), everyMs, ...(headers ? { headers } : {}) }),
  stall: (): Step => ({ kind: "stall" }),
  resetAfter: (): Step => ({ kind: "reset-after" }),
};

export interface FaultServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  /** Every request that reached the HTTP layer, in order. */
  readonly received: Received[];
  /** Connections reset before any request was read. */
  readonly resetConnections: number;
  /** Requests received for a route pattern ("POST /v1/jobs/submit", "GET /v1/jobs/*"). */
  count(route: string): number;
  /** Answers for the next requests matching `route`, in order; afterwards the route's handler answers. */
  script(route: string, ...steps: Step[]): void;
  /** The standing answer of a route (after its script runs out). */
  handle(route: string, handler: Handler | Step): void;
  /** Reset the next `n` TCP connections as soon as they are accepted, before a byte is read. */
  resetNextConnections(n: number): void;
  close(): Promise<void>;
}

interface Route {
  readonly method: string;
  readonly re: RegExp;
}

function parseRoute(route: string): Route {
  const [method, pattern] = route.split(" ") as [string, string];
  const re = new RegExp(
    `^${pattern
      .split(/(\*\*|\*)/)
      .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  );
  return { method, re };
}

const matches = (r: Route, req: Received) => r.method === req.method && r.re.test(req.path);

/** A real node:http server on 127.0.0.1 that answers from scripts and can misbehave on purpose. */
export async function startFaultServer(options: { port?: number } = {}): Promise<FaultServer> {
  const received: Received[] = [];
  const scripts: { route: Route; steps: Step[] }[] = [];
  const handlers: { route: Route; handler: Handler }[] = [];
  let toReset = 0;
  let resetCount = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const bytes = Buffer.concat(chunks);
      const rec: Received = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: bytes.toString("utf8"), bytes };
      received.push(rec);
      perform(next(rec), req, res);
    });
  });
  // Every answer closes its connection, so each attempt opens a fresh one (connection faults stay deterministic).
  server.keepAliveTimeout = 1;
  server.on("connection", (socket) => {
    if (toReset > 0) {
      toReset--;
      resetCount++;
      socket.resetAndDestroy();
    }
  });

  function next(rec: Received): Step {
    const scripted = scripts.find((s) => matches(s.route, rec) && s.steps.length > 0);
    if (scripted) return scripted.steps.shift()!;
    for (let i = handlers.length - 1; i >= 0; i--) {
      if (matches(handlers[i]!.route, rec)) return handlers[i]!.handler(rec);
    }
    return step.error(404, "NOT_FOUND", `test server: no route for ${rec.method} ${rec.path}`);
  }

  function perform(s: Step, req: http.IncomingMessage, res: http.ServerResponse): void {
    switch (s.kind) {
      case "json": {
        const send = () => {
          const text = JSON.stringify(s.body);
          res.writeHead(s.status ?? 200, { "content-type": "application/json", connection: "close", ...s.headers });
          res.end(text);
        };
        if (s.delayMs) setTimeout(send, s.delayMs);
        else send();
        return;
      }
      case "raw":
        if (s.statusText !== undefined) res.statusMessage = s.statusText;
        res.writeHead(s.status ?? 200, { "content-type": s.contentType ?? "text/plain", connection: "close", ...s.headers });
        res.end(s.body);
        return;
      case "reset-after":
        req.socket.resetAndDestroy();
        return;
      case "stall":
        return;
      case "stall-body":
        res.writeHead(s.status ?? 200, { "content-type": "application/json", connection: "close", ...s.headers });
        res.write(s.partial);
        return;
      case "truncate":
        res.writeHead(s.status ?? 200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(s.partial) + 64), connection: "close", ...s.headers });
        res.write(s.partial, () => setTimeout(() => req.socket.destroy(), 5));
        return;
      case "reset-body":
        res.writeHead(s.status ?? 200, { "content-type": "application/json", ...s.headers });
        res.write(s.partial, () => setTimeout(() => req.socket.resetAndDestroy(), 5));
        return;
      case "trickle": {
        res.writeHead(s.status ?? 200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(s.body)), connection: "close", ...s.headers });
        let at = 0;
        const timer = setInterval(() => {
          if (res.destroyed || at >= s.body.length) {
            clearInterval(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(s.body[at++]!);
        }, s.everyMs);
        res.on("close", () => clearInterval(timer));
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    get resetConnections() {
      return resetCount;
    },
    count(route) {
      const r = parseRoute(route);
      return received.filter((rec) => matches(r, rec)).length;
    },
    script(route, ...steps) {
      scripts.push({ route: parseRoute(route), steps });
    },
    handle(route, handler) {
      handlers.push({ route: parseRoute(route), handler: typeof handler === "function" ? handler : () => handler });
    },
    resetNextConnections(n) {
      toReset += n;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
