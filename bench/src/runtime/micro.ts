// 4. Runtime overhead, in its own process: jobs.get and submit through @pixelbyte/client against raw
// fetch (and openapi-fetch, for reference) on a local node:http server, sequential and 50 in flight,
// order alternating each round, with an A/A control (a second raw-fetch copy) for the noise floor;
// then per-call overhead with a stub fetch (no network), in wall time and in this process's CPU time
// (user + system: with a stub every microsecond is work, and CPU time does not count the time other
// processes held the core, which on a shared machine swamps a few microseconds).
//   tsx --conditions=source micro.ts <rounds> <sequential> <inFlightTotal> <stubCalls>
// Every loop is bounded by those counts; a watchdog stops the process (and its server) at 600 s.
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createClient } from "@pixelbyte/client";
import createFetchClient from "openapi-fetch";
import { summarize } from "../util/stats.js";

const [roundsText = "7", seqText = "5000", flightText = "5000", stubText = "50000"] = process.argv.slice(2);
const rounds = Number(roundsText);
const SEQUENTIAL = Number(seqText);
const IN_FLIGHT_TOTAL = Number(flightText);
const STUB_CALLS = Number(stubText);
const CONCURRENCY = 50;

const SLUG = "kling-plus/kling-o3-standard/text-to-video";
const INPUT = { prompt: "a neon city at night", duration: "5", has_sound: "false" } as const;
const KEY = "pb_bench_0123456789";
const JOB = "job_0123456789";

type Call = () => Promise<unknown>;
type Contenders = Record<string, { get: Call; submit: Call }>;

function contenders(baseUrl: string, fetchImpl: typeof fetch): Contenders {
  const ours = createClient({ apiKey: KEY, baseUrl, fetch: fetchImpl, maxRetries: 0 });
  const peer = createFetchClient<any>({ baseUrl, headers: { Authorization: `Bearer ${KEY}` }, fetch: fetchImpl });
  // Raw fetch, written as a careful hand-rolled client would: check the status, parse JSON.
  const raw = (): { get: Call; submit: Call } => ({
    get: async () => {
      const r = await fetchImpl(`${baseUrl}/v1/jobs/${encodeURIComponent(JOB)}`, { headers: { Authorization: `Bearer ${KEY}` } });
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    },
    submit: async () => {
      const r = await fetchImpl(`${baseUrl}/v1/jobs/submit`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" },
        body: JSON.stringify({ model: SLUG, input: INPUT }),
      });
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    },
  });
  return {
    raw: raw(),
    // A/A: an identical second copy; its ratio to `raw` is the noise floor of this run.
    rawAgain: raw(),
    ours: { get: () => ours.jobs.get(JOB), submit: () => ours.submit(SLUG, INPUT) },
    openapiFetch: {
      get: async () => (await peer.GET("/v1/jobs/{jobId}", { params: { path: { jobId: JOB } } })).data,
      submit: async () => (await peer.POST("/v1/jobs/submit", { body: { model: SLUG, input: INPUT } })).data,
    },
  };
}

async function sequential(call: Call, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await call();
  return (n * 1000) / (performance.now() - t0);
}

async function inFlight(call: Call, total: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      await call();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, worker));
  return (total * 1000) / (performance.now() - t0);
}

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "server.mjs")], { stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, BENCH_SERVER_MAX_MS: "620000" } });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("error", reject);
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

// A stub fetch: answers at once, no network. Each call gets a fresh Response (a body reads once).
const stubFetch = (async (input: RequestInfo | URL) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const body = url.endsWith("/submit")
    ? '{"jobId":"job_0123456789","requestId":"req_0123456789","status":"pending","estimatedCompletionTime":"2026-11-25T00:01:00.000Z","costMicroCents":420000}'
    : '{"jobId":"job_0123456789","requestId":"req_0123456789","status":"processing","costMicroCents":420000}';
  return new Response(body, { status: 200, headers: { "content-type": "application/json", "x-request-id": "req_0123456789" } });
}) as typeof fetch;

