import { startServer, type TestServer } from "@pixelbyte/test-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api, sleep, type Api } from "../helpers/http.js";

let server: TestServer;
let http: Api;

beforeAll(async () => {
  server = await startServer({ apiKeys: ["pb_a", { key: "pb_b", account: "acct_b" }] });
  http = api(server.url, "pb_a");
});
afterAll(() => server.close());

test("presign → PUT the bytes → the file is served at fileUrl and its status is pending", async () => {
  const res = await http.post("/v1/uploads/presign", { filename: "my image.png", contentType: "image/png" });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: true, requestId: res.headers.get("x-request-id"), data: { maxSize: 10 * 1024 * 1024 } });
  const { uploadUrl, fileUrl, fileId, expiresAt } = res.body.data;
  expect(fileId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);

  expect((await fetch(fileUrl)).status).toBe(404); // nothing uploaded yet
  const wrongType = await fetch(uploadUrl, { method: "PUT", headers: { "content-type": "image/jpeg" }, body: "x" });
  expect(wrongType.status).toBe(400);
  const forged = await fetch(uploadUrl.replace(/signature=[0-9a-f]{4}/, "signature=0000"), { method: "PUT", headers: { "content-type": "image/png" }, body: "x" });
  expect(forged.status).toBe(403);
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const put = await fetch(uploadUrl, { method: "PUT", headers: { "content-type": "image/png" }, body: bytes });
  expect(put.status).toBe(200);

  const file = await fetch(fileUrl);
  expect(file.headers.get("content-type")).toBe("image/png");
  expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  const status = await http.get(`/v1/uploads/${fileId}`);
  expect(status.body).toEqual({
    success: true,
    data: { id: fileId, filename: "my image.png", contentType: "image/png", fileUrl, status: "pending", createdAt: expect.any(String), expiresAt },
    requestId: status.headers.get("x-request-id"),
  });
});

test("bad presign bodies: VALIDATION_ERROR and INVALID_CONTENT_TYPE", async () => {
  const missing = await http.post("/v1/uploads/presign", { contentType: "image/png" });
  expect([missing.status, missing.body.error.code, missing.body.error.details.field]).toEqual([400, "VALIDATION_ERROR", "filename"]);
  expect((await http.post("/v1/uploads/presign", { filename: "a.png" })).body.error.details.field).toBe("contentType");
  const pdf = await http.post("/v1/uploads/presign", { filename: "a.pdf", contentType: "application/pdf" });
  expect([pdf.status, pdf.body.error.code]).toEqual([400, "INVALID_CONTENT_TYPE"]);
  expect(pdf.body.error.details.allowed).toHaveLength(8);
  const notJson = await http.request("POST", "/v1/uploads/presign", { body: "nope", headers: { "content-type": "application/json" } });
  expect(notJson.body.error.code).toBe("VALIDATION_ERROR");
});

test("unknown or another account's upload → NOT_FOUND", async () => {
  const { body } = await http.post("/v1/uploads/presign", { filename: "a.mp4", contentType: "video/mp4" });
  expect(body.data.maxSize).toBe(100 * 1024 * 1024);
  expect((await api(server.url, "pb_b").get(`/v1/uploads/${body.data.fileId}`)).body.error.code).toBe("NOT_FOUND");
  const unknown = await http.get("/v1/uploads/00000000-0000-4000-8000-000000000000");
  expect([unknown.status, unknown.body.error.code]).toEqual([404, "NOT_FOUND"]);
});

test("the PUT window and the file lifetime are enforced", async () => {
  const s = await startServer({ uploadWindowMs: 40, uploadTtlMs: 120 });
  const a = api(s.url, s.apiKey);
  const late = (await a.post("/v1/uploads/presign", { filename: "late.wav", contentType: "audio/wav" })).body.data;
  await sleep(60);
  expect((await fetch(late.uploadUrl, { method: "PUT", headers: { "content-type": "audio/wav" }, body: "x" })).status).toBe(403);

  const ok = (await a.post("/v1/uploads/presign", { filename: "ok.wav", contentType: "audio/wav" })).body.data;
  expect((await fetch(ok.uploadUrl, { method: "PUT", headers: { "content-type": "audio/wav" }, body: "x" })).status).toBe(200);
  expect((await fetch(ok.fileUrl)).status).toBe(200);
  await sleep(140);
  expect((await a.get(`/v1/uploads/${ok.fileId}`)).body.data.status).toBe("expired");
  expect((await fetch(ok.fileUrl)).status).toBe(404);
  await s.close();
});
