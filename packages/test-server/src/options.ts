import type { CorsOption } from "./cors.js";
import type { DriftOptions } from "./drift.js";
import type { FaultRule } from "./faults.js";

export type Scope = "submit_job" | "check_status" | "list_models";

/** One API key the server accepts. A bare string is an active full-access key of the default account. */
export interface ApiKeyConfig {
  key: string;
  /** `inactive` → 401 API_KEY_INACTIVE, `expired` → 401 API_KEY_EXPIRED. */
  status?: "active" | "inactive" | "expired";
  /** Also expired once this time has passed. */
  expiresAt?: Date | string;
  /** Empty or omitted: full access (as documented). */
  scopes?: readonly Scope[];
  /** Exact client IPs allowed; any IP when omitted (→ 403 IP_NOT_WHITELISTED). */
  allowedIps?: readonly string[];
  /** Jobs and uploads belong to an account; another account's key gets UNAUTHORIZED_ACCESS. */
  account?: string;
  /** `banned` → 403 USER_BANNED, `inactive` → 403 USER_INACTIVE. */
  user?: "active" | "banned" | "inactive";
}

export interface Timing {
  /** Time a job stays `pending` (cancellable) before a worker picks it up. */
  pendingMs: number;
  /** Time a job stays `processing` before it completes (or fails). */
  processingMs: number;
  /**
   * `documented`: progress 0 pending, 50 processing, 100 completed (the reference page).
   * `linear`: processing progress rises with elapsed time (nicer progress bars in demos).
   */
  progress: "documented" | "linear";
}

export interface ServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  apiKeys?: readonly (string | ApiKeyConfig)[];
  timing?: Partial<Timing>;
  faults?: readonly FaultRule[];
  /** Seed of the fault dice and of the generated ids. */
  seed?: number;
  /** Starting balance of every account, in micro-cents; unlimited when omitted. */
  balanceMicroCents?: number;
  /** Jobs an account may have pending or processing at once; unlimited when omitted. */
  maxConcurrentJobs?: number;
  /** `retryAfter` sent with CONCURRENT_JOBS_EXCEEDED when the concurrency limit is hit (seconds, may be fractional). */
  concurrencyRetryAfterSeconds?: number;
  webhookSecret?: string;
  /** Delays before each retry of a failed webhook delivery; the documented 1, 4, 16, 64, 256 s by default. */
  webhookRetryDelaysMs?: readonly number[];
  /** A delivery that takes longer than this counts as failed (30 s documented). */
  webhookTimeoutMs?: number;
  /**
   * Where deliveries actually go: lets a test accept an `https://` webhook URL (as the spec demands)
   * and receive it on a local http listener.
   */
  webhookUrlRewrite?: (url: string) => string;
  /** Accept http:// webhook URLs on loopback hosts (default true; the docs require https). */
  allowLoopbackHttpWebhooks?: boolean;
  /** How long a presigned upload URL accepts the PUT (15 min documented). */
  uploadWindowMs?: number;
  /** When an uploaded file expires (60 min documented). */
  uploadTtlMs?: number;
  /** Base of output and file URLs; the server's own URL by default (so they can be downloaded). */
  publicUrl?: string;
  /**
   * CORS headers for a client running in a web page on another origin (off by default): `true`
   * allows any origin, a string or list allows exactly those origins (`"http://127.0.0.1:5173"`).
   * Preflights are answered 204 allowing GET, POST, PUT and whatever request headers they ask for
   * (Authorization, X-Api-Key, custom ones); every answer, errors included, exposes `x-request-id`,
   * `retry-after`, `retry-after-ms` and `location`. A malformed value throws a TypeError here.
   */
  cors?: CorsOption;
  /**
   * Disagree with the spec on purpose (off by default), to test drift detection such as
   * `pixelbyte pricing verify`: other prices (`prices`: base, multipliers), other input schemas
   * (`catalog`: fields added, replaced or removed, required list; used for validation and served by
   * the catalog), an account discount on estimates (`discountPercent`). Malformed: a TypeError here.
   */
  drift?: DriftOptions;
}

export interface ResolvedKey {
  key: string;
  status: "active" | "inactive" | "expired";
  expiresAt: Date | undefined;
  scopes: readonly Scope[];
  allowedIps: readonly string[] | undefined;
  account: string;
  user: "active" | "banned" | "inactive";
}

/** The key the server accepts when none are configured, so demos need no setup. */
export const DEFAULT_API_KEY = "pb_test_local_key";
export const DEFAULT_ACCOUNT = "acct_default";
export const DEFAULT_WEBHOOK_SECRET = "whsec_test_local";
export const DOCUMENTED_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1_000, 4_000, 16_000, 64_000, 256_000];
export const DEFAULT_TIMING: Timing = { pendingMs: 200, processingMs: 800, progress: "documented" };

export function resolveKeys(keys: ServerOptions["apiKeys"]): Map<string, ResolvedKey> {
  const list = keys ?? [DEFAULT_API_KEY];
  return new Map(
    list.map((k) => {
      const c: ApiKeyConfig = typeof k === "string" ? { key: k } : k;
      return [
        c.key,
        {
          key: c.key,
          status: c.status ?? "active",
          expiresAt: c.expiresAt === undefined ? undefined : new Date(c.expiresAt),
          scopes: c.scopes ?? [],
          allowedIps: c.allowedIps,
          account: c.account ?? DEFAULT_ACCOUNT,
          user: c.user ?? "active",
        },
      ];
    }),
  );
}
