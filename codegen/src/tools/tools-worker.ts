// The worker thread of worker-tools.ts: runs the in-process tools on request, one message per call.
import { parentPort } from "node:worker_threads";
import { inProcessTools, type Tools } from "./tools.js";

const port = parentPort!;
port.on("message", async ({ id, method, args, prepare }: { id: number; method: keyof Tools; args: unknown[]; prepare?: string }) => {
  if (prepare === "printApiTypes") {
    // Loading openapi-typescript (and typescript) is most of its cost: start now, print when asked.
    void import("../emit/api-printer.js").then((m) => m.loadPrinter()).catch(() => undefined);
    return;
  }
  try {
    const value = await (inProcessTools[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    port.postMessage({ id, value });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } });
  }
});
// The linter is needed in almost every run that gets this far: load it while the main thread reads the spec.
void import("../validate/redocly.js").then((m) => m.warmUp()).catch(() => undefined);