const watchdog = setTimeout(() => {
  console.error("runtime bench: watchdog stopped it after 600 s");
  process.exit(3);
}, 600_000);

const server = await startServer();
try {
  const net = contenders(server.baseUrl, (input, init) => globalThis.fetch(input, init));
  const stub = contenders("http://127.0.0.1:9", stubFetch);
  const names = Object.keys(net);
  const modes = ["get sequential", "get 50 in flight", "submit sequential", "submit 50 in flight"] as const;
  const rps: Record<string, number[]> = {};
  const usPerCall: Record<string, number[]> = {};
  const cpuPerCall: Record<string, number[]> = {};
  const run = async (round: number) => {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const mode of modes) {
      for (const name of order) {
        const call = mode.startsWith("get") ? net[name]!.get : net[name]!.submit;
        const value = mode.endsWith("sequential") ? await sequential(call, SEQUENTIAL) : await inFlight(call, IN_FLIGHT_TOTAL);
        if (round >= 0) (rps[`${name}|${mode}`] ??= []).push(value);
      }
    }
    for (const op of ["get", "submit"] as const) {
      for (const name of order) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        for (let i = 0; i < STUB_CALLS; i++) await stub[name]![op]();
        const cpu = process.cpuUsage(c0);
        if (round >= 0) {
          (usPerCall[`${name}|${op}`] ??= []).push(((performance.now() - t0) * 1000) / STUB_CALLS);
          (cpuPerCall[`${name}|${op}`] ??= []).push((cpu.user + cpu.system) / STUB_CALLS);
        }
      }
    }
  };
  // A warm-up round (JIT, connection pool), except in smoke mode's single round.
  if (rounds > 1) await run(-1);
  for (let r = 0; r < rounds; r++) await run(r);
  const rows = [];
  for (const mode of modes) {
    for (const name of names.filter((n) => n !== "raw")) {
      const mine = rps[`${name}|${mode}`]!;
      const base = rps[`raw|${mode}`]!;
      rows.push({ id: `${name === "rawAgain" ? "aa" : name}-${mode.replace(/ /g, "-")}`, label: `${name === "rawAgain" ? "A/A raw fetch copy" : name === "ours" ? "@pixelbyte/client" : "openapi-fetch"} ${mode}`, rps: summarize(mine), ratio: summarize(mine.map((x, i) => x / base[i]!)), raw: summarize(base) });
    }
  }
  const stubRows = [];
  for (const op of ["get", "submit"] as const) {
    for (const name of names.filter((n) => n !== "raw")) {
      const mine = usPerCall[`${name}|${op}`]!;
      const base = usPerCall[`raw|${op}`]!;
      const mineCpu = cpuPerCall[`${name}|${op}`]!;
      const baseCpu = cpuPerCall[`raw|${op}`]!;
      // Issue 13's measure: what the client adds beyond openapi-fetch alone (its transport), per round.
      const peer = usPerCall[`openapiFetch|${op}`]!;
      const peerCpu = cpuPerCall[`openapiFetch|${op}`]!;
      stubRows.push({
        id: `${name === "rawAgain" ? "aa" : name}-stub-${op}`,
        label: `${name === "rawAgain" ? "A/A raw fetch copy" : name === "ours" ? "@pixelbyte/client" : "openapi-fetch"} ${op === "get" ? "jobs.get" : "submit"}`,
        usPerCall: summarize(mine),
        overheadUs: summarize(mine.map((x, i) => x - base[i]!)),
        rawUs: summarize(base),
        cpuUsPerCall: summarize(mineCpu),
        cpuOverheadUs: summarize(mineCpu.map((x, i) => x - baseCpu[i]!)),
        ...(name === "ours" ? { overOpenapiFetchUs: summarize(mine.map((x, i) => x - peer[i]!)), cpuOverOpenapiFetchUs: summarize(mineCpu.map((x, i) => x - peerCpu[i]!)) } : {}),
      });
    }
  }
  process.stdout.write(`${JSON.stringify({ rows, stub: stubRows })}\n`);
} finally {
  server.stop();
  clearTimeout(watchdog);
}
