import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { OurVrs } from './localDirectory.js';
import type { SyncState } from './sourceProducts.js';
import { SYNC_STATE_SQL } from './syncStateSql.js';
import type { StoredSyncState } from '../tables/sourceStores.js';

/** A GTIN range of one producer's source store: `after < gtin <= until` (no `after`: from the start). */
export interface GtinRange {
  after: string | null;
  until: string;
}

export async function countSourceProducts(db: Kysely<Database>, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('source_products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next `limit` GTINs after `after`, read from the primary key alone (an index-only scan). */
export async function nextSourceGtins(
  db: Kysely<Database>,
  companyId: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  let query = db.selectFrom('source_products').select('gtin').where('company_id', '=', companyId);
  if (after !== null) query = query.where('gtin', '>', after);
  const rows = await query.orderBy('gtin').limit(limit).execute();
  return rows.map((r) => r.gtin);
}

/** A source product with what the network already holds for it, so the sync writes only what changed. */
export interface SourceRecord {
  gtin: string;
  /** As stored: it is validated again by the sync, since prefixes and rules may have changed. */
  data: unknown;
  contentHash: string;
  syncState: SyncState;
  syncReason: string | null;
  /** A source_product_sync row exists (a product that becomes synced drops it: see syncStateSql.ts). */
  stateStored: boolean;
  /** The network row's owner, or null when the GTIN is not in the network. */
  owner: { companyId: string; withdrawn: boolean; sourceHash: string; producerGln: string } | null;
  /** Our directory record is open (no valid-to). */
  directoryOpen: boolean;
  /** ...and says what `publishLocalEntries` would write now. */
  directoryCurrent: boolean;
}

interface PageRow {
  gtin: string;
  data: unknown;
  content_hash: string;
  sync_state: SyncState;
  sync_reason: string | null;
  state_stored: boolean;
  owner_id: string | null;
  owner_withdrawn: boolean;
  source_hash: string;
  producer_gln: string;
  directory_open: boolean;
  directory_current: boolean;
}

/** One keyset page of source products joined with their network product and our directory record: one read per page. */
export async function sourcePage(
  db: Kysely<Database>,
  companyId: string,
  range: GtinRange,
  current: { responderGln: string } & OurVrs,
): Promise<SourceRecord[]> {
  // LATERAL ... LIMIT 1 pins one primary-key probe per product, whatever the statistics say: during
  // a first sync the network and sync-state tables grow from empty, and a plan chosen for "empty" (scan + sort)
  // would cost O(table) per page. \`source || ''\` keeps the probe off the (source, updated_at) index.
  const { rows } = await sql<PageRow>`
    select s.gtin, s.data, s.content_hash, ${sql.raw(SYNC_STATE_SQL)} as sync_state, j.sync_reason, j.sync_state is not null as state_stored,
           n.producer_company_id as owner_id, coalesce(n.withdrawn_at is not null, false) as owner_withdrawn, n.source_hash, n.producer_gln,
           coalesce(d.valid_to is null, false) as directory_open,
           coalesce(d.valid_to is null and (d.responder_gln, d.vrs_name, d.verification_url, d.connectivity_url)
             = (${current.responderGln}, ${current.name}, ${current.verificationUrl}, ${current.connectivityUrl}), false) as directory_current
    from source_products s
    left join lateral (
      select sync_state, sync_reason from source_product_sync where company_id = s.company_id and gtin = s.gtin limit 1) j on true
    left join lateral (
      select producer_company_id, withdrawn_at, source_hash, producer_gln
      from network_products where gtin = s.gtin limit 1) n on true
    left join lateral (
      select valid_to, responder_gln, vrs_name, verification_url, connectivity_url
      from directory_entries where gtin = s.gtin and source || '' = 'local' limit 1) d on true
    where s.company_id = ${companyId} and s.gtin > ${range.after ?? ''} and s.gtin <= ${range.until}
    order by s.gtin`.execute(db);
  return rows.map((r) => ({
    gtin: r.gtin,
    data: r.data,
    contentHash: r.content_hash,
    syncState: r.sync_state,
    syncReason: r.sync_reason,
    stateStored: r.state_stored,
    owner:
      r.owner_id === null
        ? null
        : {
            companyId: r.owner_id,
            withdrawn: r.owner_withdrawn,
            sourceHash: r.source_hash,
            producerGln: r.producer_gln,
          },
    directoryOpen: r.directory_open,
    directoryCurrent: r.directory_current,
  }));
}

export interface SyncStateUpdate {
  gtin: string;
  state: StoredSyncState;
  reason: string | null;
}

/** Records why the sync did not publish these products; rows already saying so are not rewritten. */
export async function setSyncStates(
  db: Kysely<Database>,
  companyId: string,
  updates: readonly SyncStateUpdate[],
): Promise<void> {
  if (updates.length === 0) return;
  const payload = JSON.stringify(updates);
  await sql`
    insert into source_product_sync (company_id, gtin, sync_state, sync_reason)
    select ${companyId}::uuid, u.gtin, u.state, u.reason from jsonb_to_recordset(${payload}::jsonb) as u(gtin char(14), state text, reason text)
    on conflict (company_id, gtin) do update set sync_state = excluded.sync_state, sync_reason = excluded.sync_reason
      where (source_product_sync.sync_state, source_product_sync.sync_reason) is distinct from (excluded.sync_state, excluded.sync_reason)`.execute(
    db,
  );
}

/** Drops the stored states of products that are now synced (their network row says so). */
export async function clearSyncStates(
  db: Kysely<Database>,
  companyId: string,
  gtins: readonly string[],
): Promise<void> {
  if (gtins.length === 0) return;
  await db.deleteFrom('source_product_sync').where('company_id', '=', companyId).where('gtin', 'in', gtins).execute();
}
