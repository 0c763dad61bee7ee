import type { ValidationIssue } from "./errors.js";

/** A value JSON carries exactly: what is validated, priced and sent is one of these. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deeper than any model input; stops a hostile or accidental deep value before the stack does. */
const MAX_DEPTH = 64;
/** Same cap as the validator: enough to fix an input, bounded on hostile ones. */
const MAX_ISSUES = 20;

/**
 * The one plain JSON value of a caller's input, read exactly once, or the places JSON would not
 * carry faithfully (issue 12 §1: validation and the price used to read the object's properties
 * while the body was `JSON.stringify(input)`, so a `toJSON()` could be priced at 252,000 µ¢ and
 * charged 1,890,000).
 *
 * Refused (one issue per path, rule "json"): functions, symbols, BigInt, NaN and ±Infinity,
 * `undefined` inside an array, holes in sparse arrays, extra keys on arrays, cycles, anything with
 * a `toJSON()` method (Date included), built-ins other than plain objects and arrays (Map, Set,
 * RegExp, boxed primitives, typed arrays...), properties JSON would drop (non-enumerable own ones,
 * getters or values inherited from a class prototype), reads that throw (getters, proxies), and
 * nesting deeper than 64.
 *
 * Kept as JSON keeps them: an object property whose value is `undefined` is left out (it means
 * "absent", as for the validator), -0 becomes 0, symbol keys are ignored. Every getter runs once;
 * the result is a fresh copy with null-prototype objects, so a key such as "__proto__" or
 * "constructor" is an ordinary own key and never reaches Object.prototype.
 *
 * `JSON.stringify` of the result is the request body: nothing reads the caller's object again.
 */
export function toJsonValue(value: unknown, path: string, issues: ValidationIssue[]): JsonValue | undefined {
  if (value === undefined) return undefined; // the validator says what a missing input means
  return new Walker(issues).value(value, path, 0);
}

class Walker {
  /** Objects on the path from the root to the current value (cycle detection). */
  private readonly ancestors: object[] = [];
  private readonly paths: string[] = [];

  constructor(private readonly issues: ValidationIssue[]) {}

