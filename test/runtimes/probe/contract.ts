// What the Node harness sends to a probe running inside another runtime, and what it gets back.
// Plain JSON both ways: it crosses argv, a page boundary or an HTTP request.

export interface ProbeConfig {
  /** The runtime the harness believes it started, e.g. "bun 1.4.5"; echoed back. */
  runtime: string;
  /** The test server (127.0.0.1, started by the harness). */
  baseUrl: string;
  apiKey: string;
  /** Local exact prices to compute with `estimate`. */
  prices: { slug: string; input: Record<string, unknown> }[];
  /** A delivery the test server really sent (raw body and its headers), and the same with its body changed. */
  webhook: { rawBody: string; tamperedBody: string; headers: Record<string, string>; secret: string };
  /** Bytes to upload as a file (a Blob built in the runtime), then the upload's presigned PUT. */
  upload: { bytes: number[]; contentType: "image/png"; filename: string };
  /** A job to `run()` to completion. */
  job: { slug: string; input: Record<string, unknown>; maxCostMicroCents: number };
}

export interface ErrorReport {
  error: { name: string; code: string | undefined; message: string };
}

export interface ProbeReport {
  /** How the runtime describes itself (Deno.version, Bun.version, process.versions.node, navigator.userAgent). */
  selfDescribed: string;
  /** `estimate(slug, input)` of each config price, as JSON. */
  prices: (unknown | ErrorReport)[];
  /** `client.price()` of the job's input (µ¢), no request. */
  clientPrice: number | ErrorReport;
  webhook: {
    genuine: { jobId: string; status: string } | ErrorReport;
    tampered: { accepted: true } | ErrorReport;
  };
  /** `client.uploads.upload(Blob)`: presign on the API, PUT to the storage URL. */
  upload: { fileId: string; fileUrl: string; size: number } | ErrorReport;
  /** `run()` of the config job; `spentMicroCents` is the client budget's record of what the submit was charged. */
  job: { jobId: string; status: string; output: string | undefined; spentMicroCents: number | undefined; requestId: string | undefined } | ErrorReport;
  /** `x-request-id` of a plain fetch of the job, as this runtime lets the code read it (a browser needs CORS exposure). */
  requestIdHeader: string | null | ErrorReport;
}

export const isError = (v: unknown): v is ErrorReport => typeof v === "object" && v !== null && "error" in v;
