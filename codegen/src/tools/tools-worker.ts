// The worker thread of worker-tools.ts: runs the in-process tools on request, one message per call.
import { parentPort, workerData } from "node:worker_threads";
import { inProcessTools, type Tools } from "./tools.js";

const port = parentPort!;
port.on("message", async ({ id, method, args }: { id: number; method: keyof Tools; args: unknown[] }) => {
  try {
    const value = await (inProcessTools[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    port.postMessage({ id, value });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } });
  }
});
// Loading openapi-typescript (and typescript) is most of its cost: the printer's own thread loads it at once (it is started only when the API types are
// to be printed); the other thread loads the linter, needed in almost every run that gets this far,
// while the main thread reads the spec.
if ((workerData as { role?: string } | undefined)?.role === "printer") void import("../emit/api-printer.js").then((m) => m.loadPrinter()).catch(() => undefined);
else void import("../validate/redocly.js").then((m) => m.warmUp()).catch(() => undefined);
