export { createClient, DEFAULT_BASE_URL, type ClientOptions, type SubmitOptions } from "./core/client.js";
export type { ModelInputs, ModelSlug } from "./gen/model-inputs.gen.js";
export * from "./gen/model-inputs.gen.js";
export type { components, paths, webhooks } from "./gen/api.gen.js";
