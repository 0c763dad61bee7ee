import type { LoadedSpec } from "../load/load-spec.js";
import type { Problem } from "./problem.js";

type Obj = Record<string, unknown>;

/** What the generator reads from the API document beyond plain OpenAPI: the error-code table. */
export function checkApiContract(spec: LoadedSpec, api: Obj): Problem[] {
  const schema = ((api.components as Obj | undefined)?.schemas as Obj | undefined)?.ErrorCode as Obj | undefined;
  const at = ["components", "schemas", "ErrorCode"];
  if (!schema || !Array.isArray(schema.enum)) {
    return [spec.openapi.problem(at, "cross-check", "components.schemas.ErrorCode with an enum of every error code is missing", "add ErrorCode: {type: string, enum: [...], x-http-status: {CODE: status}}")];
  }
  const statuses = (schema["x-http-status"] ?? {}) as Obj;
  return (schema.enum as unknown[])
    .filter((code) => !Number.isInteger(statuses[String(code)]))
    .map((code) => spec.openapi.problem(at, "cross-check", `error code ${String(code)} has no HTTP status in x-http-status`, `add ${String(code)}: <status> under ErrorCode.x-http-status`));
}
