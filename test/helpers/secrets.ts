import { inspect } from "node:util";

// Searching output for a secret in every form it can take. Written independently of the client's
// redaction (packages/client/src/core/redact.ts), so a mistake there cannot hide itself here.

/** A distinctive key: mixed case (so a case-changed copy is recognisable), 40 characters. */
export const SECRET_KEY = "pb_live_Q7vX2mK9wR4tZ8nB3cF6hJ1dL5sG0pYe";
/** A key with characters that URL-encoding and base64 change ("+", "/", "="). */
export const SPECIAL_KEY = "pb_live_Q7vX+2mK9/wR4tZ8nB=3cF6hJ1dL5sG0p";

/** The documented limit: a run of fewer than 12 consecutive characters of a secret may survive (e.g. "pb_live_Q7v" at a cut). */
export const FRAGMENT = 12;

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function windows(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= text.length; i++) out.push(text.slice(i, i + size));
  return out;
}

/** Base64 of the key at each of the 3 byte alignments, minus the characters its neighbours also shape. */
function base64Cores(key: string): string[] {
  const out: string[] = [];
  for (const prefix of ["", "x", "xy"]) {
    for (const enc of ["base64", "base64url"] as const) {
      const b = Buffer.from(prefix + key + "zz").toString(enc);
      out.push(b.slice(4, -4));
    }
  }
  return out;
}

/** Every form searched, with its name: the key in any letter case, URL-encoded, base64 (any alignment). */
export function secretForms(key: string): { form: string; text: string }[] {
  return [
    { form: "the key (any letter case)", text: key },
    { form: "URL-encoded", text: encodeURIComponent(key) },
    ...base64Cores(key).map((text) => ({ form: "base64", text })),
  ];
}

export interface Leak {
  readonly where: string;
  readonly form: string;
  readonly excerpt: string;
}

/**
 * Every place in `text` showing FRAGMENT or more consecutive characters of the key in any of its
 * forms (so a whole key, a key cut by a truncation, or one half of a split key all count).
 */
export function findLeaks(where: string, text: string, key: string): Leak[] {
  const hay = lower(text);
  for (const { form, text: needle } of secretForms(key)) {
    for (const w of windows(lower(needle), Math.min(FRAGMENT, needle.length))) {
      const at = hay.indexOf(w);
      if (at >= 0) return [{ where, form, excerpt: text.slice(Math.max(0, at - 40), at + w.length + 40) }];
    }
  }
  return [];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch (e) {
    return `[JSON.stringify threw ${(e as Error).message}]`;
  }
}

/** Every textual form an error takes when printed, logged or serialised, its cause chain included. */
export function errorRenderings(error: unknown): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const seen = new Set<unknown>();
  let e: unknown = error;
  for (let depth = 0; e !== undefined && e !== null && !seen.has(e) && depth < 10; depth++) {
    seen.add(e);
    const at = depth === 0 ? "error" : `cause ${depth}`;
    out.push({ where: `${at} util.inspect`, text: inspect(e, { depth: Infinity, showHidden: true, getters: true }) });
    out.push({ where: `${at} util.inspect (default)`, text: inspect(e, { depth: Infinity }) });
    out.push({ where: `${at} String()`, text: String(e) });
    out.push({ where: `${at} JSON.stringify`, text: safeJson(e) });
    if (typeof e === "object") {
      const o = e as { message?: unknown; stack?: unknown; details?: unknown };
      out.push({ where: `${at} message`, text: String(o.message) });
      out.push({ where: `${at} stack`, text: String(o.stack) });
      out.push({ where: `${at} details`, text: safeJson(o.details) });
    }
    e = typeof e === "object" ? (e as { cause?: unknown }).cause : undefined;
  }
  return out;
}

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly data: unknown;
}

export function logRenderings(logs: readonly LogLine[]): { where: string; text: string }[] {
  return logs.flatMap((l, i) => [
    { where: `log ${i} (${l.level}) message`, text: l.message },
    { where: `log ${i} (${l.level}) data`, text: `${safeJson(l.data)}\n${inspect(l.data, { depth: Infinity, showHidden: true })}` },
  ]);
}

/** Leaks of `key` in any of `texts`; an empty list means none. */
export function leaksIn(texts: readonly { where: string; text: string }[], key: string): Leak[] {
  return texts.flatMap((t) => findLeaks(t.where, t.text, key));
}
