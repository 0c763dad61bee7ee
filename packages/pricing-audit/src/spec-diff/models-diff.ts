import { inputError } from "../errors.js";
import { canonical } from "./canonical.js";
import { CLIENT, PRICING, Reporter, type SpecChange } from "./change.js";
import { child, isMap, type Located, type SpecFiles } from "./documents.js";
import { compareSchemas } from "./schema-diff.js";

/** A model input schema of spec/models.yaml: found by its `x-slug`, wherever it is written. */
interface ModelEntry {
  readonly slug: string;
  /** components.schemas.<Name>, as written (possibly a $ref to another file). */
  readonly node: Located;
}

/** The fields of a model that spec/pricing.yaml prices, in either revision (undefined: not known). */
export type PricedFields = (slug: string) => ReadonlySet<string> | undefined;

/**
 * Compares the model input schemas of two revisions of spec/models.yaml. Models are matched by slug
 * (`x-slug`), not by schema name or file, so a model moved to another file or renamed schema is the
 * same model; inputs are what a consumer sends (request direction).
 */
export function compareModels(out: SpecChange[], from: SpecFiles, a: Located, to: SpecFiles, b: Located, priced: PricedFields): void {
  const ma = modelsOf(from, a);
  const mb = modelsOf(to, b);
  const both = [CLIENT, PRICING];
  const document = new Reporter(out, "document", to.tree.name(b.file), from, to, () => [CLIENT]);

  for (const [slug, entry] of ma) {
    if (!mb.has(slug)) new Reporter(out, "model", slug, from, to, () => both).add("model-removed", "", "model removed: its input type and price leave both packages", entry.node);
  }
  for (const [slug, entry] of mb) {
    const old = ma.get(slug);
    if (old === undefined) {
      new Reporter(out, "model", slug, from, to, () => both).add("model-added", "", "model added", undefined, entry.node);
      continue;
    }
    const fields = priced(slug);
    // A priced field's type is part of @pixelbyte/pricing too (its PricedInput); the model itself is in both.
    const packagesOf = (path: string) => {
      const top = /^[^.[(]*/.exec(path)?.[0] ?? "";
      return top === "" || fields === undefined || fields.has(top.replace(/^"|"$/g, "")) ? both : [CLIENT];
    };
    compareSchemas(new Reporter(out, "model", slug, from, to, packagesOf), old.node, entry.node, "request", "");
  }

  // The rest of the document (info, servers) generates nothing but words.
  const [da, db] = [a.value, b.value];
  if (isMap(da) && isMap(db)) {
    for (const key of new Set([...da.keys(), ...db.keys()])) {
      if (key === "components") continue;
      if (canonical(da.get(key)) !== canonical(db.get(key))) document.add("documentation", key, `${key} changed`, child(a, key), child(b, key));
    }
    const [ca, cb] = [child(a, "components"), child(b, "components")];
    for (const key of new Set([...(isMap(ca.value) ? ca.value.keys() : []), ...(isMap(cb.value) ? cb.value.keys() : [])])) {
      if (key === "schemas") continue;
      if (canonical(child(ca, key).value) !== canonical(child(cb, key).value)) document.add("unclassified", `components.${key}`, `components.${key} changed (not model inputs: counted as breaking)`, child(ca, key), child(cb, key));
    }
  }
}

function modelsOf(files: SpecFiles, root: Located): Map<string, ModelEntry> {
  const schemas = child(child(root, "components"), "schemas");
  const out = new Map<string, ModelEntry>();
  if (!isMap(schemas.value)) {
    if (schemas.value !== undefined) throw inputError(`${files.where(schemas)}: components.schemas must be a mapping of schema name to model input schema`);
    return out;
  }
  for (const name of schemas.value.keys()) {
    const node = child(schemas, name);
    const resolved = files.resolve(node);
    const slug = isMap(resolved.value) ? resolved.value.get("x-slug") : undefined;
    // A schema without x-slug is a shared definition: its changes are reported where a model uses it.
    if (slug === undefined) continue;
    if (typeof slug !== "string" || slug === "") throw inputError(`${files.where(child(resolved, "x-slug"))}: x-slug must be the model's slug, a non-empty string`);
    const twin = out.get(slug);
    if (twin !== undefined) throw inputError(`${files.where(node)}: x-slug ${slug} is also the slug of ${files.where(twin.node)}: one schema per model`);
    out.set(slug, { slug, node });
  }
  return out;
}
