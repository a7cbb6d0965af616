import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { CredentialCache } from '../auth/credentialCache.js';
import { secretEquals } from '../auth/tokens.js';
import { SESSION_COOKIE, type WebSessions } from '../auth/webSessions.js';
import type { AppEnv } from '../env.js';
import type { Principal } from '../auth/principal.js';

/** The principal a token stands for: the operator token, or an API key or device token. */
export async function principalOf(
  deps: { credentials: CredentialCache; adminToken: string | undefined },
  token: string,
): Promise<Principal | undefined> {
  if (deps.adminToken && secretEquals(token, deps.adminToken)) return { kind: 'operator' };
  return deps.credentials.authenticate(token);
}

/** The token of an `Authorization: Bearer` header; undefined for any other header or none. */
export const bearerToken = (header: string | undefined): string | undefined =>
  header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

/**
 * Resolves the bearer credential (scripts) or the web session cookie (the web UI's pages and
 * their calls) into `c.var.principal`; routes decide what they require.
 */
export function authenticate(deps: {
  credentials: CredentialCache;
  adminToken: string | undefined;
  sessions: WebSessions;
}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get('principal')) {
      const bearer = bearerToken(c.req.header('authorization'));
      if (bearer) c.set('principal', await principalOf(deps, bearer));
      else {
        const sessionId = getCookie(c, SESSION_COOKIE);
        const token = sessionId ? deps.sessions.touch(sessionId) : undefined;
        if (token) {
          // The credential is re-resolved on every request, so a revoked key ends its sessions too.
          c.set('principal', await principalOf(deps, token));
          c.set('viaSession', true);
        }
      }
    }
    await next();
  });
}
