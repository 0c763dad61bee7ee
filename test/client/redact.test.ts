// The one redaction (packages/client/src/core/redact.ts), attacked directly: the forms a key can
// take, cuts, splits, short keys, and the shapes of errors it has to walk. The rules tested here
// are the documented ones (README "Secrets"); the integration is in secrets-everywhere.test.ts.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createRedactor, FRAGMENT_LENGTH, MIN_SECRET_LENGTH, REDACTED } from "@pixelbyte/client";
import { findLeaks, SECRET_KEY, SPECIAL_KEY } from "../helpers/secrets.js";

const KEY = SECRET_KEY;
const r = createRedactor([KEY, SPECIAL_KEY]);
const noLeak = (text: string, key = KEY) => expect(findLeaks("text", text, key), text).toEqual([]);

describe("forms of the key", () => {
  test.each([
    ["as written", KEY],
    ["upper case", KEY.toUpperCase()],
    ["lower case", KEY.toLowerCase()],
    ["URL-encoded", encodeURIComponent(SPECIAL_KEY)],
    ["form-encoded (URLSearchParams)", new URLSearchParams({ k: SPECIAL_KEY }).toString()],
    ["JSON-escaped inside a JSON string", JSON.stringify({ k: SPECIAL_KEY })],
    ["base64", Buffer.from(KEY).toString("base64")],
    ["base64url", Buffer.from(SPECIAL_KEY).toString("base64url")],
    ["Basic auth (base64 of user:key, offset 2)", `Basic ${Buffer.from(`user:${KEY}`).toString("base64")}`],
    ["Basic auth (base64 of :key, offset 1)", `Basic ${Buffer.from(`:${KEY}`).toString("base64")}`],
    ["Basic auth (base64 of ab:key, offset 0)", `Basic ${Buffer.from(`ab:${KEY}`).toString("base64")}`],
  ])("%s", (_name, form) => {
    const masked = r.text(`before ${form} after`);
    expect(masked).toContain(REDACTED);
    expect(masked.startsWith("before ")).toBe(true);
    noLeak(masked, form.includes("%") || form.includes("+") ? SPECIAL_KEY : KEY);
  });

  test("split into two halves of 20 (two fields, two chunks, two log lines): both halves are masked", () => {
    expect(r.text(`a=${KEY.slice(0, 20)}`)).toBe(`a=${REDACTED}`);
    expect(r.text(`b=${KEY.slice(20)}`)).toBe(`b=${REDACTED}`);
  });

  test(`pieces shorter than ${FRAGMENT_LENGTH} characters survive: the documented limit`, () => {
    const piece = KEY.slice(8, 8 + FRAGMENT_LENGTH - 1);
    expect(r.text(`x ${piece} y`)).toBe(`x ${piece} y`);
    expect(r.text(`x ${KEY.slice(8, 8 + FRAGMENT_LENGTH)} y`)).toBe(`x ${REDACTED} y`);
  });

  test("ordinary text, and the public prefix every key shares, are left alone", () => {
    const text = "Invalid API key: keys start with pb_live_ and are 40 characters long (request req_abc123)";
    expect(r.text(text)).toBe(text);
  });

  test("two keys side by side become one marker; the text around is kept", () => {
    expect(r.text(`[${KEY}${KEY}]`)).toBe(`[${REDACTED}]`);
    expect(r.text(`Bearer ${KEY}, x-api-key: ${KEY}.`)).toBe(`Bearer ${REDACTED}, x-api-key: ${REDACTED}.`);
  });

  test("masking is idempotent and never re-masks its own marker", () => {
    const once = r.text(`k=${KEY}`);
    expect(r.text(once)).toBe(once);
  });
});

describe(`secrets shorter than ${MIN_SECRET_LENGTH} characters: whole tokens only`, () => {
  const short = createRedactor(["abc12"]);
  test.each([
    ["Bearer abc12", `Bearer ${REDACTED}`],
    ["key=abc12.", `key=${REDACTED}.`],
    ['"abc12"', `"${REDACTED}"`],
    ["xabc12 abc123 abc12_z abc12-z", "xabc12 abc123 abc12_z abc12-z"],
    ["ABC12", "ABC12"],
  ])("%s", (input, expected) => {
    expect(short.text(input)).toBe(expected);
  });

  test("an empty secret masks nothing", () => {
    const none = createRedactor(["", undefined, null]);
    expect(none.active).toBe(false);
    expect(none.text("anything")).toBe("anything");
  });

  test("a secret with a lone surrogate (no URL encoding) is still masked", () => {
    const odd = `whsec_${"\uD800"}abcdefghijklmnop`;
    expect(createRedactor([odd]).text(`x ${odd} y`)).toBe(`x ${REDACTED} y`);
  });

  test("a key with surrounding whitespace is masked as given and trimmed", () => {
    const padded = createRedactor([`  ${KEY}\n`]);
    expect(padded.text(`x ${KEY} y`)).toBe(`x ${REDACTED} y`);
  });
});

