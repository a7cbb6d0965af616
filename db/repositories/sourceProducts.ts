import { sql, type Kysely } from 'kysely';
import type { Product } from '../../domain/masterData/product.js';
import type { Database } from '../schema.js';
import type { SourceProductRow } from '../tables/sourceStores.js';

export type SyncState = 'pending' | 'synced' | 'skipped' | 'withdrawn';

/** A product in a producer's source store, with how the last sync treated it. */
export interface SourceProduct {
  product: Product;
  uploadId: string;
  contentHash: string;
  syncState: SyncState;
  syncReason: string | null;
  updatedAt: Date;
}

export const toSourceProduct = (row: SourceProductRow): SourceProduct => ({
  product: row.data as Product,
  uploadId: row.upload_id,
  contentHash: row.content_hash,
  syncState: row.sync_state,
  syncReason: row.sync_reason,
  updatedAt: row.updated_at,
});

export interface SourceProductInput {
  product: Product;
  contentHash: string;
}

/**
 * Stores one batch of accepted products. A row whose content is unchanged is left exactly as it
 * was (upload id, sync state), so a repeated upload changes nothing; a changed one waits for the
 * next sync. Returns how many rows were written. The batch must not repeat a GTIN.
 */
export async function upsertSourceProducts(db: Kysely<Database>, companyId: string, uploadId: string, batch: readonly SourceProductInput[]): Promise<number> {
  if (batch.length === 0) return 0;
  const result = await db
    .insertInto('source_products')
    .values(batch.map((p) => ({ company_id: companyId, gtin: p.product.gtin, upload_id: uploadId, data: JSON.stringify(p.product), content_hash: p.contentHash })))
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'gtin'])
        .doUpdateSet({
          upload_id: (eb) => eb.ref('excluded.upload_id'),
          data: (eb) => eb.ref('excluded.data'),
          content_hash: (eb) => eb.ref('excluded.content_hash'),
          sync_state: 'pending',
          sync_reason: null,
          updated_at: sql<Date>`now()`,
        })
        .where(sql<boolean>`source_products.content_hash is distinct from excluded.content_hash`),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** One page of a producer's products in GTIN order (keyset), optionally in one sync state. */
export async function listSourceProducts(
  db: Kysely<Database>,
  companyId: string,
  page: { after?: string; limit: number; syncState?: SyncState },
): Promise<(SourceProduct & { gtin: string })[]> {
  let query = db.selectFrom('source_products').selectAll().where('company_id', '=', companyId);
  if (page.after !== undefined) query = query.where('gtin', '>', page.after);
  if (page.syncState !== undefined) query = query.where('sync_state', '=', page.syncState);
  const rows = await query.orderBy('gtin').limit(page.limit).execute();
  return rows.map((row) => ({ gtin: row.gtin, ...toSourceProduct(row) }));
}

export async function findSourceProduct(db: Kysely<Database>, companyId: string, gtin: string): Promise<SourceProduct | undefined> {
  const row = await db.selectFrom('source_products').selectAll().where('company_id', '=', companyId).where('gtin', '=', gtin).executeTakeFirst();
  return row && toSourceProduct(row);
}
