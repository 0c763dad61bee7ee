// Judges a probe report against what Node computed and what the test server recorded.
import { isDeepStrictEqual } from "node:util";
import type { TestServer } from "@pixelbyte/test-server";
import { isError, type ProbeConfig, type ProbeReport } from "./probe/contract.js";

export interface Reference {
  /** `estimate()` of each config price, computed in this Node process, as JSON. */
  prices: unknown[];
  /** The job input's exact local price. */
  jobMicroCents: number;
  /** The job whose genuine webhook delivery the probe verifies. */
  webhookJobId: string;
}

const show = (v: unknown) => JSON.stringify(v);

/** Every way the report differs from the truth; empty when the runtime passed. */
export function checkReport(report: ProbeReport, config: ProbeConfig, ref: Reference, server: TestServer, selfDescribed: (s: string) => boolean): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };

  expect(selfDescribed(report.selfDescribed), `ran in ${show(report.selfDescribed)}, not ${config.runtime}`);

  report.prices.forEach((quote, i) => {
    expect(isDeepStrictEqual(quote, ref.prices[i]), `estimate(${config.prices[i]!.slug}, ${show(config.prices[i]!.input)}) = ${show(quote)}, Node says ${show(ref.prices[i])}`);
  });
  expect(report.prices.length === ref.prices.length, `${report.prices.length} prices reported, ${ref.prices.length} asked`);
  expect(report.clientPrice === ref.jobMicroCents, `client.price() = ${show(report.clientPrice)}, expected ${ref.jobMicroCents}`);

  const { genuine, tampered } = report.webhook;
  expect(isDeepStrictEqual(genuine, { jobId: ref.webhookJobId, status: "completed" }), `verifyWebhook(genuine delivery) = ${show(genuine)}, expected job ${ref.webhookJobId} completed`);
  expect(
    isError(tampered) && tampered.error.name === "WebhookVerificationError" && tampered.error.code === "WEBHOOK_SIGNATURE_MISMATCH",
    `verifyWebhook(tampered body) = ${show(tampered)}, expected WebhookVerificationError WEBHOOK_SIGNATURE_MISMATCH`,
  );

  const upload = report.upload;
  if (isError(upload)) problems.push(`uploads.upload() failed: ${show(upload.error)}`);
  else {
    const stored = server.uploads.find((u) => u.id === upload.fileId);
    const sent = Buffer.from(config.upload.bytes);
    expect(stored !== undefined && stored.filename === config.upload.filename && stored.data !== undefined && sent.equals(stored.data), `upload ${upload.fileId}: the server holds ${show(stored?.data?.length)} bytes as ${show(stored?.filename)}, not the ${sent.length} bytes of ${config.upload.filename}`);
    expect(upload.size === sent.length, `upload size ${upload.size}, sent ${sent.length}`);
  }

  const job = report.job;
  if (isError(job)) {
    problems.push(`run() failed: ${show(job.error)}`);
    return problems;
  }
  // The server's own record is the truth: this runtime's submit created it, with this input, and it completed.
  const record = server.job(job.jobId);
  if (!record) {
    problems.push(`run() returned job ${job.jobId}, which the test server never created`);
    return problems;
  }
  expect(record.model.slug === config.job.slug && isDeepStrictEqual(record.input, config.job.input), `job ${job.jobId} on the server is ${record.model.slug} ${show(record.input)}, not what this runtime submitted`);
  expect(job.status === "completed" && record.status === "completed", `job status ${job.status} (server: ${record.status}), expected completed`);
  expect(job.spentMicroCents === ref.jobMicroCents && record.costMicroCents === ref.jobMicroCents, `charged ${job.spentMicroCents} (server: ${record.costMicroCents}), quoted ${ref.jobMicroCents}`);
  expect(job.output !== undefined && job.output === record.outputs?.[0]?.url, `output ${show(job.output)}, server has ${show(record.outputs?.[0]?.url)}`);
  const ids = new Set(server.requests.map((r) => r.requestId));
  expect(typeof job.requestId === "string" && ids.has(job.requestId), `requestId ${show(job.requestId)} is not one the server answered`);
  const polled = server.requests.filter((r) => r.method === "GET" && r.path === `/v1/jobs/${job.jobId}`).map((r) => r.requestId);
  expect(typeof report.requestIdHeader === "string" && polled.includes(report.requestIdHeader), `x-request-id read by the runtime = ${show(report.requestIdHeader)}, expected one of the server's GET /v1/jobs/${job.jobId} ids`);
  return problems;
}

/**
 * The browser's control run, against a server without CORS: Chromium must stop the page's submit at
 * the preflight (no job created). The page only sees "Failed to fetch", which cannot say whether a
 * request left, so the client reports JobMayExistError rather than retrying: that is the expected
 * answer. Shows the CORS option is what made the real run work.
 */
export function checkBlockedWithoutCors(report: ProbeReport, control: TestServer): string[] {
  const problems: string[] = [];
  if (!isError(report.job) || report.job.error.code !== "JOB_MAY_EXIST" || !/connection failed/.test(report.job.error.message)) {
    problems.push(`without CORS the page's run() gave ${show(report.job)}, expected JobMayExistError after a connection failure (blocked by the browser)`);
  }
  const preflights = control.requests.filter((r) => r.method === "OPTIONS" && r.path === "/v1/jobs/submit");
  if (preflights.length === 0) problems.push("without CORS the browser sent no preflight for the submit");
  const submits = control.requests.filter((r) => r.operationId === "submitJob");
  if (submits.length > 0) problems.push(`without CORS the browser still sent ${submits.length} submit(s): the preflight did not stop it`);
  return problems;
}