describe("clip: mask first, then cut, never leaving part of a key at the cut", () => {
  test.each(Array.from({ length: KEY.length + 4 }, (_, i) => i - 2))("the key starting %i characters before the cut", (before) => {
    const max = 60;
    const text = `${"x".repeat(max - before)}${KEY} and more text after it`;
    const out = r.clip(text, max);
    expect(out.length).toBeLessThanOrEqual(max + 1);
    // Masked first: when the masked text fits, nothing is cut.
    expect(out.endsWith("…")).toBe(r.text(text).length > max);
    noLeak(out);
    // Not even the first 4 characters of the key are left at the edge.
    expect(out.replace(/…$/, "")).not.toMatch(/pb_l$|pb_li$|pb_liv$|pb_live$|pb_live_$/);
  });

  test("a marker is never cut in two", () => {
    const out = r.clip(`${"x".repeat(55)}${KEY}`, 60);
    expect(out).toBe(`${"x".repeat(55)}…`);
  });

  test("markers are shorter than keys: a key cut by the masking window cannot slide under the cut", () => {
    // Many keys before the cut shrink the text; a key straddling the window's end must not show.
    const text = `${`${KEY} `.repeat(8)}${"y".repeat(10)}${KEY}`;
    for (let max = 20; max < text.length; max += 7) noLeak(r.clip(text, max));
  });

  test("short text is returned masked and uncut", () => {
    expect(r.clip(`k ${KEY}`, 100)).toBe(`k ${REDACTED}`);
  });
});

describe("error: masked in place, the whole chain", () => {
  test("message, stack, own properties (nested, in arrays, as property names), cause, AggregateError.errors", () => {
    const inner = new Error(`inner ${KEY}`);
    const agg = new AggregateError([inner, `plain ${KEY}`], `agg ${KEY}`);
    const e = Object.assign(new Error(`outer ${KEY}`, { cause: agg }), {
      details: { [KEY]: [KEY, { deep: { deeper: `Bearer ${KEY}` } }] },
      untouched: { n: 1 },
    });
    const untouched = e.untouched;
    const out = r.error(e);
    expect(out).toBe(e);
    expect(e.untouched).toBe(untouched);
    expect(e.message).toBe(`outer ${REDACTED}`);
    expect(JSON.stringify(e.details)).toBe(`{"${REDACTED}":["${REDACTED}",{"deep":{"deeper":"Bearer ${REDACTED}"}}]}`);
    noLeak(inspect(e, { depth: Infinity, showHidden: true }));
    noLeak(String(e.stack));
    expect(agg.errors[0]).toBe(inner);
    expect(inner.message).toBe(`inner ${REDACTED}`);
  });

  test("a frozen error holding the key is replaced by a masked stand-in of the same name", () => {
    const e = new TypeError(`frozen ${KEY}`);
    Object.freeze(e);
    const out = r.error(e);
    expect(out).not.toBe(e);
    expect(out.name).toBe("TypeError");
    noLeak(inspect(out, { depth: Infinity, showHidden: true }));
  });

  test("an error without the key keeps its identity and its properties", () => {
    const cause = { code: "ECONNRESET" };
    const e = Object.assign(new Error("socket hang up", { cause }), { extra: [1, 2] });
    const extra = e.extra;
    expect(r.error(e)).toBe(e);
    expect(e.cause).toBe(cause);
    expect(e.extra).toBe(extra);
  });

  test("cycles, non-plain objects and deep nesting", () => {
    const cyclic: Record<string, unknown> = { k: KEY };
    cyclic["self"] = cyclic;
    const date = new Date(0);
    let deep: unknown = KEY;
    for (let i = 0; i < 500; i++) deep = { d: deep };
    const e = Object.assign(new Error("x"), { cyclic, date, deep });
    r.error(e);
    expect((e.cyclic as Record<string, unknown>)["self"]).toBe(e.cyclic);
    expect(e.date).toBe(date);
    noLeak(inspect(e, { depth: Infinity }));
  });

  test("non-errors thrown: strings are masked, other values copied masked", () => {
    expect(r.error(`thrown ${KEY}`)).toBe(`thrown ${REDACTED}`);
    expect(r.error({ reason: KEY })).toEqual({ reason: REDACTED });
    expect(r.error(42)).toBe(42);
  });
});
