import type { Kysely } from 'kysely';
import { findProductOwner } from '../../db/repositories/verification.js';
import type { Database } from '../../db/schema.js';

/**
 * GTIN -> producer for verify, which needs the producer to name its serial table. A GTIN keeps
 * its owner, and verify's own query checks the owner against the product row (a withdrawal, or a
 * GTIN that changed hands, makes the caller `forget` it), so an entry lives until then. Unknown
 * GTINs are not remembered: a product synced a moment ago answers at once.
 */
export class GtinProducers {
  private readonly producers = new Map<string, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxEntries = 100_000,
  ) {}

  /** The remembered producer, without a query (undefined: look it up). */
  known(gtin: string): string | undefined {
    return this.producers.get(gtin);
  }

  async lookUp(gtin: string): Promise<string | undefined> {
    const owner = await findProductOwner(this.db, gtin);
    if (!owner) return undefined;
    if (this.producers.size >= this.maxEntries) this.producers.clear();
    this.producers.set(gtin, owner.producerCompanyId);
    return owner.producerCompanyId;
  }

  forget(gtin: string): void {
    this.producers.delete(gtin);
  }
}
