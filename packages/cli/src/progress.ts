import type { JobView } from "./api.js";
import type { Io } from "./io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const WIDTH = 24;

/**
 * Job progress: on a terminal one line redrawn in place (spinner, bar, percent, elapsed); otherwise a
 * plain line per change of status or progress, so logs and pipes stay readable.
 */
export function progressReporter(io: Io, started = Date.now()) {
  let frame = 0;
  let last = "";
  let drawn = false;
  return {
    update(job: JobView): void {
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      if (io.isTTY) {
        const filled = Math.round((job.progress / 100) * WIDTH);
        const bar = "█".repeat(filled) + "░".repeat(WIDTH - filled);
        io.stdout(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${job.status.padEnd(10)} ${bar} ${String(job.progress).padStart(3)}%  ${elapsed}s`);
        drawn = true;
        return;
      }
      // One line per status and per quarter of progress: readable in CI logs however often it polls.
      const key = `${job.status}:${Math.floor(job.progress / 25)}`;
      if (key === last) return;
      last = key;
      io.stdout(`${job.status} ${job.progress}% (${elapsed}s)\n`);
    },
    /** Ends the in-place line so what follows starts on a fresh one. */
    done(): void {
      if (io.isTTY && drawn) io.stdout("\n");
    },
  };
}
