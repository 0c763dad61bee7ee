// The local API for the runtime benchmark: node:http on 127.0.0.1, fixed answers, in its own process.
// Prints its port; stops by itself after BENCH_SERVER_MAX_MS (a watchdog) or when stdin closes.
import http from "node:http";

const job = JSON.stringify({
  jobId: "job_0123456789",
  requestId: "req_0123456789",
  model: "kling-plus/kling-o3-standard/text-to-video",
  status: "processing",
  createdAt: "2026-11-25T00:00:00.000Z",
  costMicroCents: 420000,
});
const submitted = JSON.stringify({
  jobId: "job_0123456789",
  requestId: "req_0123456789",
  status: "pending",
  estimatedCompletionTime: "2026-11-25T00:01:00.000Z",
  costMicroCents: 420000,
});

const server = http.createServer((req, res) => {
  const body = req.method === "POST" ? submitted : job;
  // Drain the request body before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-request-id": "req_0123456789" });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
setTimeout(() => process.exit(0), Number(process.env.BENCH_SERVER_MAX_MS ?? 240_000)).unref();
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
