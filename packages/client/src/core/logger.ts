/** Any object with some of these methods works, `console` included. */
export interface Logger {
  debug?(message: string, data?: Readonly<Record<string, unknown>>): void;
  info?(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn?(message: string, data?: Readonly<Record<string, unknown>>): void;
  error?(message: string, data?: Readonly<Record<string, unknown>>): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * The one place the client logs from: every message and string field goes through `redact`, so
 * the API key cannot reach a log even if a server echoes it. A logger that throws is ignored.
 */
export function createLog(logger: Logger | undefined, redact: (text: string) => string) {
  return (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    const fn = logger?.[level];
    if (typeof fn !== "function") return;
    let clean: Record<string, unknown> | undefined;
    if (data !== undefined) {
      clean = {};
      for (const [k, v] of Object.entries(data)) clean[k] = typeof v === "string" ? redact(v) : v;
    }
    try {
      fn.call(logger, redact(message), clean);
    } catch {
      // logging must never break a call
    }
  };
}

export type Log = ReturnType<typeof createLog>;
