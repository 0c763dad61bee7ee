import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import type { LoadedSpec } from "../load/load-spec.js";
import type { PathSegment } from "../load/yaml-source.js";
import type { Problem } from "./problem.js";

/** Validates spec/pricing.yaml against spec/pricing.schema.json (the same schema editors use). */
export function checkPricingSchema(spec: LoadedSpec): Problem[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(spec.pricingSchema);
  if (validate(spec.pricing.data)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== "oneOf" && e.keyword !== "if")
    .map((e) => {
      const at = pathOf(e);
      const onKey = e.keyword === "additionalProperties" || e.keyword === "propertyNames";
      const target = e.keyword === "additionalProperties" ? [...at, String(e.params.additionalProperty)] : at;
      return spec.pricing.problem(target, "pricing-schema", messageOf(e), fixOf(e, at), { key: onKey });
    });
}

function pathOf(e: ErrorObject): PathSegment[] {
  if (e.instancePath === "") return [];
  return e.instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case "additionalProperties":
      return `unknown key "${e.params.additionalProperty}"`;
    case "required":
      return `missing required key "${e.params.missingProperty}"`;
    case "propertyNames":
      return `model slug ${JSON.stringify(e.params.propertyName)} is not provider/model[/capability] in lower case`;
    default:
      return e.message ?? `fails "${e.keyword}"`;
  }
}

function fixOf(e: ErrorObject, at: PathSegment[]): string {
  const parent = at[at.length - 2];
  if (e.keyword === "pattern" && (parent === "table" || e.schemaPath.includes("multiplier"))) {
    return 'write the multiplier as an exact decimal string such as "1.5" (no "x", no unquoted number)';
  }
  if (e.keyword === "additionalProperties") return "remove the key or correct its spelling (see spec/pricing.schema.json)";
  if (e.keyword === "required") return `add "${e.params.missingProperty}" (see spec/pricing.schema.json)`;
  if (e.keyword === "enum") return `use one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if (e.keyword === "type" && e.params.type === "integer") return "write a whole number of micro-cents (1,000,000 = $1), no decimals";
  if (e.keyword === "type" && e.params.type === "string") return "quote the value so YAML keeps it as a string";
  if (e.keyword === "propertyNames") return "use the slug exactly as POST /v1/jobs/submit takes it, e.g. kling-plus/kling-o3-standard/text-to-video";
  return "see spec/pricing.schema.json for the expected shape";
}
