import { afterEach, describe, expect, test } from "vitest";
import {
  APIError,
  AuthenticationError,
  errorStatus,
  InsufficientBalanceError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  PixelByteError,
  RateLimitError,
  ServerError,
} from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { harness, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const GET = "GET /v1/jobs/*";
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

/** The class each documented HTTP status must produce (issue 5's list). */
function expectedClass(status: number) {
  if (status === 400) return InvalidRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 402) return InsufficientBalanceError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  throw new Error(`no class expected for ${status}`);
}

const codes = Object.entries(errorStatus) as [string, number][];

describe("every documented error code maps to one class", () => {
  test("the generated table is not empty", () => {
    expect(codes.length).toBeGreaterThan(20);
  });

  test.each(codes)("%s (%i)", async (code, status) => {
    h = await harness({ maxRetries: 0 });
    const message = `Server says: ${code.toLowerCase().replace(/_/g, " ")} — keep this text`;
    h.server.script(GET, step.error(status, code, message, { details: { field: "x", n: 1 }, requestId: `req_${code}` }));
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    const Cls = expectedClass(status);
    expect(err).toBeInstanceOf(Cls);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toBeInstanceOf(PixelByteError);
    expect(err.constructor).toBe(Cls);
    expect(err).toMatchObject({ code, status, requestId: `req_${code}`, details: { field: "x", n: 1 } });
    expect(err.message).toContain(message);
    expect(err.message).toContain(`req_${code}`);
  });
});

describe("class resolution", () => {
  test("a documented code keeps its class whatever status it arrives with", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.error(422, "MODEL_NOT_FOUND", "no such model"), step.error(400, "JOB_NOT_FOUND", "gone"));
    expect(await rejectionOf(h.client.jobs.get("a"))).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(h.client.jobs.get("b"))).toBeInstanceOf(NotFoundError);
  });

  test("an unknown code falls back to the status, and an unknown status to APIError", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.error(403, "SOMETHING_NEW", "new rule"), step.error(418, "TEAPOT", "short and stout"));
    const a = await rejectionOf(h.client.jobs.get("a"));
    expect(a).toBeInstanceOf(PermissionDeniedError);
    expect(a).toMatchObject({ code: "SOMETHING_NEW", status: 403 });
    const b = await rejectionOf(h.client.jobs.get("b"));
    expect(b.constructor).toBe(APIError);
    expect(b).toMatchObject({ code: "TEAPOT", status: 418 });
  });

  test("an HTML error page becomes the status's class with an excerpt", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.html(404));
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: "HTTP_404", status: 404 });
    expect(err.message).toMatch(/HTTP 404 .*without an error body.*<!DOCTYPE html>/);
  });

  test("a 2xx carrying success:false is an error, not data", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.json({ success: false, error: { code: "JOB_NOT_FOUND", message: "no job" }, requestId: "req_odd" }));
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toMatchObject({ code: "JOB_NOT_FOUND", requestId: "req_odd" });
  });

  test("malformed JSON keeps the status and says what was wrong", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.malformed());
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err).toMatchObject({ status: 200, code: "INVALID_RESPONSE" });
    expect(err.message).toMatch(/not valid JSON/);
    expect(err.message).toContain('{\\"jobId\\":\\"job_1\\",\\"status\\":\\"pend');
  });

  test("an empty 200 body is invalid for an operation that returns data", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, { kind: "raw", status: 200, body: "" });
    await expect(h.client.jobs.get("job_1")).rejects.toThrow(/empty body/);
  });

  test("a redirect is not followed while the key is attached (x-api-key would survive a cross-origin hop)", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script("GET /v1/models", { kind: "raw", status: 302, body: "", headers: { location: `${h.server.url}/elsewhere` } });
    const err = await rejectionOf(h.client.models.list());
    expect(err).toBeInstanceOf(APIError);
    expect(err).toMatchObject({ status: 302 });
    expect(err.message).toMatch(/redirecting to .*\/elsewhere, not followed/);
    expect(h.server.received.map((r) => r.path)).toEqual(["/v1/models"]);
  });

  test("the request id comes from the x-request-id header when the body has none", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, { kind: "raw", status: 500, body: "oops", headers: { "x-request-id": "req_hdr" } });
    expect(await rejectionOf(h.client.jobs.get("job_1"))).toMatchObject({ requestId: "req_hdr" });
  });
});

describe("serialisation", () => {
  test("JSON.stringify keeps name, message, code, status, requestId, details", async () => {
    h = await harness({ maxRetries: 0 });
    h.server.script(GET, step.error(429, "CONCURRENT_JOBS_EXCEEDED", "Too many", { details: { retryAfter: 90 }, requestId: "req_429" }));
    const err = await rejectionOf(h.client.jobs.get("job_1"));
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: "RateLimitError",
      message: err.message,
      code: "CONCURRENT_JOBS_EXCEEDED",
      status: 429,
      requestId: "req_429",
      details: { retryAfter: 90 },
      retryAfterMs: 90_000,
    });
  });
});
