import type { Kysely } from 'kysely';
import { getResponseRules, type StoredResponseRules } from '../../db/repositories/responseRules.js';
import type { Database } from '../../db/schema.js';
import { resolveResponseRules, type ResponseRules } from '../../domain/verification/index.js';

/**
 * Producer response rules for the verify hot path. A PUT through this process invalidates at
 * once; other processes see a change within `ttlMs`.
 */
export class ResponseRulesCache {
  private readonly entries = new Map<string, { stored: Promise<StoredResponseRules>; expires: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
  ) {}

  async rulesFor(companyId: string, gtin: string): Promise<ResponseRules> {
    const now = Date.now();
    let entry = this.entries.get(companyId);
    if (!entry || entry.expires <= now) {
      entry = { stored: getResponseRules(this.db, companyId), expires: now + this.ttlMs };
      this.entries.set(companyId, entry);
      entry.stored.catch(() => this.entries.delete(companyId));
    }
    const stored = await entry.stored;
    return resolveResponseRules(stored.rules, stored.overrides.get(gtin));
  }

  invalidate(companyId: string): void {
    this.entries.delete(companyId);
  }
}
