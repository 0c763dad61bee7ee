import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterEach, describe, expect, test } from "vitest";
import { KLING } from "../helpers/http.js";

// The CORS option as a browser exercises it: preflight, then the real request from another origin.
// test/runtimes (pnpm test:runtimes) runs the client in a real Chromium against this option.

const PAGE = "http://127.0.0.1:5173";
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer({ timing: { pendingMs: 5, processingMs: 5 }, ...options });
  servers.push(server);
  return server;
}

/** What a browser sends before a POST with Authorization and a custom header. */
function preflight(server: TestServer, path: string, origin: string, method = "POST", headers = "authorization,content-type,x-test-fault") {
  return fetch(server.url + path, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
  });
}

const exposed = (res: Response) => (res.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/\s*,\s*/);

describe("cors: true", () => {
  test("a preflight for a submit with Authorization and custom headers is allowed, 204, before auth or faults", async () => {
    const server = await serve({ cors: true, faults: [{ kind: "unavailable", probability: 1 }] });
    const res = await preflight(server, "/v1/jobs/submit", PAGE, "POST", "authorization,content-type,x-api-key,x-test-fault,x-my-header");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(res.headers.get("access-control-allow-methods")?.split(",")).toEqual(expect.arrayContaining(["GET", "POST", "PUT"]));
    expect(res.headers.get("access-control-allow-headers")).toBe("authorization,content-type,x-api-key,x-test-fault,x-my-header");
    expect(res.headers.get("access-control-max-age")).toBe("600");
    expect(res.headers.get("vary")).toMatch(/Origin/);
    expect(await res.text()).toBe("");
    expect(server.requests.at(-1)).toMatchObject({ method: "OPTIONS", status: 204, operationId: undefined, faults: [] });
  });

  test("answers, errors included, carry the origin and expose x-request-id and retry-after", async () => {
    const server = await serve({ cors: true });
    const ok = await fetch(`${server.url}/v1/jobs/estimate`, {
      method: "POST",
      headers: { origin: PAGE, authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: KLING }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(exposed(ok)).toEqual(expect.arrayContaining(["x-request-id", "retry-after", "retry-after-ms", "location"]));
    expect(ok.headers.get("x-request-id")).toMatch(/^req_/);

    const denied = await fetch(`${server.url}/v1/jobs/job_nope`, { headers: { origin: PAGE } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(exposed(denied)).toContain("x-request-id");

    const limited = await fetch(`${server.url}/v1/jobs/job_nope`, { headers: { origin: PAGE, authorization: `Bearer ${server.apiKey}`, "x-test-fault": "rate-limit" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("access-control-allow-origin")).toBe(PAGE);
    expect(limited.headers.get("retry-after")).not.toBeNull();
  });

  test("the storage PUT target answers preflights too (uploads from a page)", async () => {
    const server = await serve({ cors: true });
    const presign = await fetch(`${server.url}/v1/uploads/presign`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ filename: "a.png", contentType: "image/png" }),
    });
    const { uploadUrl } = ((await presign.json()) as { data: { uploadUrl: string } }).data;
    const path = new URL(uploadUrl);
    const res = await preflight(server, path.pathname + path.search, PAGE, "PUT", "content-type");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(PAGE);
  });
});

describe("cors: a list of origins", () => {
  test("a listed origin is allowed; another gets no Access-Control-Allow-Origin, so the browser blocks it", async () => {
    const server = await serve({ cors: [PAGE, "https://app.example"] });
    const allowed = await preflight(server, "/v1/jobs/submit", "https://app.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const other = await preflight(server, "/v1/jobs/submit", "http://evil.example");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const get = await fetch(`${server.url}/v1/catalog/models`, { headers: { origin: "http://evil.example" } });
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
    expect(get.headers.get("vary")).toMatch(/Origin/);
  });

  test("a single origin string works like a list of one", async () => {
    const server = await serve({ cors: PAGE });
    expect((await preflight(server, "/v1/jobs/submit", PAGE)).headers.get("access-control-allow-origin")).toBe(PAGE);
  });
});

describe("without cors (the default)", () => {
  test("no CORS headers, and OPTIONS is not an operation (405 as before)", async () => {
    const server = await serve({});
    const res = await preflight(server, "/v1/jobs/submit", PAGE);
    expect(res.status).toBe(405);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const get = await fetch(`${server.url}/v1/catalog/models`, { headers: { origin: PAGE } });
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
    expect(get.headers.get("access-control-expose-headers")).toBeNull();
  });

  test("with cors on, an OPTIONS that is not a preflight (no Origin) still gets 405", async () => {
    const server = await serve({ cors: true });
    const res = await fetch(`${server.url}/v1/jobs/submit`, { method: "OPTIONS" });
    expect(res.status).toBe(405);
  });
});

describe("a malformed cors option fails at startServer with the fix", () => {
  test.each([
    ["a path", "http://127.0.0.1:5173/app", /cors origin "http:\/\/127\.0\.0\.1:5173\/app" is not an origin like/],
    ["a trailing slash", "http://127.0.0.1:5173/", /is not an origin/],
    ["no scheme", "localhost:5173", /is not an origin/],
    ["a wildcard", "*", /cors: true allows any/],
    ["an empty list", [], /non-empty list of origins \(got an empty list\)/],
    ["a number", 1, /got number/],
    ["null", null, /got null/],
    ["a non-string in the list", [PAGE, 5], /cors origin number is not an origin/],
    ["an Object.prototype name", "constructor", /is not an origin/],
  ])("%s", async (_what, cors, message) => {
    await expect(startServer({ cors: cors as never })).rejects.toThrow(message);
    await expect(startServer({ cors: cors as never })).rejects.toBeInstanceOf(TypeError);
  });
});
