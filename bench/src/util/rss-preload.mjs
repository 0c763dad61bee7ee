// Preloaded with --import where /usr/bin/time is missing: writes this process's peak RSS (bytes) and
// CPU time (user + system, ms) on exit.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) {
    const usage = process.resourceUsage();
    writeFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS * 1024} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
  }
});
