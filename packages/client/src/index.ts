// The root entry, `@pixelbyte/client`: the core entry (./core/index.ts) with every generated model
// installed, so that calls also take a model slug. For a bundle that holds only the models it
// uses, import `createClient` from `@pixelbyte/client/core` and each model from
// `@pixelbyte/client/models/<slug>`.
export * from "./core/index.js";
export { createClient, validateModelInput, type PixelByteClient } from "./all-models.js";
export type { ModelInputs, ModelSlug } from "./gen/model-inputs.gen.js";
export * from "./gen/model-inputs.gen.js";
export { modelSchemas } from "./gen/model-schemas.gen.js";
export { modelDescriptors } from "./gen/model-registry.gen.js";
