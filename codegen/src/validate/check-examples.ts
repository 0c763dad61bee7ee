import { computePrice, PricingError } from "@pixelbyte/pricing/runtime";
import type { LoadedSpec } from "../load/load-spec.js";
import type { SpecModel } from "../model/types.js";
import type { Problem } from "./problem.js";

/** Recomputes every worked example of the pricing spec with the generated definitions; any difference is a problem. */
export function checkExamples(spec: LoadedSpec, model: SpecModel): Problem[] {
  const problems: Problem[] = [];
  for (const entry of model.models) {
    for (const example of entry.examples) {
      const at = ["models", entry.slug, "examples", example.index];
      let quote;
      try {
        quote = computePrice(entry.pricing, example.input);
      } catch (error) {
        if (!(error instanceof PricingError)) throw error;
        const field = error.field ?? "input";
        // true where "true" is priced: YAML read an unquoted value as a boolean or number.
        const unquoted = typeof error.value !== "string" && error.value !== undefined && error.allowed?.includes(String(error.value));
        const fix =
          error.code === "MISSING_FIELD" ? `add "${field}" to the example's input`
          : unquoted ? `quote it ("${String(error.value)}"): "${field}" is a string field`
          : `use one of the priced values${error.allowed ? ` (${error.allowed.join(", ")})` : ""}`;
        problems.push(spec.pricing.problem([...at, "input", ...(error.field && error.code !== "MISSING_FIELD" ? [error.field] : [])], "example", error.message, fix));
        continue;
      }
      if (quote.microCents !== example.microCents) {
        problems.push(spec.pricing.problem([...at, "micro_cents"], "example", `worked example is ${example.microCents} micro-cents but the spec prices it at ${quote.microCents} (exact ${quote.exactMicroCents}, ${entry.pricing.rounding})`, `if the page says ${example.microCents}, a base or multiplier is wrong; otherwise set micro_cents: ${quote.microCents}`));
      } else if (quote.rounded && example.exact === undefined) {
        problems.push(spec.pricing.problem([...at, "micro_cents"], "example", `the exact price is ${quote.exactMicroCents}, rounded to ${quote.microCents}`, `add exact: "${quote.exactMicroCents}" so a reader sees the rounding`));
      } else if (example.exact !== undefined && example.exact !== quote.exactMicroCents) {
        problems.push(spec.pricing.problem([...at, "exact"], "example", `exact is "${example.exact}" but the spec computes ${quote.exactMicroCents}`, `set exact: "${quote.exactMicroCents}"`));
      }
    }
  }
  return problems;
}
