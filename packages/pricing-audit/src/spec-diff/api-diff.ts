import { canonical, show } from "./canonical.js";
import { CLIENT, Reporter, type SpecChange } from "./change.js";
import { child, isMap, type Located, type SpecFiles } from "./documents.js";
import { compareSchemas, keyText, type Direction } from "./schema-diff.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
// Keys of operations, parameters, bodies and responses that only describe.
const DOCS = new Set(["summary", "description", "tags", "externalDocs", "example", "examples"]);

/** Which way each part of an operation travels, seen from the consumer. */
interface Directions {
  /** Parameters and request body. */
  readonly sent: Direction;
  /** Responses. */
  readonly received: Direction;
}
// A webhook is an operation PixelByte calls: the consumer receives its body and sends its response.
const OPERATION: Directions = { sent: "request", received: "response" };
const WEBHOOK: Directions = { sent: "response", received: "request" };

/**
 * Compares two revisions of the HTTP API document (spec/openapi.yaml and the spec/api/** files its
 * refs reach): operations by method and path (path parameter names aside), webhooks by name, each
 * part in the direction the consumer feels it; every components.schemas name the client exports.
 */
export function compareApi(out: SpecChange[], from: SpecFiles, a: Located, to: SpecFiles, b: Located): void {
  const base = new Reporter(out, "document", to.tree.name(b.file), from, to, () => [CLIENT]);
  const oa = operationsOf(from, a);
  const ob = operationsOf(to, b);
  for (const [key, op] of oa) if (!ob.has(key)) base.for("operation", op.label).add("operation-removed", "", `operation removed${op.id ? ` (${op.id})` : ""}`, op.node);
  for (const [key, op] of ob) {
    const old = oa.get(key);
    if (old === undefined) base.for("operation", op.label).add("operation-added", "", `operation added${op.id ? ` (${op.id})` : ""}`, undefined, op.node);
    else compareOperation(base.for("operation", op.label), old, op, OPERATION);
  }

  const wa = webhooksOf(from, a);
  const wb = webhooksOf(to, b);
  for (const [key, hook] of wa) if (!wb.has(key)) base.for("webhook", hook.label).add("webhook-removed", "", "webhook removed: its payload type leaves the client", hook.node);
  for (const [key, hook] of wb) {
    const old = wa.get(key);
    if (old === undefined) base.for("webhook", hook.label).add("webhook-added", "", "webhook added", undefined, hook.node);
    else compareOperation(base.for("webhook", hook.label), old, hook, WEBHOOK);
  }

  // Every components.schemas entry is a named type of the client (openapi-typescript's components["schemas"]).
  const [sa, sb] = [child(child(a, "components"), "schemas"), child(child(b, "components"), "schemas")];
  const na = isMap(sa.value) ? [...sa.value.keys()] : [];
  const nb = new Set(isMap(sb.value) ? sb.value.keys() : []);
  for (const n of na) if (!nb.has(n)) base.for("schema", `components.schemas.${n}`).add("schema-removed", "", "schema removed: its exported type is gone", child(sa, n));
  for (const n of nb) if (!na.includes(n)) base.for("schema", `components.schemas.${n}`).add("schema-added", "", "schema added", undefined, child(sb, n));

  // The rest: words (info, tags, servers, externalDocs) or things this classifier does not judge.
  // Security requirements of an API that had no operation break no call: they come with the operations added.
  const judgeSecurity = oa.size > 0 || wa.size > 0;
  const [da, db] = [a.value, b.value];
  if (!isMap(da) || !isMap(db)) return;
  for (const key of new Set([...da.keys(), ...db.keys()])) {
    if (key === "paths" || key === "webhooks" || key === "components" || (key === "security" && !judgeSecurity)) continue;
    const [va, vb] = [child(a, key), child(b, key)];
    if (canonical(va.value) === canonical(vb.value)) continue;
    const words = ["info", "tags", "servers", "externalDocs", "openapi"].includes(key) || key.startsWith("x-");
    base.add(words ? "documentation" : "unclassified", key, words ? `${key} changed` : `${key} changed (counted as breaking)`, va, vb);
  }
  const [ca, cb] = [child(a, "components"), child(b, "components")];
  for (const kind of judgeSecurity ? ["securitySchemes"] : []) {
    const [va, vb] = [child(ca, kind), child(cb, kind)];
    if (canonical(va.value) !== canonical(vb.value)) base.add("unclassified", `components.${kind}`, `components.${kind} changed: a client may need other credentials (counted as breaking)`, va, vb);
  }
}

