import type { IncomingMessage } from "node:http";
import { ApiFailure } from "./http.js";
import type { ResolvedKey, Scope } from "./options.js";

/**
 * - `bearer`: `Authorization: Bearer <key>` (every job and upload operation).
 * - `bearer-or-api-key`: /v1/models* and /v1/providers*, whose pages ask for `x-api-key`; the spec
 *   declares both (decision 2 in docs/decisions.md). Either header is accepted; every header sent must be valid.
 * - `optional-bearer`: public, but a key that is sent must be valid (catalog models).
 * - `public`: no key looked at.
 */
export type AuthMode = "bearer" | "bearer-or-api-key" | "optional-bearer" | "public";

const UNAUTHORIZED_HEADERS = { "www-authenticate": 'Bearer realm="pixelbyte"' };

export function authenticate(req: IncomingMessage, keys: ReadonlyMap<string, ResolvedKey>, mode: AuthMode, scope: Scope | undefined): ResolvedKey | undefined {
  if (mode === "public") return undefined;
  const authorization = req.headers.authorization;
  const apiKeyHeader = req.headers["x-api-key"];
  const sent: string[] = [];
  if (authorization !== undefined) sent.push(bearerToken(authorization));
  if (mode === "bearer-or-api-key" && typeof apiKeyHeader === "string") sent.push(apiKeyHeader.trim());
  if (sent.length === 0) {
    if (mode === "optional-bearer") return undefined;
    throw new ApiFailure("UNAUTHORIZED", mode === "bearer-or-api-key" ? "No API key was sent. Send Authorization: Bearer <key> (or x-api-key)." : "Missing or invalid Authorization header. Provide a valid API key as a Bearer token.", { headers: UNAUTHORIZED_HEADERS });
  }
  let found: ResolvedKey | undefined;
  for (const token of sent) {
    const key = check(token, keys);
    if (found && found.key !== key.key) throw new ApiFailure("INVALID_API_KEY", "Authorization and x-api-key carry different keys.", { headers: UNAUTHORIZED_HEADERS });
    found = key;
  }
  const key = found!;
  if (key.user === "banned") throw new ApiFailure("USER_BANNED", "This account is banned.");
  if (key.user === "inactive") throw new ApiFailure("USER_INACTIVE", "This account is inactive.");
  if (key.allowedIps && !key.allowedIps.includes(clientIp(req))) {
    throw new ApiFailure("IP_NOT_WHITELISTED", `This IP (${clientIp(req)}) is not allowed for the API key.`, { details: { ip: clientIp(req) } });
  }
  if (scope && key.scopes.length > 0 && !key.scopes.includes(scope)) {
    throw new ApiFailure("OPERATION_NOT_ALLOWED", `The API key lacks the ${scope} scope.`, { details: { requiredScope: scope, scopes: key.scopes } });
  }
  return key;
}

function bearerToken(header: string): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiFailure("UNAUTHORIZED", "Missing or invalid Authorization header. Provide a valid API key as a Bearer token.", { headers: UNAUTHORIZED_HEADERS });
  return match[1]!;
}

function check(token: string, keys: ReadonlyMap<string, ResolvedKey>): ResolvedKey {
  const key = keys.get(token);
  if (!key) throw new ApiFailure("INVALID_API_KEY", "The API key is not valid.", { headers: UNAUTHORIZED_HEADERS });
  if (key.status === "inactive") throw new ApiFailure("API_KEY_INACTIVE", "The API key has been deactivated.", { headers: UNAUTHORIZED_HEADERS });
  if (key.status === "expired" || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) {
    throw new ApiFailure("API_KEY_EXPIRED", "The API key has expired.", { headers: UNAUTHORIZED_HEADERS });
  }
  return key;
}

/** The caller's IP without the IPv4-mapped IPv6 prefix, so "127.0.0.1" matches either stack. */
export function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}
