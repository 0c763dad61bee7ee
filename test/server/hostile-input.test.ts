import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, KLING, type Api } from "../helpers/http.js";

// Issue 12 §4 and §7 on the test server: what a hostile request sends meets no Object.prototype
// member, is answered with a bounded message, and costs bounded work.

let server: TestServer;
let http: Api;

beforeAll(async () => {
  server = await startServer({ timing: { pendingMs: 50, processingMs: 50 } });
  http = api(server.url, server.apiKey);
});
afterAll(() => server.close());

describe("bounded answers to hostile input", () => {
  test("a 300 KB slug: 404 MODEL_NOT_FOUND, a short message, no suggestion", async () => {
    const slug = `kling-plus/${"x".repeat(300_000)}`;
    const res = await http.post("/v1/jobs/submit", { model: slug, input: { prompt: "p" } });
    expect([res.status, res.body.error.code]).toEqual([404, "MODEL_NOT_FOUND"]);
    expect(res.body.error.message.length).toBeLessThan(300);
    expect(res.body.error.details.suggestion).toBeUndefined();
  });

  test("a near slug still gets its suggestion", async () => {
    const res = await http.post("/v1/jobs/submit", { model: "kling-plus/kling-o3-standrd/text-to-video", input: { prompt: "p" } });
    expect(res.body.error.details.suggestion).toBe(KLING);
  });

  test("an input with 50,000 unknown fields is answered with at most 20 problems", async () => {
    const input: Record<string, string> = { prompt: "p" };
    for (let i = 0; i < 50_000; i++) input[`f${i}`] = "";
    const res = await http.post("/v1/jobs/submit", { model: KLING, input });
    expect([res.status, res.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    expect(res.body.error.details.errors.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(res.body).length).toBeLessThan(20_000);
  });

  test("a 100,000-deep array where a string belongs is a 400, not a 500 from a stack overflow", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const res = await http.request("POST", "/v1/jobs/submit", {
      body: `{"model":"${KLING}","input":{"prompt":${deep}}}`,
      headers: { "content-type": "application/json" },
    });
    expect([res.status, res.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    expect(res.body.error.message).toContain("input.prompt must be a string (got an array)");
  });

  test("a 300 KB unknown field name gets no suggestion and a bounded message", async () => {
    const res = await http.post("/v1/jobs/submit", { model: KLING, input: { prompt: "p", ["d".repeat(300_000)]: "5" } });
    expect([res.status, res.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    expect(res.body.error.details.suggestion).toBeUndefined();
    expect(res.body.error.message.length).toBeLessThan(400);
  });
});

describe("Object.prototype names are not table rows", () => {
  test.each(["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"])("presign contentType %j is INVALID_CONTENT_TYPE", async (contentType) => {
    const res = await http.post("/v1/uploads/presign", { filename: "cat.png", contentType });
    expect([res.status, res.body.error.code]).toEqual([400, "INVALID_CONTENT_TYPE"]);
  });

  test.each(["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"])("duration %j is INVALID_INPUT on submit and estimate", async (duration) => {
    for (const path of ["/v1/jobs/submit", "/v1/jobs/estimate"]) {
      const res = await http.post(path, { model: KLING, input: { prompt: "p", duration } });
      expect([res.status, res.body.error.code]).toEqual([400, "INVALID_INPUT"]);
    }
  });

  test("an input field named __proto__ is an unknown field, not the object's prototype", async () => {
    const res = await http.request("POST", "/v1/jobs/submit", {
      body: `{"model":"${KLING}","input":{"prompt":"p","__proto__":{"duration":"15"}}}`,
      headers: { "content-type": "application/json" },
    });
    expect([res.status, res.body.error.code, res.body.error.details.field]).toEqual([400, "INVALID_INPUT", "__proto__"]);
  });
});

describe("query integers are written as the spec writes them", () => {
  test.each([" 10", "10 ", "1e1", "0x0a", "10.0", "+10", "010", "", "-1", "0", "101"])("GET /v1/jobs?limit=%j is VALIDATION_ERROR", async (limit) => {
    const res = await http.get(`/v1/jobs?limit=${encodeURIComponent(limit)}`);
    expect([res.status, res.body.error.code]).toEqual([400, "VALIDATION_ERROR"]);
  });

  test.each(["1", "20", "100"])("limit=%s is accepted", async (limit) => {
    expect((await http.get(`/v1/jobs?limit=${limit}`)).status).toBe(200);
  });
});
