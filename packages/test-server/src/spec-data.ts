// The generated artefacts the server is built from: the same ones the client is generated with.
import { errorStatus, modelSchemas } from "@pixelbyte/client";
import { modelPricing } from "@pixelbyte/pricing";
import type { ModelPricing } from "@pixelbyte/pricing/runtime";

/** The closed JSON-Schema subset codegen emits for one model's input. */
export interface InputSchema {
  readonly type?: string | readonly string[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, InputSchema>>;
  readonly items?: InputSchema;
  readonly enum?: readonly unknown[];
  readonly [keyword: string]: unknown;
}

export const schemas: Readonly<Record<string, InputSchema>> = modelSchemas as unknown as Record<string, InputSchema>;
export const pricing: Readonly<Record<string, ModelPricing>> = modelPricing;
export { errorStatus };