interface Operation {
  /** "POST /v1/jobs/submit", "webhook jobFinished POST". */
  readonly label: string;
  readonly id?: string;
  readonly node: Located;
  /** Path-level parameters, which every operation of the path has. */
  readonly shared: Located;
}

/** Operations keyed by method and path with parameter names blanked (`/jobs/{}`): renaming one is not a new path. */
function operationsOf(files: SpecFiles, root: Located): Map<string, Operation> {
  const out = new Map<string, Operation>();
  const paths = child(root, "paths");
  if (!isMap(paths.value)) return out;
  for (const path of paths.value.keys()) {
    const item = files.resolve(child(paths, path));
    for (const method of METHODS) {
      const node = child(item, method);
      if (node.value === undefined) continue;
      const op = files.resolve(node);
      const id = isMap(op.value) ? op.value.get("operationId") : undefined;
      out.set(`${method} ${path.replace(/\{[^}]*\}/g, "{}")}`, { label: `${method.toUpperCase()} ${path}`, ...(typeof id === "string" ? { id } : {}), node: op, shared: child(item, "parameters") });
    }
  }
  return out;
}

function webhooksOf(files: SpecFiles, root: Located): Map<string, Operation> {
  const out = new Map<string, Operation>();
  const hooks = child(root, "webhooks");
  if (!isMap(hooks.value)) return out;
  for (const name of hooks.value.keys()) {
    const item = files.resolve(child(hooks, name));
    for (const method of METHODS) {
      const node = child(item, method);
      if (node.value === undefined) continue;
      out.set(`${name} ${method}`, { label: `webhook ${name}${method === "post" ? "" : ` ${method.toUpperCase()}`}`, node: files.resolve(node), shared: child(item, "parameters") });
    }
  }
  return out;
}

function compareOperation(r: Reporter, a: Operation, b: Operation, dirs: Directions): void {
  const [oa, ob] = [a.node.value, b.node.value];
  if (!isMap(oa) || !isMap(ob)) return;
  for (const key of new Set([...oa.keys(), ...ob.keys()])) {
    if (key === "parameters" || key === "requestBody" || key === "responses") continue;
    const [va, vb] = [child(a.node, key), child(b.node, key)];
    if (canonical(va.value) === canonical(vb.value)) continue;
    if (DOCS.has(key) || key.startsWith("x-")) r.add("documentation", "", `${key} changed`, va, vb);
    else if (key === "deprecated") r.add("deprecated", "", vb.value === true ? "deprecated" : "no longer deprecated", va, vb);
    else if (key === "operationId") r.add("unclassified", "", `operationId ${show(va.value)} -> ${show(vb.value)}: the client's operations type is keyed by it (counted as breaking)`, va, vb);
    else r.add("unclassified", "", `${key} changed (counted as breaking)`, va, vb);
  }
  compareParameters(r, a, b, dirs.sent);
  compareBody(r, child(a.node, "requestBody"), child(b.node, "requestBody"), dirs.sent);
  compareResponses(r, child(a.node, "responses"), child(b.node, "responses"), dirs.received);
}

/** An operation's parameters with its path's, keyed "query limit", "header X-Request-Id". */
function parametersOf(files: SpecFiles, op: Operation): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const list of [op.shared, child(op.node, "parameters")]) {
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      const p = files.resolve(child(list, i));
      if (!isMap(p.value)) return;
      const where = String(p.value.get("in"));
      const name = String(p.value.get("name"));
      // Header names are case-insensitive.
      out.set(`${where} ${where === "header" ? name.toLowerCase() : name}`, p);
    });
  }
  return out;
}

