import { expectKind } from "./context.js";
import { InvalidResponseError } from "./errors.js";

/**
 * What a field of a success body must be. `id`: a non-empty string; `microCents`: a non-negative
 * safe integer. A trailing `!` makes the field required; without it the field may be absent but,
 * when present, must have one of the kinds ("string|null").
 */
type Rule = string;
/** Field rules of one response object, keyed by the generated schema's own field names (a renamed field fails to compile). */
export type Shape<T> = { readonly [K in keyof T]?: Rule };

interface Compiled {
  readonly fields: readonly { readonly name: string; readonly kinds: readonly string[]; readonly required: boolean }[];
}

const compiled = new WeakMap<object, Compiled>();

function compile(shape: object): Compiled {
  let c = compiled.get(shape);
  if (c === undefined) {
    c = {
      fields: Object.entries(shape as Record<string, Rule>).map(([name, rule]) => ({
        name,
        required: rule.endsWith("!"),
        kinds: rule.replace(/!$/, "").split("|"),
      })),
    };
    compiled.set(shape, c);
  }
  return c;
}

function isKind(v: unknown, kind: string): boolean {
  switch (kind) {
    case "id":
      return typeof v === "string" && v.length > 0;
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "microCents":
      return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
    case "boolean":
      return typeof v === "boolean";
    case "null":
      return v === null;
    case "array":
      return Array.isArray(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v);
    default:
      return false;
  }
}

function isSomeKind(v: unknown, kinds: readonly string[]): boolean {
  for (const k of kinds) if (isKind(v, k)) return true;
  return false;
}

const LABELS: Readonly<Record<string, string>> = {
  id: "a non-empty string",
  string: "a string",
  number: "a number",
  microCents: "a non-negative integer number of micro-cents",
  boolean: "a boolean",
  null: "null",
  array: "an array",
  object: "an object",
};

/** What a field holds, never its text: a server that echoes a secret into a field must not put it in a message. */
function show(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return v === "" ? "an empty string" : "a string";
  return typeof v === "object" ? "an object" : `${String(v)} (a ${typeof v})`;
}

/** Appends what is wrong with `obj` against `shape`, each problem prefixed with `at` ("jobs[2]."). */
function problemsOf(obj: Record<string, unknown>, shape: object, at: string, out: string[]): void {
  for (const f of compile(shape).fields) {
    const v = Object.hasOwn(obj, f.name) ? obj[f.name] : undefined;
    if (v === undefined) {
      if (f.required) out.push(`has no ${at}${f.name}`);
    } else if (!isSomeKind(v, f.kinds)) {
      out.push(`has ${at}${f.name} ${show(v)}, expected ${f.kinds.map((k) => LABELS[k] ?? k).join(" or ")}`);
    }
  }
}

function fail(op: string, status: number, requestId: string | undefined, problems: string[]): never {
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
  throw new InvalidResponseError(`${op}: the ${status} response ${problems.slice(0, 3).join("; ")}${more}; not accepted`, {
    code: "INVALID_RESPONSE",
    status,
    requestId,
  });
}

/**
 * A success body as the typed object an operation returns, or InvalidResponseError naming every
 * missing or mistyped field (issue 12 §6: a 2xx without jobId or status was accepted). `items`
 * checks each element of one array field the same way.
 */
export function expectShape<T extends object>(
  op: string,
  data: unknown,
  shape: NoInfer<Shape<T>>,
  requestId: string | undefined,
  status: number,
  items?: { readonly field: keyof T & string; readonly shape: object },
): T {
  const obj = expectKind<Record<string, unknown>>(op, "object", data, requestId, status);
  const problems: string[] = [];
  problemsOf(obj, shape, "", problems);
  if (items !== undefined && problems.length === 0) itemProblems(obj[items.field] as unknown[], items.shape, items.field, problems);
  if (problems.length > 0) fail(op, status, requestId, problems);
  return obj as T;
}

/** A success body that is a JSON array of objects, each checked against `shape`. */
export function expectItems<T extends object>(op: string, data: unknown, shape: NoInfer<Shape<T>>, requestId: string | undefined, status: number): T[] {
  const list = expectKind<unknown[]>(op, "array", data, requestId, status);
  const problems: string[] = [];
  itemProblems(list, shape, "", problems);
  if (problems.length > 0) fail(op, status, requestId, problems);
  return list as T[];
}

function itemProblems(list: readonly unknown[], shape: object, field: string, out: string[]): void {
  for (let i = 0; i < list.length && out.length <= 3; i++) {
    const item = list[i];
    const at = `${field}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) out.push(`has ${at} ${show(item)}, expected an object`);
    else problemsOf(item as Record<string, unknown>, shape, `${at}.`, out);
  }
}
