import { canonical, show } from "./canonical.js";
import { fieldPath, type Reporter } from "./change.js";
import { child, isMap, type Located, type YamlMap } from "./documents.js";
import { divide, fromNumber, isInteger } from "../rational.js";
import type { RuleId } from "./rules.js";

/**
 * Requests (model inputs, request bodies, parameters) are what a consumer sends: the spec accepting
 * less breaks them. Responses and webhook payloads are what a consumer receives: the spec promising
 * less (more kinds of value) breaks them.
 */
export type Direction = "request" | "response";

// Keywords that only describe: a change to one is documentation (patch). Any `x-` extension too.
const DOCS = new Set(["title", "description", "summary", "examples", "example", "externalDocs", "$comment"]);
// Upper and lower bounds: a lower maximum or a higher minimum accepts less.
const UPPER = ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"] as const;
const LOWER = ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"] as const;
// Constraints on the form of a string: any new or changed one may reject what was accepted.
const FORMS = ["pattern", "format", "contentMediaType", "contentEncoding"] as const;
// Everything this module understands; any other keyword that changes is `unclassified`.
const HANDLED = new Set<string>([
  ...DOCS, ...UPPER, ...LOWER, ...FORMS,
  "$ref", "type", "nullable", "enum", "const", "default", "deprecated", "uniqueItems", "multipleOf",
  "properties", "required", "additionalProperties", "items", "oneOf", "anyOf", "allOf",
]);

const pick = (direction: Direction, request: RuleId, response: RuleId): RuleId => (direction === "request" ? request : response);

/** A key as it reads in a field path: bare when it is a plain name, else quoted. */
export function keyText(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * Compares two JSON Schemas (OpenAPI 3.1 Schema Objects) as the consumer of `direction` feels them,
 * reporting each difference at its field path. Refs are followed in each revision (a `$ref`'d schema
 * that changed is reported where it is used); a recursive schema is walked once per path.
 */
export function compareSchemas(r: Reporter, a: Located, b: Located, direction: Direction, path: string, stack: Set<string> = new Set()): void {
  const ra = r.from.resolve(a);
  const rb = r.to.resolve(b);
  const key = `${ra.file}#${ra.path.join("/")}|${rb.file}#${rb.path.join("/")}`;
  if (stack.has(key)) return;
  stack.add(key);
  try {
    compareResolved(r, { ...ra, value: asSchema(ra.value) }, { ...rb, value: asSchema(rb.value) }, direction, path, stack);
  } finally {
    stack.delete(key);
  }
}

/** `true` accepts anything ({}), `false` nothing ({not: {}}); anything else stays as written. */
function asSchema(value: unknown): unknown {
  if (value === true || value === undefined) return new Map();
  if (value === false) return new Map([["not", new Map()]]);
  return value;
}

function compareResolved(r: Reporter, a: Located, b: Located, direction: Direction, path: string, stack: Set<string>): void {
  if (!isMap(a.value) || !isMap(b.value)) {
    if (canonical(a.value) !== canonical(b.value)) r.add("unclassified", path, `schema ${show(a.value)} -> ${show(b.value)}`, a, b);
    return;
  }
  const sa = a.value;
  const sb = b.value;
  documentation(r, a, b, path);
  types(r, a, b, direction, path);
  enums(r, a, b, direction, path);
  limits(r, a, b, direction, path);
  forms(r, a, b, direction, path);
  defaults(r, a, b, direction, path);
  objects(r, a, b, direction, path, stack);
  if (sa.has("items") || sb.has("items")) {
    if (!sb.has("items")) r.add(pick(direction, "request-type-widened", "response-type-widened"), path, "items: no longer constrained", a, b);
    else if (!sa.has("items")) r.add(pick(direction, "request-type-narrowed", "response-type-narrowed"), path, "items: now constrained", a, b);
    else compareSchemas(r, child(a, "items"), child(b, "items"), direction, `${path}[]`, stack);
  }
  for (const keyword of ["oneOf", "anyOf"] as const) unions(r, a, b, keyword, direction, path, stack);
  allOf(r, a, b, direction, path, stack);
  for (const k of new Set([...sa.keys(), ...sb.keys()])) {
    if (HANDLED.has(k) || k.startsWith("x-")) continue;
    if (canonical(sa.get(k)) !== canonical(sb.get(k))) r.add("unclassified", path, `${k}: ${show(sa.get(k))} -> ${show(sb.get(k))} (a keyword this classifier does not know: counted as breaking)`, child(a, k), child(b, k));
  }
}

function documentation(r: Reporter, a: Located, b: Located, path: string): void {
  const sa = a.value as YamlMap;
  const sb = b.value as YamlMap;
  for (const k of new Set([...sa.keys(), ...sb.keys()])) {
    if (!DOCS.has(k) && !k.startsWith("x-")) continue;
    const [va, vb] = [sa.get(k), sb.get(k)];
    if (canonical(va) === canonical(vb)) continue;
    r.add("documentation", path, `${k} ${va === undefined ? "added" : vb === undefined ? "removed" : "changed"}`, child(a, k), child(b, k));
  }
  const [da, db] = [sa.get("deprecated") === true, sb.get("deprecated") === true];
  if (da !== db) r.add("deprecated", path, db ? "deprecated" : "no longer deprecated", child(a, "deprecated"), child(b, "deprecated"));
}

/**
 * The JSON types a schema allows; undefined for any. `integer` is a subset of `number`. Without a
 * `type`, an enum or const allows the types of its values (so adding `type: string` to a string
 * enum changes nothing).
 */
function typeSet(s: YamlMap): Set<string> | undefined {
  const t = s.get("type");
  const values = enumValues(s);
  if (t === undefined) return values === undefined ? undefined : new Set(values.map(jsonType));
  const set = new Set((Array.isArray(t) ? t : [t]).map(String));
  if (s.get("nullable") === true) set.add("null");
  return set;
}

function covers(set: Set<string> | undefined, type: string): boolean {
  return set === undefined || set.has(type) || (type === "integer" && set.has("number"));
}

function types(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const ta = typeSet(a.value as YamlMap);
  const tb = typeSet(b.value as YamlMap);
  const text = (t: Set<string> | undefined) => (t === undefined ? "any" : [...t].sort().join(" | "));
  if (text(ta) === text(tb)) return;
  // Narrower: a type a allowed is no longer allowed. Wider: a type b allows was not allowed before.
  const narrower = ta === undefined ? tb !== undefined : [...ta].some((t) => !covers(tb, t));
  const wider = tb === undefined ? ta !== undefined : [...tb].some((t) => !covers(ta, t));
  const message = `type ${text(ta)} -> ${text(tb)}`;
  if (narrower && wider) r.add(pick(direction, "request-type-changed", "response-type-changed"), path, message, child(a, "type"), child(b, "type"));
  else if (narrower) r.add(pick(direction, "request-type-narrowed", "response-type-narrowed"), path, message, child(a, "type"), child(b, "type"));
  else if (wider) r.add(pick(direction, "request-type-widened", "response-type-widened"), path, message, child(a, "type"), child(b, "type"));
}

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (isMap(v)) return "object";
  if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) return "integer";
  return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
}