function compareParameters(r: Reporter, a: Operation, b: Operation, direction: Direction): void {
  const pa = parametersOf(r.from, a);
  const pb = parametersOf(r.to, b);
  const label = (p: Located) => `${String((p.value as Map<string, unknown>).get("in"))} ${keyText(String((p.value as Map<string, unknown>).get("name")))}`;
  const required = (p: Located) => (p.value as Map<string, unknown>).get("required") === true;
  for (const [key, p] of pa) {
    if (pb.has(key)) continue;
    r.add(direction === "request" ? "request-field-removed" : "response-field-removed", label(p), `${required(p) ? "required" : "optional"} parameter removed`, p);
  }
  for (const [key, p] of pb) {
    const old = pa.get(key);
    const path = label(p);
    if (old === undefined) {
      const rule = direction === "response" ? "response-field-added" : required(p) ? "request-field-added-required" : "request-field-added-optional";
      r.add(rule, path, `${required(p) ? "required" : "optional"} parameter added`, undefined, p);
      continue;
    }
    if (required(old) !== required(p)) {
      const rule = required(p) ? (direction === "request" ? "request-field-became-required" : "response-field-became-required") : direction === "request" ? "request-field-became-optional" : "response-field-became-optional";
      r.add(rule, path, required(p) ? "became required" : "became optional", child(old, "required"), child(p, "required"));
    }
    sideKeys(r, old, p, path, new Set(["in", "name", "required", "schema", "content"]));
    compareSchemas(r, child(old, "schema"), child(p, "schema"), direction, path);
    compareContent(r, child(old, "content"), child(p, "content"), direction, path);
  }
}

function compareBody(r: Reporter, a: Located, b: Located, direction: Direction): void {
  const path = "request body";
  if (a.value === undefined && b.value === undefined) return;
  const ra = r.from.resolve(a);
  const rb = r.to.resolve(b);
  const required = (l: Located) => isMap(l.value) && l.value.get("required") === true;
  if (rb.value === undefined) return r.add(direction === "request" ? "request-field-removed" : "response-field-removed", path, "request body removed", ra);
  if (ra.value === undefined) {
    const rule = direction === "response" ? "response-field-added" : required(rb) ? "request-field-added-required" : "request-field-added-optional";
    return r.add(rule, path, `${required(rb) ? "required" : "optional"} request body added`, undefined, rb);
  }
  if (required(ra) !== required(rb)) {
    const rule = required(rb) ? (direction === "request" ? "request-field-became-required" : "response-field-became-required") : direction === "request" ? "request-field-became-optional" : "response-field-became-optional";
    r.add(rule, path, required(rb) ? "became required" : "became optional", child(ra, "required"), child(rb, "required"));
  }
  sideKeys(r, ra, rb, path, new Set(["required", "content"]));
  compareContent(r, child(ra, "content"), child(rb, "content"), direction, path);
}

/** content: media type -> {schema}; a media type gone is a field gone, a new one a field added. */
function compareContent(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const ma = isMap(a.value) ? a.value : new Map<string, unknown>();
  const mb = isMap(b.value) ? b.value : new Map<string, unknown>();
  const single = ma.size <= 1 && mb.size <= 1;
  for (const type of ma.keys()) {
    if (mb.has(type)) continue;
    // One media type replaced by another (application/json -> application/problem+json) is compared as one.
    const other = single ? [...mb.keys()][0] : undefined;
    if (other !== undefined && !ma.has(other)) {
      r.add("unclassified", path, `media type ${type} -> ${other} (counted as breaking)`, child(a, type), child(b, other));
      compareMedia(r, child(a, type), child(b, other), direction, path);
      return;
    }
    r.add(direction === "request" ? "request-field-removed" : "response-field-removed", `${path} (${type})`, `media type ${type} removed`, child(a, type));
  }
  for (const type of mb.keys()) {
    if (!ma.has(type)) r.add(direction === "request" ? "request-type-widened" : "response-type-widened", `${path} (${type})`, `media type ${type} added`, undefined, child(b, type));
  }
  for (const type of ma.keys()) if (mb.has(type)) compareMedia(r, child(a, type), child(b, type), direction, path);
}

