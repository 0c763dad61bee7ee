import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, createConfig } from "@redocly/openapi-core";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// Checks real responses against the bundled spec/openapi.yaml: the status must be declared for the
// operation (or by a 4XX/5XX range) and the JSON body must validate against that response's schema.

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const specPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../spec/openapi.yaml");

interface Operation {
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface CheckResult {
  operationId: string | undefined;
  status: number;
  /** The response key the status matched ("200", "4XX", ...); undefined when the spec declares none. */
  declaredAs: string | undefined;
  errors: string[];
}

export interface Conformance {
  operations: readonly Operation[];
  check(method: string, url: string, status: number, body: unknown): CheckResult;
  /** The schema of a named component, to validate something that is not a response (webhook payloads). */
  validatorFor(component: string): ValidateFunction;
  errorValidator: ValidateFunction;
}

export async function loadConformance(): Promise<Conformance> {
  const config = await createConfig({});
  const result = await bundle({ ref: specPath, config, dereference: true });
  const doc = result.bundle.parsed as {
    paths: Record<string, Record<string, { operationId?: string; responses?: Operation["responses"] }>>;
    components: { schemas: Record<string, unknown> };
  };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of ["get", "post", "put", "delete", "patch"]) {
      const op = item[method];
      if (!op?.operationId) continue;
      const regex = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), template, regex, responses: op.responses ?? {} });
    }
  }
  const cache = new Map<unknown, ValidateFunction>();
  const compile = (schema: unknown) => {
    let fn = cache.get(schema);
    if (!fn) cache.set(schema, (fn = ajv.compile(schema as object)));
    return fn;
  };
  return {
    operations,
    validatorFor: (component) => compile(doc.components.schemas[component]),
    errorValidator: compile(doc.components.schemas.ErrorResponse),
    check(method, url, status, body) {
      const pathname = new URL(url).pathname;
      // Literal templates first, as a router would.
      const op = operations
        .filter((o) => o.method === method.toUpperCase() && o.regex.test(pathname))
        .sort((a, b) => b.template.split("{").length - a.template.split("{").length)
        .reverse()[0];
      if (!op) return { operationId: undefined, status, declaredAs: undefined, errors: [`no operation for ${method} ${pathname}`] };
      const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => op.responses[k] !== undefined);
      if (key === undefined) return { operationId: op.operationId, status, declaredAs: undefined, errors: [] };
      const schema = op.responses[key]?.content?.["application/json"]?.schema;
      if (schema === undefined) return { operationId: op.operationId, status, declaredAs: key, errors: [] };
      const validate = compile(schema);
      const errors = validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
      return { operationId: op.operationId, status, declaredAs: key, errors };
    },
  };
}
