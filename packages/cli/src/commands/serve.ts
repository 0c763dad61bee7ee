import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { MAX_TIMER_MS } from "@pixelbyte/client";
import { DEFAULT_API_KEY, DEFAULT_WEBHOOK_SECRET, startServer, type DriftOptions } from "@pixelbyte/test-server";
import { integerFlag } from "../args.js";
import { parse, type CommandSpec } from "../command.js";
import { describeValue } from "@pixelbyte/pricing/runtime";
import { RunError, UsageError } from "../errors.js";
import { selfCommand } from "../invocation.js";
import type { Io } from "../io.js";

const DEFAULT_PORT = 4010;
const DEFAULT_PENDING_MS = 1_000;
const DEFAULT_PROCESSING_MS = 4_000;

export const serveSpec = {
  name: "serve",
  summary: "a local PixelByte test API: no real key, no network, no money",
  synopsis: "[--port 4010] [--json]",
  usage: "[--port N] [--host H] [--api-key KEY ...] [--pending-ms N] [--processing-ms N] [--balance µ¢] [--max-concurrent N] [--webhook-secret S] [--seed N] [--cors ORIGIN|*]... [--drift FILE] [--json]",
  details:
    "@pixelbyte/test-server with jobs, webhooks, uploads and the catalog. It runs until Ctrl-C (SIGINT) or\n" +
    "SIGTERM. Point `pixelbyte run` (--base-url, --api-key), the client (baseUrl, apiKey) or your tests at it.",
  options: {
    port: { type: "string", value: "N", description: `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)` },
    host: { type: "string", value: "H", description: "address to listen on (default 127.0.0.1)" },
    "api-key": { type: "string", multiple: true, value: "KEY", description: `a key the server accepts (default ${DEFAULT_API_KEY})` },
    "pending-ms": { type: "string", value: "N", description: `how long a job stays pending, in ms (default ${DEFAULT_PENDING_MS})` },
    "processing-ms": { type: "string", value: "N", description: `how long a job processes, in ms (default ${DEFAULT_PROCESSING_MS})` },
    balance: { type: "string", value: "µ¢", description: "starting balance of the account in micro-cents (default unlimited)" },
    "max-concurrent": { type: "string", value: "N", description: "jobs allowed at once before 429 CONCURRENT_JOBS_EXCEEDED (default unlimited)" },
    "webhook-secret": { type: "string", value: "S", description: `secret webhooks are signed with (default ${DEFAULT_WEBHOOK_SECRET})` },
    seed: { type: "string", value: "N", description: "seed of the generated ids, for repeatable runs" },
    // A web page on another origin calling this server: "*" allows any origin.
    cors: { type: "string", multiple: true, value: "ORIGIN", description: "allow a web page on ORIGIN (or * for any) to call the server (CORS); repeatable" },
    drift: { type: "string", value: "FILE", description: "disagree with the spec on purpose, to try `pixelbyte pricing verify`: a JSON file {prices, catalog, discountPercent} (the test server's `drift` option)" },
    json: { type: "boolean", description: "print one JSON line {url, apiKey, webhookSecret} instead of the text" },
  },
  examples: ["pixelbyte serve", "pixelbyte serve --port 0 --json --pending-ms 10 --processing-ms 10"],
} as const satisfies CommandSpec;

/** `pixelbyte serve [options]`: see serveSpec. */
export async function serveCommand(args: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parse(serveSpec, args);
  if (positionals.length > 0) throw new UsageError(`serve: unexpected argument ${describeValue(positionals[0])}`);
  const port = integerFlag("port", values.port, 0, 65535) ?? DEFAULT_PORT;
  const drift = values.drift === undefined ? undefined : await readDrift(values.drift, io.cwd);
  let server;
  try {
    server = await startServer({
      port,
      host: values.host ?? "127.0.0.1",
      apiKeys: values["api-key"],
      timing: {
        pendingMs: integerFlag("pending-ms", values["pending-ms"], 0, MAX_TIMER_MS) ?? DEFAULT_PENDING_MS,
        processingMs: integerFlag("processing-ms", values["processing-ms"], 0, MAX_TIMER_MS) ?? DEFAULT_PROCESSING_MS,
      },
      balanceMicroCents: integerFlag("balance", values.balance, 0, Number.MAX_SAFE_INTEGER),
      maxConcurrentJobs: integerFlag("max-concurrent", values["max-concurrent"], 1, 1_000_000),
      webhookSecret: values["webhook-secret"],
      seed: integerFlag("seed", values.seed, 0, Number.MAX_SAFE_INTEGER),
      cors: values.cors === undefined ? undefined : values.cors.includes("*") ? true : values.cors,
      drift,
    });
  } catch (error) {
    // startServer checks option values (a malformed --cors origin) with a TypeError naming the fix.
    if (error instanceof TypeError) throw new UsageError(`serve: ${error.message.replace(/^startServer: /, "--")}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new RunError(`port ${port} is already in use; pass --port 0 for a free one`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UsageError(`cannot listen on host ${describeValue(values.host)}`);
    throw error;
  }
  if (values.json) io.stdout(JSON.stringify({ url: server.url, apiKey: server.apiKey, webhookSecret: server.webhookSecret }) + "\n");
  else {
    io.stdout(`PixelByte test server listening on ${server.url}\n`);
    io.stdout(`  API key         ${server.apiKey}\n  webhook secret  ${server.webhookSecret}\n`);
    // A command that works as typed: flags rather than environment variables (any shell), and the CLI
    // spelled the way this one was started (`pnpm pixelbyte` inside the repository).
    io.stdout(`  try (in another terminal):\n    ${selfCommand(io.env)} run kling-plus/kling-o3-standard/text-to-video --set prompt="a red fox" --base-url ${server.url} --api-key ${server.apiKey} --wait\n`);
    io.stdout("Ctrl-C stops it.\n");
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    signal?.addEventListener("abort", stop, { once: true });
  });
  await server.close();
  if (!values.json) io.stdout("stopped\n");
  return 0;
}

/** The drift options of `--drift FILE`: a JSON object (checked by startServer itself). */
async function readDrift(file: string, cwd: string): Promise<DriftOptions> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`serve: --drift ${describeValue(file)}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    return JSON.parse(text) as DriftOptions;
  } catch (error) {
    throw new UsageError(`serve: --drift ${describeValue(file)}: not JSON (${(error as Error).message.split("\n")[0]})`);
  }
}
