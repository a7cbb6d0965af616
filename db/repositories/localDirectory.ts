import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

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

/**
 * Publishes our records for synced products, valid from now. A record already open and
 * unchanged is left alone (its valid-from stays), so re-running a sync changes nothing;
 * an ended one is reopened from now. Returns how many records were written.
 */
export async function publishLocalEntries(db: Kysely<Database>, entries: readonly { gtin: string; responderGln: string }[], vrs: OurVrs): Promise<number> {
  if (entries.length === 0) return 0;
  const result = await db
    .insertInto('directory_entries')
    .values(
      entries.map((e) => ({
        gtin: e.gtin,
        responder_gln: e.responderGln,
        source: 'local',
        vrs_name: vrs.name,
        verification_url: vrs.verificationUrl,
        connectivity_url: vrs.connectivityUrl,
        valid_from: sql<Date>`now()`,
        valid_to: null,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['gtin', 'source'])
        .doUpdateSet({
          responder_gln: (eb) => eb.ref('excluded.responder_gln'),
          vrs_name: (eb) => eb.ref('excluded.vrs_name'),
          verification_url: (eb) => eb.ref('excluded.verification_url'),
          connectivity_url: (eb) => eb.ref('excluded.connectivity_url'),
          valid_from: sql<Date>`case when directory_entries.valid_to is null then directory_entries.valid_from else excluded.valid_from end`,
          valid_to: null,
          updated_at: sql<Date>`now()`,
        })
        .where(
          sql<boolean>`directory_entries.valid_to is not null
            or (directory_entries.responder_gln, directory_entries.vrs_name, directory_entries.verification_url, directory_entries.connectivity_url)
               is distinct from (excluded.responder_gln, excluded.vrs_name, excluded.verification_url, excluded.connectivity_url)`,
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Ends our open records for products no longer synced: an end date, never a delete, so peers see the change. */
export async function endLocalEntries(db: Kysely<Database>, gtins: readonly string[]): Promise<number> {
  if (gtins.length === 0) return 0;
  const result = await db
    .updateTable('directory_entries')
    .set({ valid_to: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('source', '=', 'local')
    .where('gtin', 'in', gtins)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
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
  return rows.map((r) => ({
    gtin: r.gtin,
    responderGln: r.responder_gln,
    source: r.source,
    vrsName: r.vrs_name,
    verificationUrl: r.verification_url,
    connectivityUrl: r.connectivity_url,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    updatedAt: r.updated_at,
  }));
}
