/** Where a command writes; a test or the pricing-audit dispatch can pass its own. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** True when stdout is a terminal: progress is drawn in place instead of printed as lines. */
  isTTY: boolean;
  /** True when stderr is a terminal: batch progress (`pricing verify`) is drawn there, else not at all. */
  isStderrTTY?: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): Io {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    isStderrTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}
