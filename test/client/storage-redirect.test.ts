import { afterEach, describe, expect, test } from "vitest";
import { APIError, type UploadData } from "@pixelbyte/client";
import { startFaultServer, type FaultServer } from "./helpers/fault-server.js";
import { harness, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

// Issue 12 §8: upload() reports success only when the storage PUT itself answered 2xx. A redirect is
// never followed for a PUT, whatever the body kind: a 303 would turn it into a GET whose 200 looks
// like success, and a 307/308 would send the bytes to another host (fetch can replay a Blob there
// but not a stream, so the outcome used to depend on the body kind).

noUnhandledRejections();

let h: Harness;
let elsewhere: FaultServer;
afterEach(async () => {
  await h?.server.close();
  await elsewhere?.close();
});

const PNG = [137, 80, 78, 71, 13, 10, 26, 10];
const BODIES: [string, () => UploadData][] = [
  ["Uint8Array", () => new Uint8Array(PNG)],
  ["ArrayBuffer", () => new Uint8Array(PNG).buffer],
  ["DataView", () => new DataView(new Uint8Array(PNG).buffer)],
  ["Blob", () => new Blob([new Uint8Array(PNG)], { type: "image/png" })],
  ["File", () => new File([new Uint8Array(PNG)], "cat.png", { type: "image/png" })],
  [
    "ReadableStream",
    () =>
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(PNG));
          c.close();
        },
      }),
  ],
  [
    "async iterable",
    () =>
      (async function* () {
        yield new Uint8Array(PNG);
      })(),
  ],
];

async function setUp(status: number, target: "cross-origin" | "same-origin"): Promise<void> {
  h = await harness({ maxRetries: 0 });
  elsewhere = await startFaultServer();
  // Whatever reaches the other host is "stored" there and answered 200: success if the client went.
  elsewhere.handle("PUT /**", { kind: "raw", status: 200, body: "" });
  elsewhere.handle("GET /**", { kind: "raw", status: 200, body: "stored" });
  h.server.handle("PUT /storage/moved/**", { kind: "raw", status: 200, body: "" });
  h.server.handle("GET /storage/moved/**", { kind: "raw", status: 200, body: "stored" });
  const location = target === "cross-origin" ? `http://localhost:${elsewhere.port}/storage/temp/upload_1?sig=abc` : `${h.server.url}/storage/moved/upload_1?sig=abc`;
  h.server.handle("PUT /storage/temp/**", { kind: "raw", status, body: "", headers: { location } });
}

describe("a storage PUT answered with a redirect fails, for every body kind", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const target of ["cross-origin", "same-origin"] as const) {
      test.each(BODIES)(`${status} to a ${target} URL, body %s`, async (_, body) => {
        await setUp(status, target);
        const error = await rejectionOf(h.client.uploads.upload(body(), { filename: "cat.png", contentType: "image/png" }));
        expect(error).toBeInstanceOf(APIError);
        expect(error).toMatchObject({ status, code: `HTTP_${status}` });
        expect(error.message).toMatch(/^uploads\.put: HTTP 3\d\d.* redirecting to .*, not followed/);
        // The PUT was made once, to the presigned URL only; nothing went where the redirect pointed.
        expect(h.server.count("PUT /storage/temp/**")).toBe(1);
        expect(h.server.count("GET /storage/moved/**") + h.server.count("PUT /storage/moved/**")).toBe(0);
        expect(elsewhere.received).toHaveLength(0);
      });
    }
  }
});

describe("success means a 2xx from the PUT itself", () => {
  test.each([200, 201, 204])("%i resolves with the file URL", async (status) => {
    h = await harness({ maxRetries: 0 });
    h.server.handle("PUT /storage/**", { kind: "raw", status, body: "" });
    const res = await h.client.uploads.upload(new Uint8Array(PNG), { filename: "cat.png", contentType: "image/png" });
    expect(res.fileUrl).toMatch(/cat\.png$/);
    expect([...h.server.received.at(-1)!.bytes]).toEqual(PNG);
  });

  test.each([304, 400, 403, 404, 413])("%i rejects", async (status) => {
    h = await harness({ maxRetries: 0 });
    h.server.handle("PUT /storage/**", { kind: "raw", status, body: "" });
    const error = await rejectionOf(h.client.uploads.upload(new Uint8Array(PNG), { filename: "cat.png", contentType: "image/png" }));
    expect(error).toMatchObject({ status });
  });

  test("a GET of the public catalog without a key still follows a redirect (no body, no key to leak)", async () => {
    h = await harness({ apiKey: null });
    h.server.handle("GET /v1/catalog/categories", { kind: "raw", status: 307, body: "", headers: { location: `${h.server.url}/v2/categories` } });
    h.server.handle("GET /v2/categories", { kind: "json", status: 200, body: [{ id: "video", name: "Video", description: "d", modelCount: 1 }] });
    await expect(h.client.catalog.categories()).resolves.toHaveLength(1);
  });
});
