// A tiny fetch wrapper for talking to the test server in tests; it records every exchange so the
// OpenAPI conformance test can check what was really answered.

export interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: any;
}

export interface Api {
  get(path: string, headers?: Record<string, string>): Promise<Exchange>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Exchange>;
  request(method: string, path: string, init?: { body?: string; headers?: Record<string, string> }): Promise<Exchange>;
}

export function api(baseUrl: string, apiKey: string | undefined, record?: Exchange[]): Api {
  const auth: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const request: Api["request"] = async (method, path, init = {}) => {
    const url = path.startsWith("http") ? path : baseUrl + path;
    const res = await fetch(url, { method, headers: { ...auth, ...init.headers }, body: init.body });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const exchange = { method, url, status: res.status, headers: res.headers, body };
    record?.push(exchange);
    return exchange;
  };
  return {
    request,
    get: (path, headers) => request("GET", path, { headers }),
    post: (path, body, headers) =>
      request("POST", path, { body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate` holds or `timeoutMs` passes. */
export async function until<T>(fn: () => T | Promise<T>, predicate: (value: T) => boolean, timeoutMs = 5_000, stepMs = 10): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (predicate(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await sleep(stepMs);
  }
}

export const KLING = "kling-plus/kling-o3-standard/text-to-video";
