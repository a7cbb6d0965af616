import type { Kysely } from 'kysely';
import { findProductOwner, type ProductOwner } from '../../db/repositories/verification.js';
import type { Database } from '../../db/schema.js';

/**
 * GTIN -> owner, for checkConnectivity, which partners may poll often, and for verify, which
 * needs the owner to name its serial partition. Products change only through syncs; a sync or
 * withdrawal shows within `ttlMs` (unknown GTINs are re-checked as often). Verify's own query
 * re-reads the product with the serial, so there a withdrawal shows on the very next request.
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

  /** Drops one GTIN: its owner is read afresh next time. */
  forget(gtin: string): void {
    this.entries.delete(gtin);
  }

  invalidate(): void {
    this.entries.clear();
  }
}
