import type { Catalog } from "./catalog.js";
import type { IdSource } from "./ids.js";
import type { JobStore } from "./jobs.js";
import type { Ledger } from "./ledger.js";
import type { ResolvedKey } from "./options.js";
import type { UploadStore } from "./uploads.js";

/** Everything the route handlers share. */
export interface ServerState {
  keys: Map<string, ResolvedKey>;
  ids: IdSource;
  jobs: JobStore;
  uploads: UploadStore;
  ledger: Ledger;
  limits: { maxConcurrentJobs: number | undefined; concurrencyRetryAfterSeconds: number };
  allowLoopbackHttpWebhooks: boolean;
  /** The models this server validates, prices and lists: the spec's, or drifted ones. */
  catalog: Catalog;
  /** Percentage off every estimate (drift.discountPercent); undefined for none. */
  estimateDiscountPercent: number | undefined;
  /** Base of output and file URLs (the server's URL unless configured). */
  publicUrl(): string;
}
