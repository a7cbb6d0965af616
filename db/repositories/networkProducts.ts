import { sql, type Kysely } from 'kysely';
import type { Product } from '../../domain/masterData/product.js';
import type { Database } from '../schema.js';

/** Who holds a GTIN in the network today (one GTIN, one producer). */
export interface NetworkOwner {
  companyId: string;
  withdrawn: boolean;
}

export async function networkOwners(db: Kysely<Database>, gtins: readonly string[]): Promise<Map<string, NetworkOwner>> {
  if (gtins.length === 0) return new Map();
  const rows = await db.selectFrom('network_products').select(['gtin', 'producer_company_id', 'withdrawn_at']).where('gtin', 'in', gtins).execute();
  return new Map(rows.map((r) => [r.gtin, { companyId: r.producer_company_id, withdrawn: r.withdrawn_at !== null }]));
}

export interface NetworkProductInput {
  product: Product;
  producerCompanyId: string;
  producerGln: string;
  sourceHash: string;
}

/**
 * Publishes products. A row is written only when new, changed, withdrawn before, or moved to a
 * new producer GLN; a GTIN held by another producer is never taken over. Returns the GTINs written.
 */
export async function upsertNetworkProducts(db: Kysely<Database>, rows: readonly NetworkProductInput[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const written = await db
    .insertInto('network_products')
    .values(
      rows.map((r) => ({
        gtin: r.product.gtin,
        producer_company_id: r.producerCompanyId,
        producer_gln: r.producerGln,
        ndc10: r.product.ndc,
        ndc11: r.product.ndc11,
        data: JSON.stringify(r.product),
        source_hash: r.sourceHash,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('gtin')
        .doUpdateSet({
          producer_gln: (eb) => eb.ref('excluded.producer_gln'),
          ndc10: (eb) => eb.ref('excluded.ndc10'),
          ndc11: (eb) => eb.ref('excluded.ndc11'),
          data: (eb) => eb.ref('excluded.data'),
          source_hash: (eb) => eb.ref('excluded.source_hash'),
          synced_at: sql<Date>`now()`,
          withdrawn_at: null,
        })
        .where(
          sql<boolean>`network_products.producer_company_id = excluded.producer_company_id and (
            network_products.source_hash is distinct from excluded.source_hash
            or network_products.withdrawn_at is not null
            or network_products.producer_gln is distinct from excluded.producer_gln)`,
        ),
    )
    .returning('gtin')
    .execute();
  return written.map((r) => r.gtin);
}

/** Takes products out of the network without deleting them (history keeps its meaning). Returns the GTINs newly withdrawn. */
export async function withdrawNetworkProducts(db: Kysely<Database>, companyId: string, gtins: readonly string[]): Promise<string[]> {
  if (gtins.length === 0) return [];
  const rows = await db
    .updateTable('network_products')
    .set({ withdrawn_at: sql<Date>`now()` })
    .where('producer_company_id', '=', companyId)
    .where('gtin', 'in', gtins)
    .where('withdrawn_at', 'is', null)
    .returning('gtin')
    .execute();
  return rows.map((r) => r.gtin);
}

/** A product as the network serves it to consumers. */
export interface NetworkProduct {
  product: Product;
  producerGln: string;
  syncedAt: Date;
}

/** Synced (not withdrawn) products among `gtins`, of any producer. */
export async function findNetworkProducts(db: Kysely<Database>, gtins: readonly string[]): Promise<NetworkProduct[]> {
  if (gtins.length === 0) return [];
  const rows = await db
    .selectFrom('network_products')
    .select(['data', 'producer_gln', 'synced_at'])
    .where('gtin', 'in', gtins)
    .where('withdrawn_at', 'is', null)
    .orderBy('gtin')
    .execute();
  return rows.map((r) => ({ product: r.data as Product, producerGln: r.producer_gln, syncedAt: r.synced_at }));
}

/** The network side of one of a producer's own products (withdrawn ones included). */
export async function findOwnNetworkProduct(db: Kysely<Database>, companyId: string, gtin: string): Promise<{ syncedAt: Date; withdrawnAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('network_products')
    .select(['synced_at', 'withdrawn_at'])
    .where('gtin', '=', gtin)
    .where('producer_company_id', '=', companyId)
    .executeTakeFirst();
  return row && { syncedAt: row.synced_at, withdrawnAt: row.withdrawn_at };
}
