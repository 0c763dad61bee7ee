import type { ImportedModel } from "../page/index.js";
import { TODO_PREFIX } from "../scaffold/entries.js";
import { stripped } from "./compare-inputs.js";
import { isObj, type Obj, type SpecModel } from "./spec-index.js";
import { canonical, clone, deepEqual } from "./values.js";

/** A maintainer's x-decision / note that a sync replaces or removes because the part it is about changed on the page. */
export interface DroppedNote {
  file: "models" | "pricing";
  /** Where it was: "properties.duration", "factors[duration]", "examples[{...}]", "" for the entry itself. */
  path: string;
  text: string;
  /** The page's own note written in its place, if any. */
  replacedBy?: string;
}

export interface MergedModel {
  /** The models.yaml entry to write: the page's data, the maintainer's notes where the page did not change the part. */
  schema: Obj;
  /** The pricing.yaml entry to write (its `checked` is the spec's until the caller dates a change). */
  price: Obj;
  dropped: DroppedNote[];
  /** Paths whose value the page does not show and the spec has none for ("TODO: ..." placeholders left). */
  placeholders: string[];
}

/**
 * The entries a sync writes for a model documented by `page`: what the page says, with what the
 * page cannot say taken from the spec. Where the page shows no value (a placeholder), the spec's is
 * kept. An annotation (x-decision, note) belongs to the part it is written on (the entry, a field,
 * a factor, an example): while the page leaves that part as the spec has it, the maintainer's
 * annotation is kept word for word (or its absence); where the page changed the part, the page's own
 * annotation (if any) replaces it, and the maintainer's is listed in `dropped`.
 */
export function mergeModel(spec: SpecModel | undefined, page: ImportedModel, pageFile: string): MergedModel {
  const placeholders: string[] = [];
  const schema = fill(page.schema, spec?.schema, "models:", placeholders) as Obj;
  const price = fill(page.pricing, spec?.price, "pricing:", placeholders) as Obj;
  const dropped: DroppedNote[] = [];
  if (spec === undefined) return { schema, price, dropped, placeholders };

  if (isObj(schema.externalDocs)) schema.externalDocs.url = docsUrl(spec.url, pageFile, schema.externalDocs.url);
  if (spec.price) price.source = docsUrl(typeof spec.price.source === "string" ? spec.price.source : undefined, pageFile, price.source);

  // The input schema: the entry's own note follows its head (everything but the fields' contents).
  const head = (s: Obj) => stripped({ ...s, properties: isObj(s.properties) ? Object.keys(s.properties) : s.properties });
  annotate(schema, spec.schema, "x-decision", deepEqual(head(schema), head(spec.schema)), "models", "", dropped);
  if (isObj(schema.properties) && isObj(spec.schema.properties)) mergeFields(schema.properties, spec.schema.properties, "properties", dropped);

  const old = spec.price;
  if (old) {
    const own = (p: Obj) => stripped({ base: p.base, unit: p.unit, factors: p.factors });
    annotate(price, old, "note", deepEqual(own(price), own(old)), "pricing", "", dropped);
    const oldFactors = old.factors;
    const oldExamples = old.examples;
    if (Array.isArray(price.factors) && Array.isArray(oldFactors)) {
      price.factors = price.factors.map((f) => {
        const was = isObj(f) ? oldFactors.find((g: unknown) => isObj(g) && g.field === f.field) : undefined;
        return isObj(f) && isObj(was) ? part(f, was, "note", "pricing", `factors[${String(f.field)}]`, dropped) : f;
      });
    }
    if (Array.isArray(price.examples) && Array.isArray(oldExamples)) {
      price.examples = price.examples.map((e) => {
        const was = isObj(e) ? oldExamples.find((g: unknown) => isObj(g) && canonical(g.input) === canonical(e.input)) : undefined;
        return isObj(e) && isObj(was) ? part(e, was, "note", "pricing", `examples[${canonical(e.input)}]`, dropped) : e;
      });
    }
    if ("checked" in old) price.checked = old.checked;
  }
  return { schema, price, dropped, placeholders };
}

