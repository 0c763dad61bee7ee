import { Worker } from "node:worker_threads";
import type { Tools } from "./tools.js";

/**
 * The tools in a worker thread (tools-worker.ts, built next to this chunk): it starts importing the
 * linter at once, and runs every call in the order made, while the main thread goes on. Only from a
 * build in codegen/dist (the TypeScript sources have no worker file to start).
 */
export function startWorkerTools(): Tools & { close(): Promise<void> } {
  const worker = new Worker(new URL("./tools-worker.js", import.meta.url));
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
  const call = <T>(method: keyof Tools, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });
  return {
    lintFile: (root, file) => call("lintFile", root, file),
    lintTextHasErrors: (text, file) => call("lintTextHasErrors", text, file),
    bundleFile: (file) => call("bundleFile", file),
    printApiTypes: (doc) => call("printApiTypes", doc),
    pricingSchemaPasses: (schema, data) => call("pricingSchemaPasses", schema, data),
    prepare: (tool) => worker.postMessage({ prepare: tool }),
    close: async () => {
      await worker.terminate();
    },
  };
}
