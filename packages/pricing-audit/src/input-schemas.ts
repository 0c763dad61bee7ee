import { parseYaml, toPlain } from "./yaml-text.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** What the audit needs of one model's input schema in spec/models.yaml. */
export interface InputSchemaInfo {
  readonly provider?: string;
  readonly title?: string;
  readonly fields: ReadonlyMap<string, FieldInfo>;
  /** The whole input schema as plain JSON (what `pricing verify` compares with the API's catalog). */
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface FieldInfo {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly hasDefault: boolean;
  readonly default?: unknown;
}

/** The last few texts read: two revisions of a diff usually share an identical models.yaml. */
const recent = new Map<string, ReadonlyMap<string, InputSchemaInfo>>();

/** The input schemas of spec/models.yaml keyed by `x-slug`. */
export function readInputSchemas(text: string, label: string): ReadonlyMap<string, InputSchemaInfo> {
  const known = recent.get(text);
  if (known) return known;
  const out = parseInputSchemas(text, label);
  if (recent.size >= 4) recent.delete(recent.keys().next().value!);
  recent.set(text, out);
  return out;
}

function parseInputSchemas(text: string, label: string): Map<string, InputSchemaInfo> {
  const data = toPlain(parseYaml(text, label).data);
  const schemas = isObj(data) && isObj(data.components) && isObj(data.components.schemas) ? data.components.schemas : {};
  const out = new Map<string, InputSchemaInfo>();
  for (const schema of Object.values(schemas)) {
    if (!isObj(schema) || typeof schema["x-slug"] !== "string") continue;
    const properties = isObj(schema.properties) ? schema.properties : {};
    const fields = new Map<string, FieldInfo>();
    for (const [name, field] of Object.entries(properties)) {
      if (!isObj(field)) continue;
      fields.set(name, {
        ...(typeof field.type === "string" ? { type: field.type } : {}),
        ...(Array.isArray(field.enum) ? { enum: field.enum } : {}),
        hasDefault: "default" in field,
        ...("default" in field ? { default: field.default } : {}),
      });
    }
    out.set(schema["x-slug"], {
      ...(typeof schema["x-provider"] === "string" ? { provider: schema["x-provider"] } : {}),
      ...(typeof schema.title === "string" ? { title: schema.title } : {}),
      fields,
      schema,
    });
  }
  return out;
}
