import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api, KLING } from "../helpers/http.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    apiKeys: [
      "pb_full",
      { key: "pb_inactive", status: "inactive" },
      { key: "pb_expired", status: "expired" },
      { key: "pb_past", expiresAt: new Date(Date.now() - 1000) },
      { key: "pb_reader", scopes: ["check_status"] },
      { key: "pb_lister", scopes: ["list_models"] },
      { key: "pb_elsewhere", allowedIps: ["203.0.113.7"] },
      { key: "pb_here", allowedIps: ["127.0.0.1"] },
      { key: "pb_banned", user: "banned" },
      { key: "pb_inactive_user", user: "inactive" },
    ],
  });
});
afterAll(() => server.close());

const submit = (key: string | undefined, headers?: Record<string, string>) => api(server.url, key).post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } }, headers);

test("missing, malformed, unknown, inactive and expired keys get the documented 401 codes", async () => {
  const cases: [string | undefined, Record<string, string> | undefined, string][] = [
    [undefined, undefined, "UNAUTHORIZED"],
    [undefined, { authorization: "Basic cGI6eA==" }, "UNAUTHORIZED"],
    [undefined, { authorization: "Bearer" }, "UNAUTHORIZED"],
    ["pb_wrong", undefined, "INVALID_API_KEY"],
    ["pb_inactive", undefined, "API_KEY_INACTIVE"],
    ["pb_expired", undefined, "API_KEY_EXPIRED"],
    ["pb_past", undefined, "API_KEY_EXPIRED"],
  ];
  for (const [key, headers, code] of cases) {
    const res = await submit(key, headers);
    expect([res.status, res.body.error.code], `${key} ${JSON.stringify(headers)}`).toEqual([401, code]);
    expect(res.body.success).toBe(false);
    expect(res.body.requestId).toMatch(/^req_/);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  }
});

test("jobs take Bearer only: x-api-key alone is not enough there", async () => {
  const res = await submit(undefined, { "x-api-key": "pb_full" });
  expect(res.body.error.code).toBe("UNAUTHORIZED");
  expect((await submit("pb_full")).status).toBe(200);
});

test("/v1/models* and /v1/providers* accept x-api-key, Bearer or both (decision 2 in docs/decisions.md)", async () => {
  const anon = api(server.url, undefined);
  for (const path of ["/v1/models", "/v1/providers", "/v1/providers/openai/models"]) {
    expect((await anon.get(path)).body.error.code).toBe("UNAUTHORIZED");
    expect((await anon.get(path, { "x-api-key": "pb_full" })).status).toBe(200);
    expect((await anon.get(path, { authorization: "Bearer pb_full" })).status).toBe(200);
    expect((await anon.get(path, { authorization: "Bearer pb_full", "x-api-key": "pb_full" })).status).toBe(200);
    expect((await anon.get(path, { "x-api-key": "pb_nope" })).body.error.code).toBe("INVALID_API_KEY");
    expect((await anon.get(path, { "x-api-key": "pb_inactive" })).body.error.code).toBe("API_KEY_INACTIVE");
    // Two different keys at once is refused rather than guessed at.
    expect((await anon.get(path, { authorization: "Bearer pb_full", "x-api-key": "pb_lister" })).body.error.code).toBe("INVALID_API_KEY");
  }
  const entry = [...server.requests].reverse().find((r) => r.path === "/v1/providers/openai/models" && r.status === 200);
  expect(entry?.auth).toEqual({ bearer: true, apiKey: true });
});

test("scopes: a missing scope is 403 OPERATION_NOT_ALLOWED; an empty scope list is full access", async () => {
  const reader = api(server.url, "pb_reader");
  const denied = await reader.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p" } });
  expect([denied.status, denied.body.error.code, denied.body.error.details.requiredScope]).toEqual([403, "OPERATION_NOT_ALLOWED", "submit_job"]);
  expect((await reader.post("/v1/jobs/estimate", { model: KLING })).status).toBe(200);
  expect((await reader.get("/v1/jobs")).status).toBe(200);
  expect((await reader.get("/v1/models")).body.error.code).toBe("OPERATION_NOT_ALLOWED");
  const lister = api(server.url, "pb_lister");
  expect((await lister.get("/v1/models")).status).toBe(200);
  expect((await lister.get("/v1/jobs")).body.error.code).toBe("OPERATION_NOT_ALLOWED");
  // Uploads name no scope: any valid key.
  expect((await lister.post("/v1/uploads/presign", { filename: "a.png", contentType: "image/png" })).status).toBe(200);
});

test("IP allow-lists and account states", async () => {
  expect((await submit("pb_elsewhere")).body.error.code).toBe("IP_NOT_WHITELISTED");
  expect((await submit("pb_here")).status).toBe(200);
  expect((await submit("pb_banned")).body.error.code).toBe("USER_BANNED");
  expect((await submit("pb_inactive_user")).body.error.code).toBe("USER_INACTIVE");
});

test("the catalog is public; a key sent to catalog/models must still be valid", async () => {
  const anon = api(server.url, undefined);
  for (const path of ["/v1/catalog/models", "/v1/catalog/providers", "/v1/catalog/categories", "/v1/catalog/capability-groups", `/v1/catalog/models/${KLING}`]) {
    expect((await anon.get(path)).status, path).toBe(200);
  }
  expect((await anon.get("/v1/catalog/models", { authorization: "Bearer pb_full" })).status).toBe(200);
  expect((await anon.get("/v1/catalog/models", { authorization: "Bearer pb_wrong" })).body.error.code).toBe("INVALID_API_KEY");
});

test("with no keys configured the server accepts its default key", async () => {
  const s = await startServer();
  expect(s.apiKey).toBe("pb_test_local_key");
  expect((await api(s.url, s.apiKey).post("/v1/jobs/estimate", { model: KLING })).status).toBe(200);
  await s.close();
});
