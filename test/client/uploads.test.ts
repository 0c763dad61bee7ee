import { Readable } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import { AbortedError, InputValidationError, uploadLimits } from "@pixelbyte/client";
import { step } from "./helpers/fault-server.js";
import { API_KEY, fixtures, harness, noUnhandledRejections, rejectionOf, type Harness } from "./helpers/fixtures.js";

noUnhandledRejections();

const PRESIGN = "POST /v1/uploads/presign";
const PUT = "PUT /storage/**";
const MiB = 1024 * 1024;
let h: Harness;
afterEach(async () => {
  await h?.server.close();
});

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe("uploads.upload", () => {
  test("presigns with the key, PUTs the bytes to storage without it, returns the file URL", async () => {
    h = await harness();
    const data = new Uint8Array([137, 80, 78, 71, 13, 10]);
    const res = await h.client.uploads.upload(data, { filename: "cat.png", contentType: "image/png" });
    expect(res).toEqual({
      fileUrl: "https://assetsv1.cdn.muvi.video/temp/user_1/uuid_cat.png",
      fileId: "3f44e3c6-acd9-4cc3-a91b-e63ec517b383",
      expiresAt: "2026-02-25T11:42:21.949Z",
      contentType: "image/png",
      size: 6,
      requestId: "req_presign",
    });
    const [presign, put] = h.server.received;
    expect(presign!.headers["authorization"]).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(presign!.body)).toEqual({ filename: "cat.png", contentType: "image/png" });
    expect(put!.method).toBe("PUT");
    expect(put!.path).toBe("/storage/temp/upload_1");
    expect(put!.query.get("sig")).toBe("abc");
    expect(put!.headers["content-type"]).toBe("image/png");
    expect(put!.headers["authorization"]).toBeUndefined();
    expect(put!.headers["x-api-key"]).toBeUndefined();
    expect([...put!.bytes]).toEqual([...data]);
  });

  test("a File supplies its own name and type", async () => {
    h = await harness();
    const file = new File([bytes(10)], "clip.mp4", { type: "video/mp4" });
    const res = await h.client.uploads.upload(file);
    expect(res.contentType).toBe("video/mp4");
    expect(JSON.parse(h.server.received[0]!.body)).toEqual({ filename: "clip.mp4", contentType: "video/mp4" });
    expect(h.server.received[1]!.bytes.length).toBe(10);
  });

  test("a web ReadableStream and a Node stream are read fully", async () => {
    h = await harness();
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes(3, 1));
        c.enqueue(bytes(2, 2));
        c.close();
      },
    });
    await h.client.uploads.upload(web, { filename: "a.wav", contentType: "audio/wav" });
    expect([...h.server.received[1]!.bytes]).toEqual([1, 1, 1, 2, 2]);
    await h.client.uploads.upload(Readable.from([Buffer.from([9, 9]), Buffer.from([8])]), { filename: "b.mp3", contentType: "audio/mpeg" });
    expect([...h.server.received[3]!.bytes]).toEqual([9, 9, 8]);
  });

  test("documented limits: 10 MiB image, 100 MiB video, 50 MiB audio", () => {
    expect(uploadLimits["image/png"]).toBe(10 * MiB);
    expect(uploadLimits["video/webm"]).toBe(100 * MiB);
    expect(uploadLimits["audio/wav"]).toBe(50 * MiB);
  });

  test("exactly the limit is accepted; one byte more is refused before any request", async () => {
    h = await harness();
    await h.client.uploads.upload(bytes(10 * MiB), { filename: "max.png", contentType: "image/png" });
    expect(h.server.count(PUT)).toBe(1);
    const err = (await rejectionOf(h.client.uploads.upload(bytes(10 * MiB + 1), { filename: "big.png", contentType: "image/png" }))) as InputValidationError;
    expect(err).toBeInstanceOf(InputValidationError);
    expect(err.rule).toBe("maxSize");
    expect(err.message).toMatch(/10485761 bytes, over the 10485760-byte limit for image\/png/);
    expect(h.server.count(PRESIGN)).toBe(1);
  });

  test("an endless stream is cut at the limit, nothing sent, the stream cancelled", async () => {
    h = await harness();
    const chunk = bytes(MiB);
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const err = (await rejectionOf(h.client.uploads.upload(endless, { filename: "v.mp4", contentType: "video/mp4" }))) as InputValidationError;
    expect(err.rule).toBe("maxSize");
    expect(pulled).toBeLessThan(105);
    expect(cancelled).toBe(true);
    expect(h.server.received).toHaveLength(0);
  });

  test("an undocumented content type or a missing filename is refused before any request", async () => {
    h = await harness();
    const bad = (await rejectionOf(h.client.uploads.upload(bytes(3), { filename: "a.bmp", contentType: "image/bmp" as never }))) as InputValidationError;
    expect(bad.field).toBe("contentType");
    expect(bad.allowed).toEqual(Object.keys(uploadLimits));
    const noName = (await rejectionOf(h.client.uploads.upload(bytes(3), { contentType: "image/png" }))) as InputValidationError;
    expect(noName.field).toBe("filename");
    expect(h.server.received).toHaveLength(0);
  });

  test("a smaller maxSize from the server stops the PUT", async () => {
    h = await harness();
    h.server.script(PRESIGN, step.wrapped({ ...fixtures.presign(h.server), maxSize: 4 }));
    const err = (await rejectionOf(h.client.uploads.upload(bytes(5), { filename: "a.png", contentType: "image/png" }))) as InputValidationError;
    expect(err.message).toMatch(/over the 4-byte limit the server gave/);
    expect(h.server.count(PUT)).toBe(0);
  });

  test("an aborted signal sends nothing", async () => {
    h = await harness();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(h.client.uploads.upload(bytes(3), { filename: "a.png", contentType: "image/png", signal: ctrl.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(h.server.received).toHaveLength(0);
  });
});

describe("uploads.get", () => {
  test("unwraps the {success, data, requestId} body", async () => {
    h = await harness();
    await expect(h.client.uploads.get("3f44e3c6-acd9-4cc3-a91b-e63ec517b383")).resolves.toEqual({ ...fixtures.upload(), requestId: "req_upload" });
  });
});
