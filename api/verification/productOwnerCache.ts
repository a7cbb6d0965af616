import type { Kysely } from 'kysely';
import { findProductOwner, type ProductOwner } from '../../db/repositories/verification.js';
import type { Database } from '../../db/schema.js';

/**
 * GTIN -> owner for checkConnectivity, which partners may poll often. Products change only
 * through syncs; a sync or withdrawal shows within `ttlMs` (unknown GTINs are re-checked as
 * often). Verify does not use it: its one query reads the product with the serial, so a
 * withdrawal shows on the very next verification.
 */
export class ProductOwnerCache {
  private readonly entries = new Map<string, { owner: Promise<ProductOwner | undefined>; expires: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 100_000,
  ) {}

  ownerOf(gtin: string): Promise<ProductOwner | undefined> {
    const now = Date.now();
    const entry = this.entries.get(gtin);
    if (entry && entry.expires > now) return entry.owner;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const owner = findProductOwner(this.db, gtin);
    this.entries.set(gtin, { owner, expires: now + this.ttlMs });
    owner.catch(() => this.entries.delete(gtin));
    return owner;
  }

  invalidate(): void {
    this.entries.clear();
  }
}
