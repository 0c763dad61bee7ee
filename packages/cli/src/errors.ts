/** A mistake in what the user typed: one line on stderr, exit code 2, never a stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

/** Something went wrong while doing what was asked (API error, failed job): one line, exit code 1. */
export class RunError extends Error {
  override readonly name = "RunError";
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
