import type { CheckReport } from "./check.js";
import { markdownTable } from "./markdown-table.js";
import { grouped } from "./money.js";
import { jsonInteger, jsonText } from "./price-json.js";

export type CheckFormat = "md" | "json";

/** True when the check found something to fix (stale entries alone are listed, not failed). */
export function checkFailed(report: CheckReport): boolean {
  return report.problems.length > 0;
}

export function checkMarkdown(report: CheckReport): string {
  const against = report.estimateName
    ? ` ${grouped(report.compared)} of the combinations, and every worked example, compared with ${report.estimateName}.`
    : "";
  const out = [
    `# Pricing check: ${report.revision.label}`,
    "",
    `${grouped(report.models)} models: ${grouped(report.examples)} worked examples and ${grouped(report.combinations)} combinations recomputed with exact rationals (${report.revision.rounding}).${against}`,
    `Provenance: ${report.stale.length} of ${report.models} entries checked more than ${report.maxAgeDays} days before ${report.today}.`,
    "",
    `**Result:** ${report.problems.length === 0 ? "no differences, no problems." : `${grouped(report.problems.length)} problem${report.problems.length === 1 ? "" : "s"}.`}`,
    "",
  ];
  if (report.problems.length) {
    out.push("## Problems", "", markdownTable(["model", "check", "field", "problem"], report.problems.map((p) => [`\`${p.model}\``, p.kind, p.field, p.message])), "");
  }
  if (report.stale.length) {
    out.push(
      `## Stale entries (checked more than ${report.maxAgeDays} days ago)`,
      "",
      markdownTable(["model", "checked", "age (days)"], report.stale.map((s) => [`\`${s.model}\``, s.checked, String(s.ageDays)]), "llr"),
      "",
    );
  }
  return out.join("\n");
}

export function checkJson(report: CheckReport): string {
  return `${jsonText({
    revision: report.revision.label,
    today: report.today,
    maxAgeDays: report.maxAgeDays,
    comparedWith: report.estimateName ?? null,
    models: report.models,
    examples: report.examples,
    combinations: jsonInteger(report.combinations),
    compared: jsonInteger(report.compared),
    ok: !checkFailed(report),
    problems: report.problems,
    stale: report.stale,
  })}\n`;
}

export function renderCheck(report: CheckReport, format: CheckFormat): string {
  return format === "json" ? checkJson(report) : checkMarkdown(report);
}
