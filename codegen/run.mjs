#!/usr/bin/env node
// The codegen command (`pnpm generate`, `pnpm new-model`, `pnpm start`): runs the compiled generator
// on plain node, never a stale one. The build lives in codegen/dist/<hash of its sources>/; when the
// sources changed since the last build (or there is none) it is rebuilt first, and if it cannot be,
// the TypeScript sources run through tsx instead. Either way the behaviour is the same; only start-up differs.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildDirFor, codegenDir, sourceHash } from "./source-hash.mjs";

const hash = sourceHash();
const dir = buildDirFor(hash);
if (!existsSync(path.join(dir, "build-info.json"))) {
  try {
    const { build } = await import("./build.mjs");
    const result = await build(hash);
    if (result.built) console.error(`codegen: codegen/src changed since the last build (or there was none); rebuilt ${path.relative(process.cwd(), result.dir)} in ${result.ms} ms`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`codegen: could not build codegen/dist (${reason}); running the TypeScript sources with tsx instead (slower start)`);
    let tsx;
    try {
      tsx = createRequire(import.meta.url).resolve("tsx/cli");
    } catch {
      console.error("codegen: tsx is not installed either: run `npx -y pnpm@10 install` first");
      process.exit(1);
    }
    const child = spawnSync(process.execPath, [tsx, "--conditions=source", path.join(codegenDir, "src/cli.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(child.status ?? 1);
  }
}
await import(pathToFileURL(path.join(dir, "cli.js")).href);