function compareMedia(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const ra = r.from.resolve(a);
  const rb = r.to.resolve(b);
  sideKeys(r, ra, rb, path, new Set(["schema"]));
  compareSchemas(r, child(ra, "schema"), child(rb, "schema"), direction, path);
}

function compareResponses(r: Reporter, a: Located, b: Located, direction: Direction): void {
  const ma = isMap(a.value) ? a.value : new Map<string, unknown>();
  const mb = isMap(b.value) ? b.value : new Map<string, unknown>();
  const success = (code: string) => /^2/.test(code);
  for (const code of ma.keys()) {
    if (!mb.has(code)) r.add(success(code) ? "response-success-status-removed" : "response-error-status-removed", `response ${code}`, "status removed", child(a, code));
  }
  for (const code of mb.keys()) {
    if (!ma.has(code)) {
      r.add("response-status-added", `response ${code}`, "status added", undefined, child(b, code));
      continue;
    }
    const path = `response ${code}`;
    const ra = r.from.resolve(child(a, code));
    const rb = r.to.resolve(child(b, code));
    sideKeys(r, ra, rb, path, new Set(["content", "headers"]));
    compareContent(r, child(ra, "content"), child(rb, "content"), direction, path);
    compareHeaders(r, child(ra, "headers"), child(rb, "headers"), direction, path);
  }
}

function compareHeaders(r: Reporter, a: Located, b: Located, direction: Direction, path: string): void {
  const ma = isMap(a.value) ? a.value : new Map<string, unknown>();
  const mb = isMap(b.value) ? b.value : new Map<string, unknown>();
  const lower = (m: Map<string, unknown>) => new Map([...m.keys()].map((k) => [k.toLowerCase(), k]));
  const [la, lb] = [lower(ma), lower(mb)];
  for (const [key, name] of la) if (!lb.has(key)) r.add(direction === "request" ? "request-field-removed" : "response-field-removed", `${path} header ${name}`, "header removed", child(a, name));
  for (const [key, name] of lb) {
    const old = la.get(key);
    const hp = `${path} header ${name}`;
    if (old === undefined) {
      r.add(direction === "request" ? "request-field-added-optional" : "response-field-added", hp, "header added", undefined, child(b, name));
      continue;
    }
    const ha = r.from.resolve(child(a, old));
    const hb = r.to.resolve(child(b, name));
    const req = (l: Located) => isMap(l.value) && l.value.get("required") === true;
    if (req(ha) !== req(hb)) r.add(req(hb) ? "response-field-became-required" : "response-field-became-optional", hp, req(hb) ? "became required" : "became optional", child(ha, "required"), child(hb, "required"));
    sideKeys(r, ha, hb, hp, new Set(["required", "schema"]));
    compareSchemas(r, child(ha, "schema"), child(hb, "schema"), direction, hp);
  }
}

/** The keys of a parameter, body, media type or response other than those compared on their own. */
function sideKeys(r: Reporter, a: Located, b: Located, path: string, skip: ReadonlySet<string>): void {
  const [ma, mb] = [isMap(a.value) ? a.value : new Map<string, unknown>(), isMap(b.value) ? b.value : new Map<string, unknown>()];
  for (const key of new Set([...ma.keys(), ...mb.keys()])) {
    if (skip.has(key) || canonical(ma.get(key)) === canonical(mb.get(key))) continue;
    const [va, vb] = [child(a, key), child(b, key)];
    if (DOCS.has(key) || key.startsWith("x-")) r.add("documentation", path, `${key} changed`, va, vb);
    else if (key === "deprecated") r.add("deprecated", path, mb.get(key) === true ? "deprecated" : "no longer deprecated", va, vb);
    else r.add("unclassified", path, `${key} ${show(ma.get(key))} -> ${show(mb.get(key))} (counted as breaking)`, va, vb);
  }
}
