// createClient of the core entry: a base client (base.ts) with the job lifecycle as methods, each
// the modular function of operations.ts. A program that wants fewer bytes than this calls those
// functions on createBaseClient's client instead.
import type { PriceQuote } from "@pixelbyte/pricing/runtime";
import { createBaseClient, createBaseWith, type BaseClient, type ClientOptions } from "./base.js";
import type { EstimateOptions, SubmitOptions } from "./jobs.js";
import type { InputOf, ModelDescriptor, ModelRegistry } from "./model.js";
import { cancelJob, estimate, getJob, price, run, submit, wait } from "./operations.js";
import type { CancelResult, CompletedJob, EstimateResult, Job, RequestOptions, RunResult, SubmitResult, WithRequestId } from "./types.js";
import type { RunOptions, WaitOptions } from "./wait.js";

/**
 * What every client made by createClient has, whichever models it knows (see PixelByteClient):
 * the job's lifecycle. Uploads, the catalog and job listing are modular functions taking the
 * client (uploadsOf, catalogOf, modelsOf, providersOf, listJobs), so a bundle that does not call
 * them does not hold them; the root entry's client has them as members too (ClientMembers).
 */
export interface CoreMembers extends BaseClient {
  /** Polls until the job is final, with a real deadline. */
  wait(jobId: string, options?: WaitOptions): Promise<CompletedJob>;
  readonly jobs: {
    get(jobId: string, options?: RequestOptions): Promise<WithRequestId<Job>>;
    cancel(jobId: string, options?: RequestOptions): Promise<CancelResult>;
  };
}

/**
 * A PixelByte client of the core entry (`@pixelbyte/client/core`): `model` is a model descriptor,
 * imported from `@pixelbyte/client/models/<slug>`, and `input` is checked against that model's
 * input type. (`@pixelbyte/client`'s client also takes every model's slug.)
 */
export interface PixelByteClient extends CoreMembers {
  /** Submits one paid job; see SubmitOptions. `input` is checked at compile time and again before sending. */
  submit<M extends ModelDescriptor>(model: M, input: InputOf<M>, options?: SubmitOptions): Promise<SubmitResult>;
  /**
   * submit, then wait for the result. Resolves with the completed job plus the charge
   * (`costMicroCents`) and the quote check (`price`); every error after the submit names the job
   * (`jobId`, `chargedMicroCents`, `price`).
   */
  run<M extends ModelDescriptor>(model: M, input: InputOf<M>, options?: RunOptions): Promise<RunResult>;
  /** The server's estimate (with account discounts) next to the local exact price. */
  estimate<M extends ModelDescriptor>(model: M, input: InputOf<M>, options?: EstimateOptions): Promise<EstimateResult>;
  /** The local exact price, no request. */
  price<M extends ModelDescriptor>(model: M, input: InputOf<M>): PriceQuote;
}

/** The client as built: each entry point gives its model methods their own types. */
export interface UntypedClient extends CoreMembers {
  submit(model: unknown, input: unknown, options?: SubmitOptions): Promise<SubmitResult>;
  run(model: unknown, input: unknown, options?: RunOptions): Promise<RunResult>;
  estimate(model: unknown, input: unknown, options?: EstimateOptions): Promise<EstimateResult>;
  price(model: unknown, input: unknown): PriceQuote;
}

/**
 * A typed PixelByte client that takes model descriptors (`@pixelbyte/client/models/<slug>`), so a
 * bundle holds only the models it imports; `createClient` from `@pixelbyte/client` also takes
 * every model's slug. Throws ConfigurationError at once when no API key is available, or when the
 * key cannot be sent as a header value (MALFORMED_API_KEY; the message never quotes it). Every
 * error any method throws, and every log line, has the key masked (see core/redact.ts).
 */
export function createClient(options: ClientOptions = {}): PixelByteClient {
  return withJobMethods(createBaseClient(options));
}

/** createClient knowing the slugs of `registry` as well as descriptors (the root entry passes every generated model). */
export function createClientWith(options: ClientOptions, registry: ModelRegistry | undefined): UntypedClient {
  return withJobMethods(createBaseWith(options, registry));
}

/** Adds the job lifecycle to a base client as methods (in place: its `budget` getter stays live). */
function withJobMethods<C extends BaseClient>(client: C): C & UntypedClient {
  // The modular functions are typed for descriptors; a method's own type (per entry) says what it takes.
  const c = client as unknown as BaseClient;
  const any = <T>(v: unknown) => v as T;
  return Object.assign(client, {
    submit: (model: unknown, input: unknown, o?: SubmitOptions) => submit(c, any<ModelDescriptor>(model), input, o),
    run: (model: unknown, input: unknown, o?: RunOptions) => run(c, any<ModelDescriptor>(model), input, o),
    estimate: (model: unknown, input: unknown, o?: EstimateOptions) => estimate(c, any<ModelDescriptor>(model), input, o),
    price: (model: unknown, input: unknown) => price(c, any<ModelDescriptor>(model), input),
    wait: (jobId: string, o?: WaitOptions) => wait(c, jobId, o),
    jobs: {
      get: (jobId: string, o?: RequestOptions) => getJob(c, jobId, o),
      cancel: (jobId: string, o?: RequestOptions) => cancelJob(c, jobId, o),
    },
  });
}
