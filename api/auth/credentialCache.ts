import type { Kysely } from 'kysely';
import { findActiveCredential, type StoredCredential } from '../../db/repositories/apiKeys.js';
import type { Database } from '../../db/schema.js';
import type { CompanyPrincipal } from './principal.js';
import { tokenMatches, tokenPrefix } from './tokens.js';

/**
 * Resolves API keys and device tokens with a short-lived cache: verify is a hot path and
 * must not pay an extra query per request. A revocation through this process takes effect
 * at once (forget); other processes see it within `ttlMs`.
 */
export class CredentialCache {
  private readonly entries = new Map<
    string,
    {
      credential: Promise<StoredCredential | undefined>;
      expires: number;
      verified?: { token: string; principal: CompanyPrincipal };
    }
  >();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
  ) {}

  async authenticate(token: string): Promise<CompanyPrincipal | undefined> {
    const prefix = tokenPrefix(token);
    if (!prefix) return undefined;
    const now = Date.now();
    let entry = this.entries.get(prefix);
    if (!entry || entry.expires <= now) {
      // The requests in flight when an entry expires share one lookup, not one query each.
      const fresh = { credential: findActiveCredential(this.db, prefix), expires: now + this.ttlMs };
      if (this.ttlMs > 0) {
        this.entries.set(prefix, fresh);
        // A failed lookup is not remembered: the next request asks again.
        fresh.credential.catch(() => {
          if (this.entries.get(prefix) === fresh) this.entries.delete(prefix);
        });
      }
      entry = fresh;
    }
    // The token last proven for this entry skips the SHA-256: one hash per key per TTL, not per request.
    if (entry.verified?.token === token) return entry.verified.principal;
    const credential = await entry.credential;
    if (!credential || !tokenMatches(token, credential.keyHash)) return undefined;
    const principal: CompanyPrincipal = {
      kind: 'company',
      company: credential.company,
      keyId: credential.keyId,
      deviceId: credential.deviceId,
    };
    entry.verified = { token, principal };
    return principal;
  }

  forget(prefix?: string): void {
    if (prefix) this.entries.delete(prefix);
    else this.entries.clear();
  }
}
