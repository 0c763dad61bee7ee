import { compareApi } from "./api-diff.js";
import { CLIENT, PRICING, type SpecChange, type SubjectKind } from "./change.js";
import { SpecFiles } from "./documents.js";
import { compareModels } from "./models-diff.js";
import { priceSummary, type PriceLine } from "./prices.js";
import { maxLevel, type Level } from "./rules.js";
import { DOCUMENTS, type DocumentRole, type SpecOrigin, type SpecTree } from "./source.js";

/** The packages whose release level a spec diff decides. */
export const GENERATED_PACKAGES = [CLIENT, PRICING] as const;

export interface SpecDiff {
  readonly from: { readonly label: string; readonly origin: SpecOrigin };
  readonly to: { readonly label: string; readonly origin: SpecOrigin };
  /** Every change, by subject (models, operations, webhooks, schemas, documents) then field path. */
  readonly changes: readonly SpecChange[];
  /** Models whose price changed: listed apart, they set no level. Undefined when prices were not compared. */
  readonly prices?: readonly PriceLine[];
  /** The documents compared, and those one side lacks (or prices that could not be read), with why. */
  readonly compared: readonly DocumentRole[];
  readonly notCompared: readonly { readonly document: DocumentRole; readonly reason: string }[];
  /** The release the changes require: the highest level of any change ("none" without changes). */
  readonly level: Level | "none";
  /** The same, per generated package. */
  readonly required: Readonly<Record<(typeof GENERATED_PACKAGES)[number], Level | "none">>;
}

const KIND_ORDER: readonly SubjectKind[] = ["model", "operation", "webhook", "schema", "document"];

/**
 * Classifies every difference between two spec revisions the way a consumer of the generated client
 * feels it (see rules.ts): model inputs from models.yaml, the HTTP API from openapi.yaml and the files
 * its refs reach, and a summary of price changes from pricing.yaml. Throws AuditError (one line with
 * file:line:column) for a document that does not parse or a ref that points at nothing.
 */
export async function diffSpecs(from: SpecTree, to: SpecTree): Promise<SpecDiff> {
  const changes: SpecChange[] = [];
  const compared: DocumentRole[] = [];
  const notCompared: { document: DocumentRole; reason: string }[] = [];
  const [fa, fb] = [new SpecFiles(from), new SpecFiles(to)];
  // A document both revisions have is compared; one only a whole spec directory lacks is compared
  // with an empty one (all added, or all removed); one a revision named as a single file lacks is not.
  const both = (role: DocumentRole) => {
    const [a, b] = [from.documents[role], to.documents[role]];
    if (a === undefined && b === undefined) return false;
    if (a !== undefined && b !== undefined) return true;
    if (!from.partial && !to.partial) return true;
    notCompared.push({ document: role, reason: `only ${a !== undefined ? from.label : to.label} has it` });
    return false;
  };
  const load = (files: SpecFiles, role: DocumentRole) => {
    const file = files.tree.documents[role];
    return file === undefined ? files.empty(DOCUMENTS[role]) : files.load(file);
  };

  const prices = both("pricing") ? await priceSummary(from, to) : undefined;
  if (both("models")) {
    const [a, b] = await Promise.all([load(fa, "models"), load(fb, "models")]);
    compareModels(changes, fa, a, fb, b, prices?.priced ?? (() => undefined));
    compared.push("models");
  }
  if (both("api")) {
    const [a, b] = await Promise.all([load(fa, "api"), load(fb, "api")]);
    compareApi(changes, fa, a, fb, b);
    compared.push("api");
  }
  if (prices !== undefined) {
    if (prices.compared) compared.push("pricing");
    else notCompared.push({ document: "pricing", reason: prices.reason });
  }

  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => KIND_ORDER.indexOf(x.c.kind) - KIND_ORDER.indexOf(y.c.kind) || cmp(x.c.subject, y.c.subject) || cmp(x.c.path, y.c.path) || x.i - y.i)
    .map((x) => x.c);
  const unique = sorted.filter((c, i) => i === 0 || !same(c, sorted[i - 1]!));
  let level: Level | "none" = "none";
  const required: Record<string, Level | "none"> = Object.fromEntries(GENERATED_PACKAGES.map((p) => [p, "none"]));
  for (const c of unique) {
    level = maxLevel(level, c.level);
    for (const p of c.packages) if (p in required) required[p] = maxLevel(required[p]!, c.level);
  }
  return {
    from: { label: from.label, origin: from.origin },
    to: { label: to.label, origin: to.origin },
    changes: unique,
    ...(prices?.compared ? { prices: prices.lines } : {}),
    compared,
    notCompared,
    level,
    required: required as SpecDiff["required"],
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One schema reached twice at the same place (an allOf member, a path parameter shared by methods) is one change. */
function same(a: SpecChange, b: SpecChange): boolean {
  return a.rule === b.rule && a.subject === b.subject && a.path === b.path && a.message === b.message;
}
