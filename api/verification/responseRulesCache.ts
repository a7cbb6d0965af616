import type { Kysely } from 'kysely';
import { getResponseRules } from '../../db/repositories/responseRules.js';
import type { Database } from '../../db/schema.js';
import { resolveResponseRules, type ResponseRules } from '../../domain/verification/index.js';

/** One producer's rules, merged with the defaults once per load rather than once per request. */
interface Resolved {
  company: ResponseRules;
  overrides: Map<string, ResponseRules>;
}

interface Entry {
  resolved: Resolved | undefined;
  loading: Promise<Resolved> | undefined;
  expires: number;
}

/**
 * Producer response rules for the verify hot path. A PUT through this process invalidates at
 * once; other processes see a change within `ttlMs` (an expired entry is still served while one
 * background reload runs, so only a producer's first verification waits for the database).
 */
export class ResponseRulesCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
  ) {}

  async rulesFor(companyId: string, gtin: string): Promise<ResponseRules> {
    const entry = this.entries.get(companyId);
    let resolved = entry?.resolved;
    if (entry && resolved) {
      if (entry.expires <= Date.now() && !entry.loading) this.load(companyId, entry).catch(() => undefined); // stale until it succeeds
    } else {
      resolved = await (entry?.loading ?? this.load(companyId, undefined));
    }
    return resolved.overrides.get(gtin) ?? resolved.company;
  }

  invalidate(companyId: string): void {
    this.entries.delete(companyId);
  }

  private load(companyId: string, existing: Entry | undefined): Promise<Resolved> {
    const entry: Entry = existing ?? { resolved: undefined, loading: undefined, expires: 0 };
    if (!existing) this.entries.set(companyId, entry);
    const loading = getResponseRules(this.db, companyId).then(
      (stored) => {
        const resolved = { company: resolveResponseRules(stored.rules), overrides: new Map<string, ResponseRules>() };
        for (const [gtin, override] of stored.overrides)
          resolved.overrides.set(gtin, resolveResponseRules(stored.rules, override));
        // An invalidation while this ran removed the entry: do not bring old rules back.
        if (this.entries.get(companyId) === entry)
          Object.assign(entry, { resolved, loading: undefined, expires: Date.now() + this.ttlMs });
        return resolved;
      },
      (error: unknown) => {
        entry.loading = undefined;
        if (!entry.resolved && this.entries.get(companyId) === entry) this.entries.delete(companyId);
        throw error;
      },
    );
    entry.loading = loading;
    return loading;
  }
}
