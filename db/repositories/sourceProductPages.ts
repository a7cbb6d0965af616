import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SyncState } from './sourceProducts.js';

/** A GTIN range of one producer's source store: `after < gtin <= until` (no `after`: from the start). */
export interface GtinRange {
  after: string | null;
  until: string;
}

export async function countSourceProducts(db: Kysely<Database>, companyId: string): Promise<number> {
  const row = await db.selectFrom('source_products').select((eb) => eb.fn.countAll<number>().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next `limit` GTINs after `after`, read from the primary key alone (an index-only scan). */
export async function nextSourceGtins(db: Kysely<Database>, companyId: string, after: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('source_products').select('gtin').where('company_id', '=', companyId);
  if (after !== null) query = query.where('gtin', '>', after);
  const rows = await query.orderBy('gtin').limit(limit).execute();
  return rows.map((r) => r.gtin);
}

export interface SourceRecord {
  gtin: string;
  /** As stored: it is validated again by the sync, since prefixes and rules may have changed. */
  data: unknown;
  syncState: SyncState;
  syncReason: string | null;
}

export async function sourceProductsInRange(db: Kysely<Database>, companyId: string, range: GtinRange): Promise<SourceRecord[]> {
  let query = db.selectFrom('source_products').select(['gtin', 'data', 'sync_state', 'sync_reason']).where('company_id', '=', companyId);
  if (range.after !== null) query = query.where('gtin', '>', range.after);
  const rows = await query.where('gtin', '<=', range.until).orderBy('gtin').execute();
  return rows.map((r) => ({ gtin: r.gtin, data: r.data, syncState: r.sync_state, syncReason: r.sync_reason }));
}

export interface SyncStateUpdate {
  gtin: string;
  state: SyncState;
  reason: string | null;
}

/** Records what the sync did with each product; rows already in that state are not rewritten. */
export async function setSyncStates(db: Kysely<Database>, companyId: string, updates: readonly SyncStateUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const payload = JSON.stringify(updates);
  await sql`
    update source_products s set sync_state = u.state, sync_reason = u.reason
    from jsonb_to_recordset(${payload}::jsonb) as u(gtin char(14), state text, reason text)
    where s.company_id = ${companyId} and s.gtin = u.gtin
      and (s.sync_state is distinct from u.state or s.sync_reason is distinct from u.reason)`.execute(db);
}
