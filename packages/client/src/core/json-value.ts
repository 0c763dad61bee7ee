import type { ValidationIssue } from "./errors.js";

/** A value JSON carries exactly: what is validated, priced and sent is one of these. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** `input.duration`, `input["odd key"]`: the path of a property, also for keys that are not names. */
export function fieldPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Deeper than any model input; stops a hostile or accidental deep value before the stack does. */
const MAX_DEPTH = 64;
/** Same cap as the validator: enough to fix an input, bounded on hostile ones. */
const MAX_ISSUES = 20;
/** Values in one input. Model inputs hold tens; a proxy or getter that invents values forever stops here. */
const MAX_VALUES = 10_000;
/** A property whose value is undefined: JSON leaves it out, so the copy does too. */
const ABSENT = Symbol("absent");

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
 * getters or values inherited from a class prototype), fields or items a getter adds while the
 * input is read, reads that throw (getters, proxies), nesting deeper than 64, and more than 10,000
 * values.
 *
 * Kept as JSON keeps them: an object property whose value is `undefined` is left out (it means
 * "absent", as for the validator), -0 becomes 0, symbol keys are ignored. Every getter runs once
 * and the result is a fresh copy: null-prototype objects (a "__proto__" key is an own key, and
 * nothing is inherited) and plain arrays. jsonText turns it into the bytes sent, so what is sent is
 * exactly what was checked and priced.
 */
export function toJsonValue(value: unknown, path: string, issues: ValidationIssue[]): JsonValue | undefined {
  if (value === undefined) return undefined; // the validator says what a missing input means
  return new Walker(path, issues).value(value, 0);
}

/**
 * The request body's bytes, made once from values toJsonValue returned, right before sending: the
 * transport sends this text as is. Undefined fields are left out, as JSON does. Returns the
 * problem instead when something (a getter that ran meanwhile, say) has given Object.prototype or
 * Array.prototype a toJSON, which JSON.stringify would call on every checked object.
 */
export function jsonText(body: Readonly<Record<string, JsonValue | undefined>>): string | ValidationIssue {
  const polluted = typeof (Object.prototype as { toJSON?: unknown }).toJSON === "function" ? "Object" : typeof (Array.prototype as { toJSON?: unknown }).toJSON === "function" ? "Array" : undefined;
  if (polluted !== undefined) {
    return { path: "input", rule: "json", message: `cannot be sent as checked: something added a toJSON() to ${polluted}.prototype, which JSON.stringify would call` };
  }
  return JSON.stringify(body);
}

class Walker {
  /** The keys from the root to the current value; a path string is built only for a problem. */
  private readonly keys: (string | number)[] = [];
  /** Objects from the root to the current value (cycle detection); ancestors[d] sits at depth d. */
  private readonly ancestors: object[] = [];
  private values = 0;
  /** Set once the value budget is spent: nothing more is read. */
  private stopped = false;

  constructor(
    private readonly root: string,
    private readonly issues: ValidationIssue[],
  ) {}

  private pathTo(depth: number): string {
    let path = this.root;
    for (let i = 0; i < depth; i++) {
      const key = this.keys[i]!;
      path = typeof key === "number" ? `${path}[${key}]` : fieldPath(path, key);
    }
    return path;
  }

  /** Records a problem at the current path (plus `key`, when the problem is a child's). */
  private refuse(message: string, key?: string | number): undefined {
    if (this.issues.length < MAX_ISSUES) {
      let path = this.pathTo(this.keys.length);
      if (key !== undefined) path = typeof key === "number" ? `${path}[${key}]` : fieldPath(path, key);
      this.issues.push({ path, rule: "json", message });
    }
    return undefined;
  }

  private get full(): boolean {
    return this.stopped || this.issues.length >= MAX_ISSUES;
  }

