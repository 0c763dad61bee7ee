import type { JobView } from "./api.js";
import type { Io } from "./io.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const WIDTH = 24;
/** A count display is redrawn at most this often: thousands of fast requests must not flood the terminal. */
const REDRAW_MS = 80;

/** "████░░░░…": `fraction` (0..1) of WIDTH cells filled. */
function bar(fraction: number): string {
  const filled = Math.max(0, Math.min(WIDTH, Math.round(fraction * WIDTH)));
  return "█".repeat(filled) + "░".repeat(WIDTH - filled);
}

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
        io.stdout(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${job.status.padEnd(10)} ${bar(job.progress / 100)} ${String(job.progress).padStart(3)}%  ${elapsed}s`);
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

/**
 * Progress of a batch of requests (`pricing verify`): on stderr, and only when stderr is a terminal,
 * one line redrawn in place (spinner, bar, done/total, elapsed), erased when done so the report that
 * follows on stdout starts clean. Nothing at all otherwise: a pipe or a CI log gets only the report.
 */
export function countReporter(io: Io, label: string, started = Date.now()) {
  let frame = 0;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      if (!io.isStderrTTY) return;
      const now = Date.now();
      if (done < total && now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      const elapsed = ((now - started) / 1000).toFixed(1);
      io.stderr(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${bar(total === 0 ? 1 : done / total)} ${done}/${total}  ${elapsed}s`);
      drawn = true;
    },
    done(): void {
      if (drawn) io.stderr("\r\x1b[2K");
    },
  };
}
