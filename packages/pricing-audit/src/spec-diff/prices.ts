import { AuditError } from "../errors.js";
import { diffRevisions, type ModelDiff } from "../diff.js";
import { grouped, moneyText } from "../money.js";
import { parseRevision } from "../parse-revision.js";
import type { Revision } from "../types.js";
import { parseYaml } from "../yaml-text.js";
import type { SpecTree } from "./source.js";

/** One model whose price changed: a summary; the detail is `pixelbyte pricing diff`'s job. */
export interface PriceLine {
  readonly model: string;
  readonly summary: string;
}

/** The price side of a spec diff: a line per model, or why prices could not be compared. */
export type PriceSummary =
  | { readonly compared: true; readonly lines: readonly PriceLine[]; readonly priced: (slug: string) => ReadonlySet<string> | undefined }
  | { readonly compared: false; readonly reason: string; readonly priced: (slug: string) => ReadonlySet<string> | undefined };

/**
 * Reads each revision's pricing.yaml (with its models.yaml, for defaults and types) and summarises
 * `diffRevisions` per model. A pricing file that cannot be priced (an unfilled `pnpm new-model`
 * scaffold, say) does not stop the classification: prices are then "not compared", with the reason.
 */
export async function priceSummary(from: SpecTree, to: SpecTree): Promise<PriceSummary> {
  const [a, b] = await Promise.all([pricingOf(from), pricingOf(to)]);
  const fields = new Map<string, Set<string>>();
  for (const revision of [a, b]) {
    if (typeof revision === "string" || revision === undefined) continue;
    for (const m of revision.models) for (const f of m.factors) fields.set(m.slug, (fields.get(m.slug) ?? new Set()).add(f.field));
  }
  const bothRead = typeof a !== "string" && typeof b !== "string";
  const priced = (slug: string) => (bothRead ? (fields.get(slug) ?? new Set<string>()) : undefined);
  if (typeof a === "string") return { compared: false, reason: a, priced };
  if (typeof b === "string") return { compared: false, reason: b, priced };

  // Called only when both revisions have prices, or both are whole spec directories: a missing file prices nothing.
  const diff = diffRevisions(a ?? noPrices(from), b ?? noPrices(to));
  const lines: PriceLine[] = [
    ...diff.removed.map((m) => ({ model: m.slug, summary: "price removed" })),
    ...diff.added.map((m) => ({ model: m.slug, summary: `new price: ${moneyText(m.base)} per ${m.unit}${m.factors.length ? ` × ${m.factors.map((f) => f.field).join(" × ")}` : ""}` })),
    ...diff.models.filter(pricedChange).map((m) => ({ model: m.slug, summary: modelSummary(m) })),
  ];
  lines.sort((x, y) => (x.model < y.model ? -1 : x.model > y.model ? 1 : 0));
  return { compared: true, lines, priced };
}

/** A change to what is charged, not only to where the price was read (source, checked date). */
function pricedChange(m: ModelDiff): boolean {
  return m.changed > 0 || m.combinationsAdded > 0n || m.combinationsRemoved > 0n || m.defaultChange !== undefined || m.changes.some((c) => c.kind !== "source" && c.kind !== "checked");
}

function modelSummary(m: ModelDiff): string {
  const parts: string[] = [];
  if (m.changed > 0) parts.push(`${grouped(m.changed)} of ${grouped(m.compared)} combinations priced differently (${grouped(m.increases)} up, ${grouped(m.decreases)} down)`);
  if (m.combinationsAdded > 0n || m.combinationsRemoved > 0n) parts.push(`${grouped(m.combinationsAdded)} combinations added, ${grouped(m.combinationsRemoved)} removed`);
  if (m.defaultChange) parts.push(`default call ${moneyText(m.defaultChange.from.microCents)} -> ${moneyText(m.defaultChange.to.microCents)}`);
  const kinds = [...new Set(m.changes.map((c) => c.kind).filter((k) => k !== "source" && k !== "checked"))];
  if (kinds.length > 0) parts.push(`changed: ${kinds.join(", ")}`);
  return parts.join("; ");
}

/** A revision's prices; undefined without a pricing.yaml; a string saying why when they cannot be read. */
async function pricingOf(tree: SpecTree): Promise<Revision | string | undefined> {
  const file = tree.documents.pricing;
  if (file === undefined) return undefined;
  const pricingText = await tree.read(file);
  if (pricingText === undefined) return undefined;
  const modelsFile = tree.documents.models;
  const modelsText = modelsFile === undefined ? undefined : await tree.read(modelsFile);
  const origin = tree.origin;
  try {
    return parseRevision({
      label: tree.name(file),
      origin:
        origin.kind === "git"
          ? { kind: "git", ref: origin.ref, commit: origin.commit, path: `${origin.dir}/${file}`, ...(modelsFile !== undefined ? { modelsPath: `${origin.dir}/${modelsFile}` } : {}) }
          : { kind: "file", path: `${origin.dir}/${file}`, ...(modelsFile !== undefined ? { modelsPath: `${origin.dir}/${modelsFile}` } : {}) },
      pricingText,
      ...(modelsText !== undefined && modelsFile !== undefined ? { modelsText, modelsLabel: tree.name(modelsFile) } : {}),
    });
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    // YAML that does not parse is bad input (file:line:column, exit 2); a file that parses but cannot be
    // priced is "not compared". Parsed again only here, to tell the two apart (it throws the same line).
    parseYaml(pricingText, tree.name(file));
    return error.message;
  }
}

function noPrices(tree: SpecTree): Revision {
  return parseRevision({ label: tree.name("pricing.yaml"), origin: { kind: "file", path: "pricing.yaml" }, pricingText: "currency: micro-cents\nrounding: half-up\nmodels: {}\n" });
}