  value(v: unknown, depth: number): JsonValue | undefined {
    if (++this.values > MAX_VALUES) {
      if (!this.stopped) this.refuse(`is past the ${MAX_VALUES}th value of this input, more than any model takes`);
      this.stopped = true;
      return undefined;
    }
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v)) return this.refuse(`is ${String(v)}, which JSON cannot carry (it would send null)`);
        return v === 0 ? 0 : v; // -0 is sent as 0
      case "bigint":
        return this.refuse("is a BigInt, which JSON cannot carry; pass a number or a string");
      case "function":
        return this.refuse("is a function, which JSON does not send");
      case "symbol":
        return this.refuse("is a symbol, which JSON does not send");
      case "undefined":
        return this.refuse("is undefined, which JSON sends as null inside an array");
      default:
        return v === null ? null : this.object(v as object, depth);
    }
  }

  /**
   * The value of `key` in the container at `depth`: read once (a getter or proxy trap that throws
   * is a problem, as it would be for JSON.stringify), walked one level down. undefined: refused.
   */
  private child(o: object, key: string | number, depth: number): JsonValue | typeof ABSENT | undefined {
    let raw: unknown;
    try {
      raw = (o as Record<string | number, unknown>)[key];
    } catch (e) {
      return this.refuse(`cannot be read: ${reason(e)}`, key);
    }
    if (raw === undefined && typeof key === "string") return ABSENT; // JSON leaves the property out
    this.keys.push(key);
    try {
      return this.value(raw, depth + 1);
    } finally {
      this.keys.pop();
    }
  }

  private object(o: object, depth: number): JsonValue | undefined {
    const cycle = this.ancestors.indexOf(o);
    if (cycle !== -1) return this.refuse(`refers back to ${this.pathTo(cycle)} (a cycle), which JSON cannot carry`);
    if (depth >= MAX_DEPTH) return this.refuse(`is nested more than ${MAX_DEPTH} levels deep`);
    try {
      const toJSON = (o as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        return this.refuse(
          Object.prototype.toString.call(o) === "[object Date]"
            ? "is a Date; JSON would send its toJSON() text: pass date.toISOString() if a string is meant"
            : "has a toJSON() method, so JSON would send what it returns instead of these properties; pass a plain object",
        );
      }
      this.ancestors.push(o);
      try {
        return Array.isArray(o) ? this.array(o, depth) : this.record(o, depth);
      } finally {
        this.ancestors.pop();
      }
    } catch (e) {
      // A proxy trap or a revoked proxy threw: JSON.stringify would have thrown too.
      return this.refuse(`cannot be read: ${reason(e)}`);
    }
  }

  private array(a: readonly unknown[], depth: number): JsonValue[] | undefined {
    const length = a.length;
    const out: JsonValue[] = [];
    let ok = true;
    for (let i = 0; i < length && !this.full; i++) {
      // A hole is read through Array.prototype by JSON (null, or a polluted prototype's value).
      if (!Object.hasOwn(a, i)) {
        ok = false;
        this.refuse("is a hole in a sparse array, which JSON sends as null", i);
        continue;
      }
      const item = this.child(a, i, depth) as JsonValue | undefined; // an index is never ABSENT
      if (item === undefined) ok = false;
      else out.push(item);
    }
    if (this.full) return undefined;
    const keys = Object.keys(a);
    if (keys.length > length) {
      for (const key of keys) {
        if (!isIndex(key)) {
          ok = false;
          this.refuse("is a named property of an array; JSON sends only the items", key);
        } else if (Number(key) >= length) {
          ok = false;
          this.refuse("was added while the array was being read (a getter with side effects), so JSON would send another array", Number(key));
        }
      }
    }
    return ok ? out : undefined;
  }

  private record(o: object, depth: number): JsonObject | undefined {
    const proto = Object.getPrototypeOf(o) as object | null;
    const plain = proto === Object.prototype || proto === null;
    if (!plain) {
      const tag = Object.prototype.toString.call(o);
      if (tag !== "[object Object]") {
        const name = tag.slice(8, -1);
        return this.refuse(`is ${/^[AEIO]/.test(name) ? "an" : "a"} ${name} object, which JSON cannot carry faithfully; pass a plain object, array or primitive`);
      }
    }
    const keys = Object.keys(o);
    // Null-prototype copies: a field the caller did not send reads as undefined for the validator
    // and the price too, even on names like "constructor" or with a polluted Object.prototype.
    const out = Object.create(null) as JsonObject;
    let ok = true;
    for (const key of keys) {
      if (this.full) return undefined;
      const item = this.child(o, key, depth);
      if (item === undefined) ok = false;
      else if (item !== ABSENT) out[key] = item; // "__proto__" too: without a prototype it is a plain key
    }
    if (this.full) return undefined;
    // Properties a reader of the object sees but JSON would not send.
    const names = Object.getOwnPropertyNames(o);
    if (names.length !== keys.length) {
      const sent = new Set(keys);
      for (const name of names) {
        if (sent.has(name)) continue;
        ok = false;
        this.refuse(
          Object.getOwnPropertyDescriptor(o, name)?.enumerable
            ? "appeared while the object was being read (a getter with side effects), so JSON would send another object"
            : "is not enumerable, so JSON would not send it; define it as an ordinary property",
          name,
        );
      }
    }
    if (!plain && !this.inherited(o, proto)) ok = false;
    return ok ? out : undefined;
  }
  /** False when a class prototype (or Object.create parent) gives `o` values JSON would not send. */
  private inherited(o: object, proto: object | null): boolean {
    let ok = true;
    for (let p = proto; p !== null && p !== Object.prototype && !this.full; p = Object.getPrototypeOf(p) as object | null) {
      for (const name of Object.getOwnPropertyNames(p)) {
        if (name === "constructor" || name === "__proto__" || Object.hasOwn(o, name)) continue;
        const d = Object.getOwnPropertyDescriptor(p, name)!;
        if (d.get !== undefined || d.set !== undefined) {
          ok = false;
          this.refuse("is a getter on the object's prototype, which JSON does not send; pass a plain object", name);
        } else if (typeof d.value !== "function") {
          ok = false;
          this.refuse("is inherited from the object's prototype, which JSON does not send; pass a plain object", name);
        }
      }
    }
    return ok;
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

/** An array index as a property key ("0", "12"; not "01" or "1.0"). */
function isIndex(key: string): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 2 ** 32 - 1 && String(n) === key;
}
