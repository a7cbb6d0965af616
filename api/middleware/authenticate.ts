import { createMiddleware } from 'hono/factory';
import type { CredentialCache } from '../auth/credentialCache.js';
import { secretEquals } from '../auth/tokens.js';
import type { AppEnv } from '../env.js';

/** Resolves the bearer credential into `c.var.principal`; routes decide what they require. */
export function authenticate(deps: { credentials: CredentialCache; adminToken: string | undefined }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get('principal')) {
      const header = c.req.header('authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      if (token) {
        if (deps.adminToken && secretEquals(token, deps.adminToken)) c.set('principal', { kind: 'operator' });
        else c.set('principal', await deps.credentials.authenticate(token));
      }
    }
    await next();
  });
}
