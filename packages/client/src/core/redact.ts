/**
 * The one redaction of secrets (API keys, webhook secrets) for everything the SDK lets out: error
 * messages, stacks, `details`, cause chains, log lines and CLI output. Callers mask at their single
 * exit (`redactor.error`, `redactor.value`) and wherever they shorten text (`redactor.clip`, which
 * masks BEFORE it cuts, so a cut can never leave a partial key behind).
 *
 * What is masked, for a secret of at least MIN_SECRET_LENGTH (8) characters:
 * - the secret in any ASCII letter case (a hostname or a proxy may change the case);
 * - its URL-encoded (`encodeURIComponent`, `+` for space), JSON-escaped and base64 / base64url forms,
 *   the latter at each of the three byte alignments (so `Basic base64(user:key)` is caught);
 * - any run of FRAGMENT_LENGTH (12) or more consecutive characters of any of those forms: a key cut
 *   by someone else's truncation, or split over two fields, is masked piece by piece. So at most 11
 *   consecutive characters of a secret can survive (real keys share a public prefix like `pb_live_`).
 * A secret shorter than 8 characters is too short to be a real key and would garble ordinary words:
 * it is masked only where it stands as a whole token (not inside a longer run of letters, digits,
 * `_` or `-`), exactly as written. An empty secret is ignored.
 *
 * A secret the SDK was never given (a key typed into some unrelated option while no key is
 * configured) cannot be recognised; `createClient` and the CLI know the configured key.
 */

export const REDACTED = "[redacted]";
export const MIN_SECRET_LENGTH = 8;
export const FRAGMENT_LENGTH = 12;
/** A cut never leaves this many or more leading characters of a secret form behind. */
const EDGE_LENGTH = 4;
/** Deeper structures are replaced, not walked (hostile JSON can nest thousands of levels). */
const MAX_DEPTH = 64;
const ELLIPSIS = "…";

export interface Redactor {
  /** True when there is anything to mask. */
  readonly active: boolean;
  /** `text` with every secret form replaced by "[redacted]". */
  text(text: string): string;
  /**
   * A copy of a JSON-like value (strings, arrays, plain objects; property names included) with
   * every string masked; errors inside are masked in place (see `error`); other objects are kept.
   */
  value<T>(value: T): T;
  /**
   * Masks an error at the exit: message, stack, every own property (details, job, issues...) and
   * the whole cause chain (AggregateError.errors too). Masks in place and returns the same error;
   * returns a replacement only when a property holding a secret cannot be rewritten (frozen).
   */
  error<T>(error: T): T;
  /** Masks `text`, then shortens it to at most `max` characters plus "…", never leaving part of a secret at the cut. */
  clip(text: string, max: number): string;
}

/** ASCII-only lower-casing: keeps every index where it was (String#toLowerCase may not, e.g. "İ"). */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

const TOKEN_CHAR = /[A-Za-z0-9_-]/;

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * The base64 characters that depend only on the secret's bytes, at byte offsets 0, 1 and 2 of
 * whatever surrounds it (three 6-bit boundaries repeat every 3 bytes), for both alphabets.
 */
function base64Forms(secret: string): string[] {
  const bytes = utf8(secret);
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const b = base64(padded);
    const total = offset + bytes.length;
    const core = b.slice(Math.ceil((offset * 8) / 6), Math.floor((total * 8) / 6));
    out.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/** Every form of one long secret that is searched for, lower-cased, longest first. */
function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), ...base64Forms(secret)]);
  try {
    forms.add(encodeURIComponent(secret));
    forms.add(encodeURIComponent(secret).replace(/%20/g, "+"));
  } catch {
    // a lone surrogate has no URL encoding (URIError); the other forms still apply
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).map(asciiLower).sort((a, b) => b.length - a.length);
}

interface Matcher {
  /** Lower-cased forms of the long secrets. */
  readonly forms: readonly string[];
  /** Every FRAGMENT_LENGTH-character window of a form at least that long. */
  readonly windows: ReadonlySet<string>;
  /** Forms shorter than FRAGMENT_LENGTH: matched whole. */
  readonly shortForms: readonly string[];
  /** Secrets shorter than MIN_SECRET_LENGTH: whole tokens only, exact case. */
  readonly tokens: readonly string[];
  readonly longest: number;
}

