import type { Redactor } from "./redact.js";

/** Any object with some of these methods works, `console` included. */
export interface Logger {
  debug?(message: string, data?: Readonly<Record<string, unknown>>): void;
  info?(message: string, data?: Readonly<Record<string, unknown>>): void;
  warn?(message: string, data?: Readonly<Record<string, unknown>>): void;
  error?(message: string, data?: Readonly<Record<string, unknown>>): void;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * The one place the client logs from: the message and the data (deeply: nested fields, arrays,
 * property names) go through the redactor, so the API key cannot reach a log even if a server
 * echoes it. A logger that throws is ignored.
 */
export function createLog(logger: Logger | undefined, redactor: Redactor): Log {
  const log = (level: LogLevel, message: string, data?: Record<string, unknown>): void => {
    const fn = logger?.[level];
    if (typeof fn !== "function") return;
    try {
      fn.call(logger, redactor.text(message), data === undefined ? undefined : redactor.value(data));
    } catch {
      // logging must never break a call
    }
  };
  // Lets a caller skip building a line nobody takes (the debug line of every request).
  log.wants = (level: LogLevel): boolean => typeof logger?.[level] === "function";
  return log;
}

export interface Log {
  (level: LogLevel, message: string, data?: Record<string, unknown>): void;
  /** True when the logger has a method for `level` (read at each call: a logger may change). */
  wants(level: LogLevel): boolean;
}
