import type { ClientOptions } from "./core/base.js";
import { createClientWith } from "./core/client.js";
import type { EstimateOptions, SubmitOptions } from "./core/jobs.js";
import type { JsonObject } from "./core/json-value.js";
import { checkModelInput, type ModelDescriptor } from "./core/model.js";
import { withEveryMember, type ClientMembers } from "./core/extras.js";
import { noRedaction, type Redactor } from "./core/redact.js";
import type { EstimateResult, RunResult, SubmitResult } from "./core/types.js";
import type { RunOptions } from "./core/wait.js";
import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import type { ModelInputs, ModelSlug } from "./gen/model-inputs.gen.js";
import { modelDescriptors } from "./gen/model-registry.gen.js";

/**
 * A PixelByte client that knows every model: `model` is a model slug (or that model's descriptor
 * from `@pixelbyte/client/models/<slug>`), and `input` is checked at compile time against that
 * model's input type (`ModelInputs[slug]`), then again before sending.
 */
export interface PixelByteClient extends ClientMembers {
  /** Submits one paid job; see SubmitOptions. `input` is checked at compile time and again before sending. */
  submit<S extends ModelSlug>(model: S | ModelDescriptor<S>, input: ModelInputs[S], options?: SubmitOptions): Promise<SubmitResult>;
  /**
   * submit, then wait for the result. Resolves with the completed job plus the charge
   * (`costMicroCents`) and the quote check (`price`); every error after the submit names the job
   * (`jobId`, `chargedMicroCents`, `price`).
   */
  run<S extends ModelSlug>(model: S | ModelDescriptor<S>, input: ModelInputs[S], options?: RunOptions): Promise<RunResult>;
  /** The server's estimate (with account discounts) next to the local exact price. */
  estimate<S extends ModelSlug>(model: S | ModelDescriptor<S>, input: ModelInputs[S], options?: EstimateOptions): Promise<EstimateResult>;
  /** The local exact price, no request. */
  price<S extends ModelSlug>(model: S | ModelDescriptor<S>, input: ModelInputs[S]): PriceQuote;
}

/**
 * A typed PixelByte client that knows every model: `client.submit("kling-plus/...", input)`.
 * Throws ConfigurationError at once when no API key is available, or when the key cannot be sent
 * as a header value (MALFORMED_API_KEY; the message never quotes it). Every error any method
 * throws, and every log line, has the key masked (see core/redact.ts). It bundles every model: for
 * one model alone, use createClient from `@pixelbyte/client/core` with that model's descriptor.
 */
export function createClient(options: ClientOptions = {}): PixelByteClient {
  return withEveryMember(createClientWith(options, modelDescriptors));
}

/**
 * Throws InputValidationError (nothing sent) unless `model` is a known slug (or a descriptor) and
 * `input`, as JSON carries it, fits its schema; returns that JSON value, the one the client prices
 * and sends.
 */
export function validateModelInput(model: unknown, input: unknown, redactor: Redactor = noRedaction): JsonObject {
  return checkModelInput(model, input, modelDescriptors, redactor);
}