/** The values an `enum` or `const` allows, or undefined when neither is written. */
function enumValues(s: YamlMap): unknown[] | undefined {
  if (s.has("const")) return [s.get("const")];
  const e = s.get("enum");
  return Array.isArray(e) ? e : undefined;
}

function enums(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const ea = enumValues(a.value as YamlMap);
  const eb = enumValues(b.value as YamlMap);
  const where = (l: Located) => child(l, (l.value as YamlMap).has("const") ? "const" : "enum");
  if (ea === undefined && eb === undefined) return;
  if (ea === undefined) return r.add(pick(direction, "request-type-narrowed", "response-type-narrowed"), path, `now limited to ${show(eb)}`, a, where(b));
  if (eb === undefined) return r.add(pick(direction, "request-type-widened", "response-type-widened"), path, `no longer limited to ${show(ea)}`, where(a), b);
  const ka = new Set(ea.map(canonical));
  const kb = new Set(eb.map(canonical));
  for (const v of ea) if (!kb.has(canonical(v))) r.add(pick(direction, "request-enum-value-removed", "response-enum-value-removed"), path, `enum value ${show(v)} removed`, where(a), where(b));
  for (const v of eb) if (!ka.has(canonical(v))) r.add(pick(direction, "request-enum-value-added", "response-enum-value-added"), path, `enum value ${show(v)} added`, where(a), where(b));
}

