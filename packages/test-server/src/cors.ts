import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";

/**
 * `true`: any origin (the request's Origin is echoed). A string or list: exactly these origins
 * (`scheme://host[:port]`, as a browser sends them). `false` or omitted: no CORS headers at all.
 */
export type CorsOption = boolean | string | readonly string[];

/**
 * Response headers the client reads (request id, retry hints, redirects). A browser hides every
 * response header not listed in Access-Control-Expose-Headers from `fetch`.
 */
export const CORS_EXPOSED_HEADERS: readonly string[] = ["x-request-id", "retry-after", "retry-after-ms", "location"];

/** Seconds a browser may cache a preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Applies CORS headers (the `cors` package) to every answer, so error envelopes are readable too.
 * Returns true when the request was a preflight and has been answered (204); the request headers a
 * preflight asks for (Authorization, X-Api-Key, Content-Type, any custom one) are all allowed.
 */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function corsHandler(option: CorsOption | undefined): CorsHandler | undefined {
  const origin = allowedOrigins(option);
  if (origin === undefined) return undefined;
  const middleware = cors({
    origin,
    methods: ["GET", "POST", "PUT"],
    // No allowedHeaders: the package then echoes Access-Control-Request-Headers.
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE_S,
    // The server decides below whether an OPTIONS is a preflight (it has an Origin and asks for a method).
    preflightContinue: true,
  });
  return async (req, res) => {
    await new Promise<void>((resolve, reject) => middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
    const preflight = req.method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined;
    if (!preflight) return false;
    res.writeHead(204, { "content-length": "0" });
    res.end();
    return true;
  };
}

/** Checks the option at startServer, so a typo fails there rather than as a blocked browser request. */
function allowedOrigins(option: unknown): true | string[] | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return true;
  const list: unknown[] | undefined = typeof option === "string" ? [option] : Array.isArray(option) ? option : undefined;
  if (list === undefined || list.length === 0) {
    throw new TypeError(`startServer: cors must be true, false, an origin or a non-empty list of origins (got ${describe(option)})`);
  }
  return list.map((o) => {
    if (typeof o !== "string" || !isOrigin(o)) {
      throw new TypeError(`startServer: cors origin ${describe(o)} is not an origin like "http://127.0.0.1:5173" (scheme://host[:port], no path; cors: true allows any)`);
    }
    return o;
  });
}

function isOrigin(s: string): boolean {
  try {
    const url = new URL(s);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === s;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an empty list";
  return value === null ? "null" : typeof value;
}
