import { Worker } from "node:worker_threads";
import type { Tools } from "./tools.js";

/**
 * The tools in worker threads (tools-worker.ts, built next to this chunk): one starts importing the
 * linter at once and runs the linter, the bundler and ajv; the API types' printer (openapi-typescript,
 * which loads typescript: most of a second) gets a thread of its own, started only when the API types
 * are to be printed (prepare), so that loading it overlaps the linting instead of following it. Each
 * thread runs its calls in the order made, while the main thread goes on. Only from a build in
 * codegen/dist (the TypeScript sources have no worker file to start).
 */
export function startWorkerTools(): Tools & { close(): Promise<void> } {
  const tools = thread();
  let printer: ReturnType<typeof thread> | undefined;
  return {
    lintFile: (root, file) => tools.call("lintFile", root, file),
    lintTextHasErrors: (text, file) => tools.call("lintTextHasErrors", text, file),
    bundleFile: (file) => tools.call("bundleFile", file),
    pricingSchemaPasses: (schema, data) => tools.call("pricingSchemaPasses", schema, data),
    printApiTypes: (doc) => (printer ?? tools).call("printApiTypes", doc),
    prepare: (tool) => {
      if (tool === "printApiTypes") printer ??= thread("printer");
    },
    close: async () => {
      await Promise.all([tools.close(), printer?.close()]);
    },
  };
}

/** One worker thread, and a call into it. */
function thread(role?: "printer") {
  const worker = new Worker(new URL("./tools-worker.js", import.meta.url), role ? { workerData: { role } } : {});
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  worker.on("message", ({ id, value, error }: { id: number; value?: unknown; error?: { message: string; stack?: string } }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (!call) return;
    if (error) call.reject(Object.assign(new Error(error.message), error.stack ? { stack: error.stack } : {}));
    else call.resolve(value);
  });
  const failAll = (error: Error) => {
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on("error", failAll);
  worker.on("exit", () => failAll(new Error("the tools worker stopped")));
  return {
    call: <T>(method: keyof Tools, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, method, args });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