function limits(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const sa = a.value as YamlMap;
  const sb = b.value as YamlMap;
  const narrowed = pick(direction, "request-limit-narrowed", "response-limit-narrowed");
  const widened = pick(direction, "request-limit-widened", "response-limit-widened");
  for (const [keywords, upper] of [[UPPER, true], [LOWER, false]] as const) {
    // maximum and exclusiveMaximum (minimum and exclusiveMinimum) bound one value together: judged as one bound.
    const pair = upper ? (["maximum", "exclusiveMaximum"] as const) : (["minimum", "exclusiveMinimum"] as const);
    const pairValues = [...pair].flatMap((k) => [sa.get(k), sb.get(k)]);
    const asPair = pairValues.every((v) => v === undefined || isBound(v));
    if (asPair) valueBound(r, a, b, upper, path, narrowed, widened);
    for (const k of keywords) {
      if (asPair && (pair as readonly string[]).includes(k)) continue;
      const [va, vb] = [sa.get(k), sb.get(k)];
      if (canonical(va) === canonical(vb)) continue;
      const at = [child(a, k), child(b, k)] as const;
      const message = `${k} ${va === undefined ? "set to" : show(va)}${va === undefined ? "" : " ->"} ${vb === undefined ? "removed" : show(vb)}`;
      if (!isBound(va) || !isBound(vb)) {
        if (va === undefined && isBound(vb)) r.add(narrowed, path, message, ...at);
        else if (vb === undefined && isBound(va)) r.add(widened, path, message, ...at);
        else r.add("unclassified", path, `${message} (not a number: counted as breaking)`, ...at);
        continue;
      }
      const lower = upper ? vb < va : vb > va;
      r.add(lower ? narrowed : widened, path, message, ...at);
    }
  }
  const [ua, ub] = [sa.get("uniqueItems") === true, sb.get("uniqueItems") === true];
  if (ua !== ub) r.add(ub ? narrowed : widened, path, ub ? "items must now be unique" : "items no longer need to be unique", child(a, "uniqueItems"), child(b, "uniqueItems"));
  const [ma, mb] = [sa.get("multipleOf"), sb.get("multipleOf")];
  if (canonical(ma) !== canonical(mb)) {
    // A new multiple of the old one accepts a subset; anything else may reject an old value. Exact
    // decimals: in binary floating point 0.1 % 0.01 is not 0.
    const wider = mb === undefined || (isBound(ma) && isBound(mb) && Number(mb) !== 0 && isInteger(divide(fromNumber(ma), fromNumber(mb))));
    r.add(wider ? widened : narrowed, path, `multipleOf ${show(ma)} -> ${show(mb)}`, child(a, "multipleOf"), child(b, "multipleOf"));
  }
}

/** The effective bound a schema puts on a number: the tighter of the inclusive and exclusive keyword. */
interface Bound {
  readonly keyword: string;
  readonly written: number | bigint;
  /** Compared value: for an integer-only schema, exclusive bounds become the inclusive integer. */
  readonly value: number;
  readonly exclusive: boolean;
}

function boundOf(s: YamlMap, upper: boolean): Bound | undefined {
  const integerOnly = [...(typeSet(s) ?? ["any"])].every((t) => t === "integer");
  const candidates: Bound[] = [];
  for (const [keyword, exclusive] of upper ? ([["maximum", false], ["exclusiveMaximum", true]] as const) : ([["minimum", false], ["exclusiveMinimum", true]] as const)) {
    const written = s.get(keyword);
    if (!isBound(written)) continue;
    const n = Number(written);
    if (!integerOnly) candidates.push({ keyword, written, value: n, exclusive });
    // Integers: maximum 9.5 and exclusiveMaximum 10 both mean "at most 9".
    else candidates.push({ keyword, written, value: upper ? (exclusive ? Math.ceil(n) - 1 : Math.floor(n)) : exclusive ? Math.floor(n) + 1 : Math.ceil(n), exclusive: false });
  }
  // Tighter first: the smaller maximum (the larger minimum); at equal values the exclusive one.
  candidates.sort((x, y) => (x.value === y.value ? Number(y.exclusive) - Number(x.exclusive) : upper ? x.value - y.value : y.value - x.value));
  return candidates[0];
}

function valueBound(r: Reporter, a: Located, b: Located, upper: boolean, path: string, narrowed: RuleId, widened: RuleId): void {
  const [ba, bb] = [boundOf(a.value as YamlMap, upper), boundOf(b.value as YamlMap, upper)];
  if (ba === undefined && bb === undefined) return;
  // Does bound x accept less than bound y? (undefined: no bound, accepts everything)
  const tighter = (x: Bound | undefined, y: Bound | undefined): boolean => {
    if (x === undefined) return false;
    if (y === undefined) return true;
    if (x.value !== y.value) return upper ? x.value < y.value : x.value > y.value;
    return x.exclusive && !y.exclusive;
  };
  const text = (x: Bound) => `${x.keyword} ${show(x.written)}`;
  const at = [child(a, ba?.keyword ?? bb!.keyword), child(b, bb?.keyword ?? ba!.keyword)] as const;
  const message =
    ba === undefined ? `${bb!.keyword} set to ${show(bb!.written)}` : bb === undefined ? `${text(ba)} -> removed` : ba.keyword === bb.keyword ? `${text(ba)} -> ${show(bb.written)}` : `${text(ba)} -> ${text(bb)}`;
  if (tighter(bb, ba)) r.add(narrowed, path, message, ...at);
  else if (tighter(ba, bb)) r.add(widened, path, message, ...at);
  // Else the same set of values written another way (integer maximum 9 as exclusiveMaximum 10): no change.
}