  private refuse(path: string, message: string): undefined {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, rule: "json", message });
    return undefined;
  }

  private get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  value(v: unknown, path: string, depth: number): JsonValue | undefined {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v)) return this.refuse(path, `is ${String(v)}, which JSON cannot carry (it would send null)`);
        return v === 0 ? 0 : v; // -0 is sent as 0
      case "bigint":
        return this.refuse(path, "is a BigInt, which JSON cannot carry; pass a number or a string");
      case "function":
        return this.refuse(path, "is a function, which JSON does not send");
      case "symbol":
        return this.refuse(path, "is a symbol, which JSON does not send");
      case "undefined":
        return this.refuse(path, "is undefined, which JSON sends as null inside an array");
      default:
        return v === null ? null : this.object(v as object, path, depth);
    }
  }

  private object(o: object, path: string, depth: number): JsonValue | undefined {
    const cycle = this.ancestors.indexOf(o);
    if (cycle !== -1) return this.refuse(path, `refers back to ${this.paths[cycle]} (a cycle), which JSON cannot carry`);
    if (depth >= MAX_DEPTH) return this.refuse(path, `is nested more than ${MAX_DEPTH} levels deep`);
    try {
      const toJSON = (o as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        const what = Object.prototype.toString.call(o) === "[object Date]" ? "is a Date; JSON would send its toJSON() text: pass date.toISOString() if a string is meant" : "has a toJSON() method, so JSON would send what it returns instead of these properties; pass a plain object";
        return this.refuse(path, what);
      }
      this.ancestors.push(o);
      this.paths.push(path);
      try {
        return Array.isArray(o) ? this.array(o, path, depth) : this.record(o, path, depth);
      } finally {
        this.ancestors.pop();
        this.paths.pop();
      }
    } catch (e) {
      // A proxy trap or a revoked proxy threw: JSON.stringify would have thrown too.
      return this.refuse(path, `cannot be read: ${reason(e)}`);
    }
  }

  private array(a: readonly unknown[], path: string, depth: number): JsonValue[] | undefined {
    const length = a.length;
    const out: JsonValue[] = new Array<JsonValue>(length);
    let ok = true;
    for (let i = 0; i < length && !this.full; i++) {
      const at = `${path}[${i}]`;
      // A hole is read through Array.prototype by JSON (null, or a polluted prototype's value).
      if (!Object.hasOwn(a, i)) {
        ok = false;
        this.refuse(at, "is a hole in a sparse array, which JSON sends as null");
        continue;
      }
      const raw = read(a, i);
      const item = isUnreadable(raw) ? this.refuse(at, raw.why) : this.value(raw, at, depth + 1);
      if (item === undefined) ok = false;
      else out[i] = item;
    }
    const keys = Object.keys(a);
    if (keys.length > length) {
      for (const key of keys) {
        if (!isIndex(key, length)) {
          ok = false;
          this.refuse(`${path}.${key}`, "is a named property of an array; JSON sends only the items");
        }
      }
    }
    return ok ? out : undefined;
  }

  private record(o: object, path: string, depth: number): JsonObject | undefined {
    const proto = Object.getPrototypeOf(o) as object | null;
    const plain = proto === null || proto === Object.prototype;
    if (!plain) {
      const tag = Object.prototype.toString.call(o);
      if (tag !== "[object Object]") {
        const name = tag.slice(8, -1);
        return this.refuse(path, `is ${/^[AEIO]/.test(name) ? "an" : "a"} ${name} object, which JSON cannot carry faithfully; pass a plain object, array or primitive`);
      }
    }
    const keys = Object.keys(o);
    const out: JsonObject = Object.create(null) as JsonObject;
    let ok = true;
    for (const key of keys) {
      if (this.full) return undefined;
      const at = `${path}.${key}`;
      const item = read(o, key);
      if (item === undefined) continue; // left out, as JSON does: the field is absent
      const json = isUnreadable(item) ? this.refuse(at, item.why) : this.value(item, at, depth + 1);
      if (json === undefined) ok = false;
      else out[key] = json;
    }
    // Properties a reader of the object sees but JSON would not send.
    const names = Object.getOwnPropertyNames(o);
    if (names.length !== keys.length) {
      const sent = new Set(keys);
      for (const name of names) {
        if (sent.has(name)) continue;
        ok = false;
        this.refuse(
          `${path}.${name}`,
          Object.getOwnPropertyDescriptor(o, name)?.enumerable
            ? "appeared while the object was being read (a getter with side effects), so JSON would send another object"
            : "is not enumerable, so JSON would not send it; define it as an ordinary property",
        );
      }
    }
    if (!plain && !this.inherited(o, proto, path)) ok = false;
    return ok ? out : undefined;
  }

  /** False when a class prototype (or Object.create parent) gives `o` values JSON would not send. */
  private inherited(o: object, proto: object | null, path: string): boolean {
    let ok = true;
    for (let p = proto; p !== null && p !== Object.prototype && !this.full; p = Object.getPrototypeOf(p) as object | null) {
      for (const name of Object.getOwnPropertyNames(p)) {
        if (name === "constructor" || name === "__proto__" || Object.hasOwn(o, name)) continue;
        const d = Object.getOwnPropertyDescriptor(p, name)!;
        if (d.get !== undefined || d.set !== undefined) {
          ok = false;
          this.refuse(`${path}.${name}`, "is a getter on the object's prototype, which JSON does not send; pass a plain object");
        } else if (typeof d.value !== "function") {
          ok = false;
          this.refuse(`${path}.${name}`, "is inherited from the object's prototype, which JSON does not send; pass a plain object");
        }
      }
    }
    return ok;
  }
}

/** A property read that threw (a getter or a proxy trap): JSON.stringify would have thrown too. */
interface Unreadable {
  readonly why: string;
}
// Recognised by identity: `instanceof` would run a proxy's getPrototypeOf trap on caller values.
const unreadable = new WeakSet<object>();
const isUnreadable = (v: unknown): v is Unreadable => typeof v === "object" && v !== null && unreadable.has(v);

function read(o: object, key: string | number): unknown {
  try {
    return (o as Record<string | number, unknown>)[key];
  } catch (e) {
    const marker: Unreadable = { why: `cannot be read: ${reason(e)}` };
    unreadable.add(marker);
    return marker;
  }
}

/** What a thrown value says, without trusting it (its message or toString may throw in turn). */
function reason(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return "an unreadable error";
  }
}

function isIndex(key: string, length: number): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < length && String(n) === key;
}
