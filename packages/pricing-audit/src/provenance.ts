import type { Report, StaleEntry } from "./check.js";
import type { ModelSpec } from "./types.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Provenance of one entry: an https source and a real checked date that is not in the future; an
 * entry checked more than `maxAgeDays` before `today` (both day numbers) is added to `stale`.
 */
export function checkProvenance(model: ModelSpec, today: number, maxAgeDays: number, report: Report, stale: StaleEntry[]): void {
  const { source, checked } = model;
  if (typeof source !== "string" || source === "") report("provenance", "source", "no source: add the URL of the docs page the price comes from");
  else if (!isHttpsUrl(source)) report("provenance", "source", `source ${JSON.stringify(source)} is not an https URL`);
  if (checked === undefined || checked === null || checked === "") {
    report("provenance", "checked", "no checked date: add the date (YYYY-MM-DD) the price was last compared with the page");
    return;
  }
  const day = typeof checked === "string" ? dayNumber(checked) : undefined;
  if (day === undefined) {
    report("provenance", "checked", `checked ${JSON.stringify(checked)} is not a date written YYYY-MM-DD`);
    return;
  }
  if (day > today) report("provenance", "checked", `checked ${checked} is in the future`);
  else if (today - day > maxAgeDays) stale.push({ model: model.slug, checked: checked as string, ageDays: today - day });
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === "https:";
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 of a real calendar date YYYY-MM-DD, or undefined. */
export function dayNumber(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}