function isBound(v: unknown): v is number | bigint {
  return (typeof v === "number" && Number.isFinite(v)) || typeof v === "bigint";
}

function forms(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const sa = a.value as YamlMap;
  const sb = b.value as YamlMap;
  for (const k of FORMS) {
    const [va, vb] = [sa.get(k), sb.get(k)];
    if (canonical(va) === canonical(vb)) continue;
    const message = `${k} ${va === undefined ? `${show(vb)} added` : vb === undefined ? `${show(va)} removed` : `${show(va)} -> ${show(vb)}`}`;
    // A changed pattern cannot be proven wider: it counts as narrower.
    const rule = direction === "response" ? "response-pattern-changed" : vb === undefined ? "request-pattern-widened" : "request-pattern-narrowed";
    r.add(rule, path, message, child(a, k), child(b, k));
  }
}

function defaults(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const [va, vb] = [(a.value as YamlMap).get("default"), (b.value as YamlMap).get("default")];
  if (canonical(va) === canonical(vb)) return;
  const at = [child(a, "default"), child(b, "default")] as const;
  if (direction === "response") return r.add("default-documented", path, `default ${show(va)} -> ${show(vb)}`, ...at);
  if (va === undefined) return r.add("request-default-added", path, `default ${show(vb)} added`, ...at);
  if (vb === undefined) return r.add("request-default-removed", path, `default ${show(va)} removed: what omitting the field does (and costs) is no longer specified`, ...at);
  r.add("request-default-changed", path, `default ${show(va)} -> ${show(vb)}: a call that omits the field now gets (and may pay for) ${show(vb)}`, ...at);
}

function names(s: YamlMap, key: "properties"): string[] {
  const p = s.get(key);
  return isMap(p) ? [...p.keys()] : [];
}

function requiredSet(s: YamlMap): Set<string> {
  const req = s.get("required");
  return new Set(Array.isArray(req) ? req.map(String) : []);
}

/** additionalProperties as a state: open (absent or true), closed (false) or a schema for the extra values. */
function extraState(v: unknown): "open" | "closed" | "schema" {
  return v === undefined || v === true ? "open" : v === false ? "closed" : "schema";
}

function objects(r: Reporter, a: Located, b: Located, direction: Direction, path: string, stack: Set<string>): void {
  const sa = a.value as YamlMap;
  const sb = b.value as YamlMap;
  const pa = child(a, "properties");
  const pb = child(b, "properties");
  const na = names(sa, "properties");
  const nb = names(sb, "properties");
  const [ra, rb] = [requiredSet(sa), requiredSet(sb)];
  const setA = new Set(na);
  const setB = new Set(nb);
  const removed = na.filter((n) => !setB.has(n));
  const added = nb.filter((n) => !setA.has(n));
  // A rename is a removal plus an addition; both are reported, each naming the likely other half.
  const shape = (files: Reporter["from"], l: Located) => canonical(withoutDocs(files.resolve(l).value));
  const renamedTo = (n: string) => added.find((m) => shape(r.to, child(pb, m)) === shape(r.from, child(pa, n)));
  const renamedFrom = (m: string) => removed.find((n) => shape(r.from, child(pa, n)) === shape(r.to, child(pb, m)));

  for (const n of removed) {
    const to = renamedTo(n);
    const hint = to === undefined ? "" : ` (renamed to ${keyText(to)}? a rename is a removal plus an addition)`;
    r.add(pick(direction, "request-field-removed", "response-field-removed"), fieldPath(path, keyText(n)), `${ra.has(n) ? "required" : "optional"} field removed${hint}`, child(pa, n), undefined);
  }
  for (const m of added) {
    const from = renamedFrom(m);
    const hint = from === undefined ? "" : ` (renamed from ${keyText(from)}?)`;
    const rule = direction === "response" ? "response-field-added" : rb.has(m) ? "request-field-added-required" : "request-field-added-optional";
    r.add(rule, fieldPath(path, keyText(m)), `${rb.has(m) ? "required" : "optional"} field added${hint}`, undefined, child(pb, m));
  }
  // Required-ness of every field both have (a name may be required without a property of its own).
  for (const n of new Set([...na.filter((x) => setB.has(x)), ...[...ra, ...rb].filter((x) => !setA.has(x) && !setB.has(x))])) {
    const p = fieldPath(path, keyText(n));
    if (ra.has(n) && !rb.has(n)) r.add(pick(direction, "request-field-became-optional", "response-field-became-optional"), p, "became optional", child(a, "required"), child(b, "required"));
    if (!ra.has(n) && rb.has(n)) r.add(pick(direction, "request-field-became-required", "response-field-became-required"), p, "became required", child(a, "required"), child(b, "required"));
    if (setA.has(n)) compareSchemas(r, child(pa, n), child(pb, n), direction, p, stack);
  }

  const [xa, xb] = [sa.get("additionalProperties"), sb.get("additionalProperties")];
  const [ea, eb] = [extraState(xa), extraState(xb)];
  const at = [child(a, "additionalProperties"), child(b, "additionalProperties")] as const;
  if (ea === "schema" && eb === "schema") compareSchemas(r, ...at, direction, fieldPath(path, "*"), stack);
  else if (ea !== eb) {
    const tighter = ea === "open" || eb === "closed";
    const rule = tighter ? pick(direction, "request-closed", "response-closed") : pick(direction, "request-opened", "response-opened");
    r.add(rule, path, `additionalProperties ${show(xa ?? true)} -> ${show(xb ?? true)}: ${tighter ? "fields not listed are now rejected" : "fields not listed are now accepted"}`, ...at);
  }
}

