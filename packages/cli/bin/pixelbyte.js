#!/usr/bin/env node
// The `pixelbyte` bin inside this repository; never published (publishConfig.bin points the published
// package at dist/bin.js). It runs the TypeScript sources through tsx with the `source` export
// condition, exactly as `pnpm pixelbyte` does, so `pnpm exec pixelbyte` works with nothing built. It is a
// file of the source tree so that a clean `pnpm install` can link it: a bin pointing at an unbuilt
// dist/ made every install warn "Failed to create bin".
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
let tsx;
try {
  tsx = import.meta.resolve("tsx");
} catch {
  process.stderr.write("pixelbyte: tsx is not installed here; run `pnpm install` at the repository root first\n");
  process.exit(1);
}
const child = spawn(process.execPath, ["--import", tsx, "--conditions=source", source, ...process.argv.slice(2)], { stdio: "inherit" });
// Ctrl-C reaches both processes (one process group); the child decides when to stop, and SIGTERM is passed on.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
