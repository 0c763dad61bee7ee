/** Where progress goes: a terminal stream (process.stderr), or nothing. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` pages read; `file` is the page being read. */
  tick(done: number, total: number, file: string): void;
  /** Clears the line, so results start on a clean one. */
  end(): void;
}

const SILENT: Progress = { tick() {}, end() {} };

/**
 * One line redrawn in place ("reading pages  37/101  models/video/..."), at most every 100 ms, only
 * when `stream` is a terminal: piped or redirected output (CI, --json into a file) gets results only.
 */
export function pageProgress(stream: ProgressStream | undefined, now: () => number = Date.now): Progress {
  if (!stream?.isTTY) return SILENT;
  let last = -Infinity;
  let drawn = false;
  return {
    tick(done, total, file) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      const head = `reading pages ${String(done).padStart(String(total).length)}/${total}  `;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const room = width - head.length;
      const name = file.length > room ? `…${file.slice(file.length - room + 1)}` : file;
      stream.write(`\r\x1b[2K${head}${name}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\r\x1b[2K");
      drawn = false;
    },
  };
}