/** A schema without its descriptive keywords: what two fields are compared by to suspect a rename. */
function withoutDocs(value: unknown): unknown {
  if (!isMap(value)) return value;
  return new Map([...value].filter(([k]) => !DOCS.has(k) && !k.startsWith("x-")));
}

/**
 * oneOf / anyOf: members are paired by their `$ref`, then by equal content, then in order when as many
 * remain on each side; a member left over was added (wider) or removed (narrower).
 */
function unions(r: Reporter, a: Located, b: Located, keyword: "oneOf" | "anyOf", direction: Direction, path: string, stack: Set<string>): void {
  const la = child(a, keyword);
  const lb = child(b, keyword);
  const xa = Array.isArray(la.value) ? la.value : undefined;
  const xb = Array.isArray(lb.value) ? lb.value : undefined;
  if (xa === undefined && xb === undefined) return;
  const narrowed = pick(direction, "request-type-narrowed", "response-type-narrowed");
  const widened = pick(direction, "request-type-widened", "response-type-widened");
  if (xa === undefined) return r.add(narrowed, path, `now one of ${xb!.length} schemas (${keyword})`, a, lb);
  if (xb === undefined) return r.add(widened, path, `no longer restricted by ${keyword}`, la, b);

  const left = xa.map((_, i) => i);
  const right = xb.map((_, i) => i);
  const pairs: [number, number][] = [];
  const refOf = (v: unknown) => (isMap(v) && typeof v.get("$ref") === "string" ? `ref:${v.get("$ref") as string}` : undefined);
  for (const keyOf of [refOf, (v: unknown) => `value:${canonical(v)}`]) {
    for (const i of [...left]) {
      const k = keyOf(xa[i]);
      if (k === undefined) continue;
      const j = right.find((j) => keyOf(xb[j]) === k);
      if (j === undefined) continue;
      pairs.push([i, j]);
      left.splice(left.indexOf(i), 1);
      right.splice(right.indexOf(j), 1);
    }
  }
  if (left.length === right.length) left.forEach((i, n) => pairs.push([i, right[n]!]));
  else {
    for (const i of left) r.add(narrowed, path, `${keyword} member ${i + 1} ${show(xa[i])} removed`, child(la, i), lb);
    for (const j of right) r.add(widened, path, `${keyword} member ${show(xb[j])} added`, la, child(lb, j));
  }
  for (const [i, j] of pairs) compareSchemas(r, child(la, i), child(lb, j), direction, `${path}(${keyword} ${j + 1})`, stack);
}

/** allOf: members compared in order; a different number of members is beyond this classifier. */
function allOf(r: Reporter, a: Located, b: Located, direction: Direction, path: string, stack: Set<string>): void {
  const la = child(a, "allOf");
  const lb = child(b, "allOf");
  const xa = Array.isArray(la.value) ? la.value : [];
  const xb = Array.isArray(lb.value) ? lb.value : [];
  if (xa.length !== xb.length) return r.add("unclassified", path, `allOf now has ${xb.length} members (had ${xa.length}): counted as breaking`, la, lb);
  xa.forEach((_, i) => compareSchemas(r, child(la, i), child(lb, i), direction, path, stack));
}
