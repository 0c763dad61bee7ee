import type { IncomingMessage } from "node:http";
import type { AuthMode } from "./auth.js";
import type { FaultHit } from "./faults.js";
import type { Reply } from "./http.js";
import type { ResolvedKey, Scope } from "./options.js";
import type { ServerState } from "./state.js";

export interface Ctx {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  /** The authenticated key; undefined on public operations. */
  key: ResolvedKey | undefined;
  state: ServerState;
  faults: readonly FaultHit[];
  body(): Promise<Buffer>;
}

export interface Route {
  method: "GET" | "POST" | "PUT";
  /** Path template as in the spec: /v1/jobs/{jobId}. */
  path: string;
  /** The spec's operationId (or a test-server name for the storage/CDN stand-ins). */
  operationId: string;
  auth: AuthMode;
  scope?: Scope;
  /** False for the storage and CDN stand-ins: not part of the API, so default fault rules skip them. */
  api: boolean;
  handle(ctx: Ctx): Reply | Promise<Reply>;
}

export type Match = { route: Route; params: Record<string, string> } | { allowed: string[] } | undefined;

export function match(routes: readonly Route[], method: string, pathname: string): Match {
  const parts = pathname.split("/").slice(1);
  const allowed: string[] = [];
  // Literal routes first so /v1/jobs/estimate never reads as /v1/jobs/{jobId}.
  for (const route of [...routes].sort((a, b) => literalWeight(b) - literalWeight(a))) {
    const params = matchPath(route.path, parts);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

function literalWeight(route: Route): number {
  return route.path.split("/").filter((s) => !s.startsWith("{")).length;
}

function matchPath(template: string, parts: string[]): Record<string, string> | undefined {
  const segments = template.split("/").slice(1);
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith("{")) {
      if (part === "") return undefined;
      try {
        params[seg.slice(1, -1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}
