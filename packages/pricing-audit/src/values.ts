import type { Combination } from "./price.js";
import { compare, isDecimalText, parseDecimal } from "./rational.js";
import type { FactorSpec, ModelSpec, PricedValue } from "./types.js";

/** A priced value as the input would carry it: "true" is a boolean for a boolean field, "10" a number for an integer one. */
export function typedValue(factor: FactorSpec, key: string): string | number | boolean {
  switch (factor.type) {
    case "boolean":
      return key === "true" ? true : key === "false" ? false : key;
    case "integer":
    case "number":
      return Number.isFinite(Number(key)) ? Number(key) : key;
    default:
      return key;
  }
}

/** The input of one combination: { resolution: "720p", generate_audio: true, duration: "5" }. */
export function inputOf(model: ModelSpec, combination: Combination): Record<string, string | number | boolean> {
  // fromEntries defines own keys, so even a field named "__proto__" is an ordinary field.
  return Object.fromEntries(model.factors.map((f, i) => [f.field, typedValue(f, combination[i]!.key)]));
}

/** "resolution=720p, generate_audio=true, duration=5"; "(no priced fields)" for a flat price. */
export function combinationText(model: ModelSpec, combination: Combination): string {
  if (model.factors.length === 0) return "(no priced fields)";
  return model.factors.map((f, i) => `${f.field}=${combination[i]!.key}`).join(", ");
}

/**
 * "resolution: 480p ×1, 720p ×1.8667" for a table; "duration: 4–12 (× the value)" for a range or a
 * table of consecutive integers each priced at itself; "duration: 5, 10, 15 (× the value)".
 */
export function factorText(factor: FactorSpec): string {
  if (factor.kind === "range") return `${factor.field}: ${factor.range!.min}–${factor.range!.max} (× the value)`;
  if (factor.values.every(isItsOwnMultiplier)) {
    const n = factor.values.map((v) => Number(v.key));
    const consecutive = n.length >= 3 && n.every((x, i) => i === 0 || x === n[i - 1]! + 1);
    return `${factor.field}: ${consecutive ? `${n[0]}–${n[n.length - 1]}` : factor.values.map((v) => v.key).join(", ")} (× the value)`;
  }
  return `${factor.field}: ${factor.values.map((v) => `${v.key} ×${v.text}`).join(", ")}`;
}

/** "10" priced ×10: the multiplier is the value itself. */
function isItsOwnMultiplier(v: PricedValue): boolean {
  return isDecimalText(v.key) && compare(parseDecimal(v.key), v.multiplier) === 0 && /^(0|[1-9][0-9]*)$/.test(v.key);
}
