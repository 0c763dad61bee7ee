import type { SpecChange } from "./change.js";
import type { ChangesetCheck } from "./changesets.js";
import type { SpecDiff } from "./compare.js";
import { RULES, type Level } from "./rules.js";
import type { SpecOrigin, SpecTree } from "./source.js";

const DOCUMENT_NAMES = { models: "the model inputs (models.yaml)", api: "the HTTP API (openapi.yaml)", pricing: "the prices (pricing.yaml)" } as const;

/** `pixelbyte pricing diff <a> <b>`: the command that lists every price change between the same revisions. */
export function pricingDiffCommand(from: SpecTree, to: SpecTree): string | undefined {
  const [a, b] = [pricingArg(from), pricingArg(to)];
  return a === undefined || b === undefined ? undefined : `pixelbyte pricing diff ${a} ${b}`;
}

function pricingArg(tree: SpecTree): string | undefined {
  const file = tree.documents.pricing;
  if (file === undefined) return undefined;
  const name = tree.name(file);
  return /[\s"'$`\\]/.test(name) ? JSON.stringify(name) : name;
}

/** One change as a report line: level, subject, field path, what happened, the rule. */
export function changeLine(c: SpecChange): string {
  return `${c.level.padEnd(5)}  ${c.subject}${c.path === "" ? "" : `  ${c.path}`}: ${c.message}  [${c.rule}]`;
}

/**
 * The text lines: one per change, except that one edit of a shared API schema (an error code added
 * to the error body every operation returns) is one line naming how many more places it reaches;
 * `--json` keeps each. Model lines are never merged: each model is its own entry point.
 */
function collapsed(changes: readonly SpecChange[]): string[] {
  const groups = new Map<string, SpecChange[]>();
  changes.forEach((c, i) => {
    const key = c.kind !== "model" && c.at !== undefined ? `${c.rule}\0${c.message}\0${c.at}` : String(i);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  });
  return [...groups.values()].map((g) => {
    const more = g.length - 1;
    return more === 0 ? changeLine(g[0]!) : `${changeLine(g[0]!)}  (+${more} more place${more === 1 ? "" : "s"} with this edit of ${g[0]!.at}: --json lists each)`;
  });
}

function counts(changes: readonly SpecChange[]): string {
  const n = (level: Level) => changes.filter((c) => c.level === level).length;
  return `${changes.length} change${changes.length === 1 ? "" : "s"}: ${n("major")} major, ${n("minor")} minor, ${n("patch")} patch`;
}

/** "major (@pixelbyte/client major, @pixelbyte/pricing minor)", or "none" when nothing changed. */
export function requiredText(diff: SpecDiff): string {
  if (diff.level === "none") return "none (no change a consumer of the generated packages can see)";
  return `${diff.level} (${Object.entries(diff.required).map(([p, l]) => `${p} ${l}`).join(", ")})`;
}

/** The report for people: a line per change, prices apart, what was not compared, the required release. */
export function specDiffText(diff: SpecDiff, pricingCommand: string | undefined, check?: ChangesetCheck): string {
  const lines = [`spec diff: ${diff.from.label} -> ${diff.to.label}`, ""];
  if (diff.changes.length === 0) lines.push("No changes to the model inputs or the HTTP API.");
  else lines.push(...collapsed(diff.changes), "", `${counts(diff.changes)}.`);
  if (diff.prices !== undefined && diff.prices.length > 0) {
    lines.push("", `Prices changed for ${diff.prices.length} model${diff.prices.length === 1 ? "" : "s"} (listed apart: they set no level${pricingCommand ? `; every combination: ${pricingCommand}` : ""}):`);
    lines.push(...diff.prices.map((p) => `price  ${p.model}: ${p.summary}`));
  }
  for (const n of diff.notCompared) lines.push("", `Not compared: ${DOCUMENT_NAMES[n.document]}: ${n.reason}.`);
  lines.push("", `Required release: ${requiredText(diff)}.`);
  if (check !== undefined) lines.push("", ...changesetLines(check));
  return `${lines.join("\n")}\n`;
}

function changesetLines(check: ChangesetCheck): string[] {
  const lines = [
    check.changesets.length === 0
      ? `Pending changesets: none in ${check.dir}.`
      : `Pending changesets in ${check.dir}: ${check.changesets.map((c) => `${c.file} (${c.releases.map((r) => `${r.name} ${r.type}`).join(", ") || "no release"})`).join("; ")}.`,
  ];
  for (const p of check.packages) {
    lines.push(`${p.ok ? "ok  " : "FAIL"}  ${p.name}: the spec diff requires ${p.required}, the changesets give ${p.pending}`);
    if (p.fix) lines.push(`      fix: ${p.fix}`);
  }
  return lines;
}

function originJson(o: { label: string; origin: SpecOrigin }) {
  return o.origin.kind === "git" ? { label: o.label, ref: o.origin.ref, commit: o.origin.commit, dir: o.origin.dir } : { label: o.label, dir: o.origin.dir };
}

/** The report for CI: one JSON document (stable keys; `level` and `required` are what a gate reads). */
export function specDiffJson(diff: SpecDiff, pricingCommand: string | undefined, check?: ChangesetCheck): string {
  const json = {
    from: originJson(diff.from),
    to: originJson(diff.to),
    level: diff.level,
    required: diff.required,
    changes: diff.changes.map((c) => ({ level: c.level, rule: c.rule, oasdiff: RULES[c.rule].oasdiff, kind: c.kind, subject: c.subject, path: c.path, message: c.message, packages: c.packages, ...(c.at ? { at: c.at } : {}) })),
    prices: diff.prices ?? null,
    pricingDiff: pricingCommand ?? null,
    compared: diff.compared,
    notCompared: diff.notCompared,
    ...(check !== undefined ? { changesets: check } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
