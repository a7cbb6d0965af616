import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { DirectoryEntryRow } from '../tables/network.js';

/** How our own installation appears in Lookup Directory records. */
export interface OurVrs {
  name: string;
  verificationUrl: string;
  connectivityUrl: string;
}

export interface DirectoryEntry {
  gtin: string;
  responderGln: string;
  source: string;
  vrsName: string;
  verificationUrl: string;
  connectivityUrl: string;
  validFrom: Date;
  validTo: Date | null;
  updatedAt: Date;
}

/** A directory_entries row as the API and peers see it. */
export const toDirectoryEntry = (r: DirectoryEntryRow): DirectoryEntry => ({
  gtin: r.gtin,
  responderGln: r.responder_gln,
  source: r.source,
  vrsName: r.vrs_name,
  verificationUrl: r.verification_url,
  connectivityUrl: r.connectivity_url,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  updatedAt: r.updated_at,
});

/**
 * Validity bounds are read against JavaScript dates (milliseconds): a microsecond bound would
 * leave a record ended "now" still valid for the rest of that millisecond.
 */
const msNow = sql`date_trunc('milliseconds', now())`;

/**
 * Publishes our records for synced products, valid from now. A record already open and
 * unchanged is left alone (its valid-from stays), so re-running a sync changes nothing;
 * an ended one is reopened from now. Returns how many records were written.
 */
export async function publishLocalEntries(
  db: Kysely<Database>,
  gtins: readonly string[],
  responderGln: string,
  vrs: OurVrs,
): Promise<number> {
  if (gtins.length === 0) return 0;
  const result = await sql`
    insert into directory_entries (gtin, responder_gln, source, vrs_name, verification_url, connectivity_url, valid_from)
    select g, ${responderGln}, 'local', ${vrs.name}, ${vrs.verificationUrl}, ${vrs.connectivityUrl}, ${msNow}
    from unnest(${gtins}::char(14)[]) as g
    on conflict (gtin, source) do update set
      responder_gln = excluded.responder_gln, vrs_name = excluded.vrs_name,
      verification_url = excluded.verification_url, connectivity_url = excluded.connectivity_url,
      valid_from = case when directory_entries.valid_to is null then directory_entries.valid_from else excluded.valid_from end,
      valid_to = null, updated_at = now()
    where directory_entries.valid_to is not null
      or (directory_entries.responder_gln, directory_entries.vrs_name, directory_entries.verification_url, directory_entries.connectivity_url)
         is distinct from (excluded.responder_gln, excluded.vrs_name, excluded.verification_url, excluded.connectivity_url)`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Ends our open records for products no longer synced: an end date, never a delete, so peers
 * see the change. Found by GTIN (`source || ''`: see sourcePage), never by scanning all local records.
 */
export async function endLocalEntries(db: Kysely<Database>, gtins: readonly string[]): Promise<number> {
  if (gtins.length === 0) return 0;
  const result = await sql`
    update directory_entries set valid_to = ${msNow}, updated_at = now()
    where gtin = any(${gtins}::char(14)[]) and source || '' = 'local' and valid_to is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** A producer's own records (open and ended), in GTIN order. */
export async function listProducerDirectory(
  db: Kysely<Database>,
  companyId: string,
  page: { gtin?: string; after?: string; limit: number },
): Promise<DirectoryEntry[]> {
  let query = db
    .selectFrom('directory_entries as d')
    .innerJoin('network_products as p', 'p.gtin', 'd.gtin')
    .selectAll('d')
    .where('p.producer_company_id', '=', companyId)
    .where('d.source', '=', 'local');
  if (page.gtin !== undefined) query = query.where('d.gtin', '=', page.gtin);
  if (page.after !== undefined) query = query.where('d.gtin', '>', page.after);
  const rows = await query.orderBy('d.gtin').limit(page.limit).execute();
  return rows.map(toDirectoryEntry);
}
