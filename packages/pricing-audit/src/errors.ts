/**
 * A failure the user can fix, said in one line: `usage` for a wrong command line, `input` for a
 * revision that cannot be read (missing ref or file, YAML that does not parse, a glob matching
 * nothing). The command prints the message alone, never a stack trace, and exits 2.
 */
export class AuditError extends Error {
  override readonly name = "AuditError";
  readonly kind: "usage" | "input";

  constructor(kind: "usage" | "input", message: string) {
    super(message);
    this.kind = kind;
  }
}

export function usageError(message: string): AuditError {
  return new AuditError("usage", message);
}

export function inputError(message: string): AuditError {
  return new AuditError("input", message);
}

/**
 * What a command (`pixelbyte pricing …`, `pixelbyte spec …`; `tool` names it) prints for an error
 * that reached it: an AuditError as its one line (prefixed with the subcommand `name` unless it names
 * itself), anything else as one "unexpected error" line with the stack only under PIXELBYTE_DEBUG.
 * Always exit code 2.
 */
export function reportCommandError(error: unknown, tool: string, name: string, stderr: (s: string) => void): 2 {
  if (error instanceof AuditError) {
    const prefix = error.message.startsWith(tool) ? "" : `${name}: `;
    stderr(`${prefix}${error.message}${error.kind === "usage" ? ` (see ${tool} --help)` : ""}\n`);
    return 2;
  }
  // A bug, not bad input: still one line, with the stack only on request.
  stderr(`${name}: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.PIXELBYTE_DEBUG && error instanceof Error && error.stack) stderr(`${error.stack}\n`);
  return 2;
}
