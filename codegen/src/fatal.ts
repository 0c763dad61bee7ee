import { formatProblem, SpecError } from "./validate/problem.js";

/** Where the codegen CLI's last words go; tests pass their own. */
export interface FatalIo {
  env: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
}

const processIo: FatalIo = { env: process.env, stderr: (text) => void process.stderr.write(text) };

/**
 * The codegen CLI's answer to any error, always exit code 1: a SpecError prints every located
 * problem; anything else is a bug of the generator and prints one line with what to do, never a
 * stack trace (PIXELBYTE_DEBUG=1 adds it, as in the `pixelbyte` CLI).
 */
export function reportFailure(error: unknown, io: FatalIo = processIo): 1 {
  if (error instanceof SpecError) {
    for (const problem of error.problems) io.stderr(`${formatProblem(problem)}\n`);
    io.stderr(`\n${error.message}; nothing was generated.\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0]!.slice(0, 500);
  io.stderr(`codegen: internal error: ${firstLine}\n  This is a bug in the generator, not a located spec problem; nothing was written by this step. Run again with PIXELBYTE_DEBUG=1 to see where it happened, and report it.\n`);
  if (io.env.PIXELBYTE_DEBUG) io.stderr(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  return 1;
}

/** Also for errors outside the main promise (a throw in a callback, a rejection nobody awaited). */
export function installLastResort(io: FatalIo = processIo): void {
  const die = (error: unknown) => {
    reportFailure(error, io);
    process.exit(1);
  };
  process.on("uncaughtException", die);
  process.on("unhandledRejection", die);
}
