import { startServer } from "@pixelbyte/test-server";
import { integerFlag, parse } from "../args.js";
import { RunError, UsageError } from "../errors.js";
import { json } from "../format.js";
import type { Io } from "../io.js";

/** `pixelbyte serve [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--pending-ms N] [--processing-ms N] [--balance µ¢] [--max-concurrent N] [--webhook-secret S] [--seed N] [--cors ORIGIN|*]... [--json]` */
export async function serveCommand(args: string[], io: Io, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parse("serve", args, {
    port: { type: "string" },
    host: { type: "string" },
    "api-key": { type: "string", multiple: true },
    "pending-ms": { type: "string" },
    "processing-ms": { type: "string" },
    balance: { type: "string" },
    "max-concurrent": { type: "string" },
    "webhook-secret": { type: "string" },
    seed: { type: "string" },
    // A web page on another origin calling this server: "*" allows any origin.
    cors: { type: "string", multiple: true },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`serve: unexpected argument "${positionals[0]}"`);
  const port = integerFlag("port", values.port) ?? 4010;
  if (port > 65535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
  let server;
  try {
    server = await startServer({
      port,
      host: values.host ?? "127.0.0.1",
      apiKeys: values["api-key"],
      timing: { pendingMs: integerFlag("pending-ms", values["pending-ms"]) ?? 1_000, processingMs: integerFlag("processing-ms", values["processing-ms"]) ?? 4_000 },
      balanceMicroCents: integerFlag("balance", values.balance),
      maxConcurrentJobs: integerFlag("max-concurrent", values["max-concurrent"], 1),
      webhookSecret: values["webhook-secret"],
      seed: integerFlag("seed", values.seed),
      cors: values.cors === undefined ? undefined : values.cors.includes("*") ? true : values.cors,
    });
  } catch (error) {
    // startServer checks option values (a malformed --cors origin) with a TypeError naming the fix.
    if (error instanceof TypeError) throw new UsageError(`serve: ${error.message.replace(/^startServer: /, "--")}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new RunError(`port ${port} is already in use; pass --port 0 for a free one`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new UsageError(`cannot listen on host "${values.host}"`);
    throw error;
  }
  if (values.json) io.stdout(JSON.stringify({ url: server.url, apiKey: server.apiKey, webhookSecret: server.webhookSecret }) + "\n");
  else {
    io.stdout(`PixelByte test server listening on ${server.url}\n`);
    io.stdout(`  API key         ${server.apiKey}\n  webhook secret  ${server.webhookSecret}\n`);
    io.stdout(`  try: PIXELBYTE_BASE_URL=${server.url} PIXELBYTE_API_KEY=${server.apiKey} pixelbyte run kling-plus/kling-o3-standard/text-to-video --set prompt="a red fox" --wait\n`);
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