/** Field by field (and into array items and their fields): unchanged fields are the spec's, notes and all. */
function mergeFields(fields: Obj, specFields: Obj, at: string, dropped: DroppedNote[]): void {
  for (const name of Object.keys(fields)) {
    const field = fields[name];
    const was = Object.hasOwn(specFields, name) ? specFields[name] : undefined;
    if (!isObj(field) || !isObj(was)) continue;
    fields[name] = part(field, was, "x-decision", "models", `${at}.${name}`, dropped);
    const now = fields[name] as Obj;
    if (now !== field) continue;
    // The field changed: its own note is decided; its items and their fields, each on their own.
    const items = field.items;
    if (isObj(items) && isObj(was.items)) {
      field.items = part(items, was.items, "x-decision", "models", `${at}.${name}.items`, dropped);
      if (field.items === items && isObj(items.properties) && isObj(was.items.properties)) mergeFields(items.properties, was.items.properties, `${at}.${name}.items.properties`, dropped);
    }
    if (isObj(field.properties) && isObj(was.properties)) mergeFields(field.properties, was.properties, `${at}.${name}.properties`, dropped);
  }
}

/** The spec's part when the page leaves it as it is; otherwise the page's, its own annotation decided by annotate(). */
function part(node: Obj, was: Obj, key: "x-decision" | "note", file: DroppedNote["file"], at: string, dropped: DroppedNote[]): Obj {
  if (deepEqual(stripped(node), stripped(was))) return clone(was);
  annotate(node, was, key, false, file, at, dropped);
  return node;
}

/** Sets `node[key]` to the spec's annotation when `same`; otherwise keeps the page's and records the maintainer's it replaces. */
function annotate(node: Obj, was: Obj, key: string, same: boolean, file: DroppedNote["file"], at: string, dropped: DroppedNote[]): void {
  const mine = was[key];
  const theirs = node[key];
  if (same) {
    if (mine === undefined) delete node[key];
    else node[key] = clone(mine);
    return;
  }
  if (typeof mine === "string" && mine !== theirs) dropped.push({ file, path: at, text: mine, ...(typeof theirs === "string" ? { replacedBy: theirs } : {}) });
}

/**
 * `value` with each "TODO: ..." placeholder (what the page does not show) replaced by the spec's
 * value at the same place; places the spec has no value for are listed in `left`.
 */
function fill(value: unknown, spec: unknown, at: string, left: string[]): unknown {
  if (typeof value === "string" && value.startsWith(TODO_PREFIX)) {
    if (spec === undefined || (typeof spec === "string" && spec.startsWith(TODO_PREFIX))) left.push(at);
    return spec === undefined ? value : clone(spec);
  }
  if (Array.isArray(value)) return value.map((v, i) => fill(v, Array.isArray(spec) ? spec[i] : undefined, `${at}[${i}]`, left));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    const filled = fill(v, isObj(spec) && Object.hasOwn(spec, k) ? spec[k] : undefined, `${at}${at.endsWith(":") ? "" : "."}${k}`, left);
    Object.defineProperty(out, k, { value: filled, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The docs URL of a page at `pageFile` ("models/video/kling/x.mdx") for an entry whose spec URL is
 * `specUrl`: the spec's own when it already names that page (on whichever host the spec uses, e.g.
 * https://developer.muvi.video/docs/models/...), the spec's host with the page's new path when the page
 * moved, and the page's URL from its path otherwise.
 */
export function docsUrl(specUrl: string | undefined, pageFile: string, pageUrl: unknown): unknown {
  const pagePath = pageFile.replace(/\.mdx$/, "");
  if (specUrl !== undefined && namesPage(specUrl, pageFile)) return specUrl;
  const at = specUrl?.indexOf("/models/") ?? -1;
  if (specUrl !== undefined && at > 0 && /^https:\/\//.test(specUrl)) return `${specUrl.slice(0, at)}/${pagePath}`;
  return pageUrl;
}

/** True when `url`'s path ends with the page's path without ".mdx" (the site may add a prefix such as /docs). */
export function namesPage(url: string, pageFile: string): boolean {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname).replace(/\/+$/, "");
  } catch {
    return false;
  }
  const pagePath = `/${pageFile.replace(/\.mdx$/, "")}`;
  return pathname === pagePath || pathname.endsWith(pagePath);
}

/** True when `url`'s path passes through the docs directory `dir` ("models/video/kling"). */
export function underDirectory(url: string, dir: string): boolean {
  try {
    return `${decodeURIComponent(new URL(url).pathname)}/`.includes(`/${dir.replace(/\/+$/, "")}/`);
  } catch {
    return false;
  }
}