function buildMatcher(secrets: Iterable<string | null | undefined>): Matcher {
  const forms = new Set<string>();
  const tokens = new Set<string>();
  for (const s of secrets) {
    // Trimmed: surrounding whitespace is not part of a key (createClient trims it) and would make
    // the mask swallow the spaces around it.
    const secret = typeof s === "string" ? s.trim() : "";
    if (secret.length === 0) continue;
    if (secret.length < MIN_SECRET_LENGTH) tokens.add(secret);
    else for (const f of formsOf(secret)) forms.add(f);
  }
  const windows = new Set<string>();
  const shortForms: string[] = [];
  for (const f of forms) {
    if (f.length < FRAGMENT_LENGTH) shortForms.push(f);
    else for (let i = 0; i + FRAGMENT_LENGTH <= f.length; i++) windows.add(f.slice(i, i + FRAGMENT_LENGTH));
  }
  const all = [...forms];
  return { forms: all, windows, shortForms, tokens: [...tokens], longest: Math.max(0, ...all.map((f) => f.length), ...[...tokens].map((t) => t.length)) };
}

/** [start, end) ranges of `text` to mask, sorted and merged. */
function ranges(m: Matcher, text: string): [number, number][] {
  const found: [number, number][] = [];
  if (m.forms.length > 0 && text.length >= MIN_SECRET_LENGTH) {
    const hay = asciiLower(text);
    // Runs of FRAGMENT_LENGTH+ characters of a form, each grown as far as it stays inside one form.
    if (m.windows.size > 0) {
      for (let i = 0; i + FRAGMENT_LENGTH <= hay.length; i++) {
        if (!m.windows.has(hay.slice(i, i + FRAGMENT_LENGTH))) continue;
        let end = i + FRAGMENT_LENGTH;
        while (end < hay.length && m.forms.some((f) => f.includes(hay.slice(i, end + 1)))) end++;
        found.push([i, end]);
        i = end - 1;
      }
    }
    for (const f of m.shortForms) {
      for (let at = hay.indexOf(f); at >= 0; at = hay.indexOf(f, at + f.length)) found.push([at, at + f.length]);
    }
  }
  for (const t of m.tokens) {
    for (let at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + 1)) {
      const before = at > 0 ? text[at - 1]! : "";
      const after = text[at + t.length] ?? "";
      if (!TOKEN_CHAR.test(before) && !TOKEN_CHAR.test(after)) found.push([at, at + t.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function maskText(m: Matcher, text: string): string {
  const rs = ranges(m, text);
  if (rs.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [s, e] of rs) {
    out += text.slice(at, s) + REDACTED;
    at = e;
  }
  return out + text.slice(at);
}

/** Length of the longest suffix of `text` (at least EDGE_LENGTH long) that begins a secret form. */
function trailingPrefix(m: Matcher, text: string): number {
  const hay = asciiLower(text.slice(-m.longest));
  for (let n = Math.min(hay.length, m.longest); n >= EDGE_LENGTH; n--) {
    const tail = hay.slice(hay.length - n);
    if (m.forms.some((f) => f.startsWith(tail)) || m.tokens.some((t) => t.startsWith(text.slice(-n)))) return n;
  }
  return 0;
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Builds the redactor for a set of secrets (undefined, null and empty strings are skipped). */
export function createRedactor(secrets: Iterable<string | null | undefined>): Redactor {
  const m = buildMatcher(secrets);
  const active = m.forms.length > 0 || m.tokens.length > 0;
  const text = (s: string): string => (active && typeof s === "string" ? maskText(m, s) : s);

  /** Replaces a partial secret form left at the end of a cut text. */
  const closeCut = (t: string): string => {
    const tail = trailingPrefix(m, t);
    return tail > 0 ? t.slice(0, t.length - tail) + REDACTED : t;
  };

  function clip(s: string, max: number): string {
    if (!active) return s.length > max ? `${s.slice(0, max)}${ELLIPSIS}` : s;
    // Mask a window wide enough to hold any secret that straddles the cut, then cut the masked text.
    let cut = s.length > max + m.longest;
    let masked = maskText(m, cut ? s.slice(0, max + m.longest) : s);
    // Markers are shorter than keys, so the window's own cut edge may now sit before `max`.
    if (cut) masked = closeCut(masked);
    if (masked.length > max) {
      let end = max;
      // Never cut a marker in two: drop it whole.
      const open = masked.lastIndexOf(REDACTED, end - 1);
      if (open >= 0 && open + REDACTED.length > end) end = open;
      masked = closeCut(masked.slice(0, end));
      cut = true;
    }
    return cut ? masked + ELLIPSIS : masked;
  }

  /** Whether `v` holds anything `text` would change (strings, property names, nested errors). */
  function holds(v: unknown, depth: number, seen: Set<object>): boolean {
    if (typeof v === "string") return text(v) !== v;
    if (typeof v !== "object" || v === null || seen.has(v)) return false;
    seen.add(v);
    if (depth >= MAX_DEPTH) return true;
    if (v instanceof Error) {
      return Object.getOwnPropertyNames(v).some((k) => {
        const d = Object.getOwnPropertyDescriptor(v, k);
        return d !== undefined && "value" in d && holds(d.value, depth + 1, seen);
      });
    }
    if (Array.isArray(v)) return v.some((item) => holds(item, depth + 1, seen));
    if (!isPlainObject(v)) return false;
    return Object.entries(v).some(([k, item]) => text(k) !== k || holds(item, depth + 1, seen));
  }

  /** A masked copy of `v` (only called when `holds(v)`); `seen` maps originals to copies (cycles). */
  function copy(v: unknown, depth: number, seen: Map<object, unknown>): unknown {
    if (typeof v === "string") return text(v);
    if (typeof v !== "object" || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    if (v instanceof Error) return maskError(v, depth, seen);
    if (depth >= MAX_DEPTH) return `${REDACTED} (nested deeper than ${MAX_DEPTH} levels)`;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(copy(item, depth + 1, seen));
      return out;
    }
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(v));
    seen.set(v, out);
    for (const [k, item] of Object.entries(v)) out[text(k)] = copy(item, depth + 1, seen);
    return out;
  }

  function maskValue<T>(v: T, depth: number, seen: Map<object, unknown>): T {
    return holds(v, depth, new Set()) ? (copy(v, depth, seen) as T) : v;
  }

  function maskError(e: Error, depth: number, seen: Map<object, unknown>): Error {
    if (seen.has(e)) return seen.get(e) as Error;
    seen.set(e, e);
    const changes: [string, PropertyDescriptor][] = [];
    // Own properties, the non-enumerable ones too: message, stack, cause, errors (AggregateError).
    for (const key of Object.getOwnPropertyNames(e)) {
      const d = Object.getOwnPropertyDescriptor(e, key)!;
      if (!("value" in d)) continue;
      const after = maskValue(d.value as unknown, depth + 1, seen);
      if (after !== d.value) changes.push([key, { ...d, value: after }]);
    }
    // Engines where `stack` is an accessor.
    if (!changes.some(([k]) => k === "stack") && typeof e.stack === "string" && text(e.stack) !== e.stack) {
      try {
        e.stack = text(e.stack);
      } catch {
        // a read-only stack accessor: the stand-in below replaces the error
        changes.push(["stack", { value: text(e.stack), writable: false, configurable: false }]);
      }
    }
    if (changes.length === 0) return e;
    if (changes.every(([, d]) => d.writable || d.configurable)) {
      for (const [key, d] of changes) Object.defineProperty(e, key, d);
      return e;
    }
    // A frozen error holding a secret: hand out a masked stand-in of the same name instead.
    const stand = new Error(text(String(e.message)));
    stand.name = text(String(e.name));
    for (const [key, d] of changes) Object.defineProperty(stand, key, { ...d, writable: true, configurable: true });
    seen.set(e, stand);
    return stand;
  }

  return {
    active,
    text,
    clip,
    value: (v) => (active ? maskValue(v, 0, new Map()) : v),
    error: (e) => (active ? maskValue(e, 0, new Map()) : e),
  };
}

/** Nothing to mask (no key configured). */
export const noRedaction: Redactor = createRedactor([]);
