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
