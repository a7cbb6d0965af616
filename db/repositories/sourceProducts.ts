import { sql, type Kysely } from 'kysely';
import type { Product } from '../../domain/masterData/product.js';
import type { Database } from '../schema.js';
import type { SourceProductRow } from '../tables/sourceStores.js';
import { SYNC_STATE_SQL } from './syncStateSql.js';

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

type JudgedRow = SourceProductRow & { sync_state: SyncState; sync_reason: string | null };

const toSourceProduct = (row: JudgedRow): SourceProduct => ({
  product: row.data as Product,
  uploadId: row.upload_id,
  contentHash: row.content_hash,
  syncState: row.sync_state,
  syncReason: row.sync_reason,
  updatedAt: row.updated_at,
});

const syncState = sql<SyncState>`${sql.raw(SYNC_STATE_SQL)}`;

/** Source products with their sync state (pending when the last sync has not judged them). */
const judgedProducts = (db: Kysely<Database>, companyId: string) =>
  db
    .selectFrom('source_products as s')
    .leftJoin('source_product_sync as j', (join) =>
      join.onRef('j.company_id', '=', 's.company_id').onRef('j.gtin', '=', 's.gtin'),
    )
    .leftJoin('network_products as n', 'n.gtin', 's.gtin')
    .selectAll('s')
    .select([syncState.as('sync_state'), 'j.sync_reason'])
    .where('s.company_id', '=', companyId);

export interface SourceProductInput {
  product: Product;
  contentHash: string;
}

/**
 * Stores one batch of accepted products. A row whose content is unchanged is left exactly as it
 * was (upload id, sync state), so a repeated upload changes nothing; a changed one is pending
 * again until the next sync. Returns how many rows were written. The batch must not repeat a GTIN.
 */
export async function upsertSourceProducts(
  db: Kysely<Database>,
  companyId: string,
  uploadId: string,
  batch: readonly SourceProductInput[],
): Promise<number> {
  if (batch.length === 0) return 0;
  const result = await db
    .insertInto('source_products')
    .values(
      batch.map((p) => ({
        company_id: companyId,
        gtin: p.product.gtin,
        upload_id: uploadId,
        data: JSON.stringify(p.product),
        content_hash: p.contentHash,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'gtin'])
        .doUpdateSet({
          upload_id: (eb) => eb.ref('excluded.upload_id'),
          data: (eb) => eb.ref('excluded.data'),
          content_hash: (eb) => eb.ref('excluded.content_hash'),
          updated_at: sql<Date>`now()`,
        })
        .where(sql<boolean>`source_products.content_hash is distinct from excluded.content_hash`),
    )
    .returning('gtin')
    .execute();
  const written = result.map((r) => r.gtin);
  if (written.length > 0)
    await db
      .deleteFrom('source_product_sync')
      .where('company_id', '=', companyId)
      .where('gtin', 'in', written)
      .execute();
  return written.length;
}

/** One page of a producer's products in GTIN order (keyset), optionally in one sync state. */
export async function listSourceProducts(
  db: Kysely<Database>,
  companyId: string,
  page: { after?: string; limit: number; syncState?: SyncState },
): Promise<(SourceProduct & { gtin: string })[]> {
  let query = judgedProducts(db, companyId);
  if (page.after !== undefined) query = query.where('s.gtin', '>', page.after);
  if (page.syncState !== undefined) query = query.where(syncState, '=', page.syncState);
  const rows = await query.orderBy('s.gtin').limit(page.limit).execute();
  return rows.map((row) => ({ gtin: row.gtin, ...toSourceProduct(row) }));
}

export async function findSourceProduct(
  db: Kysely<Database>,
  companyId: string,
  gtin: string,
): Promise<SourceProduct | undefined> {
  const row = await judgedProducts(db, companyId).where('s.gtin', '=', gtin).executeTakeFirst();
  return row && toSourceProduct(row);
}
