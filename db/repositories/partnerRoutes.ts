import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Where a GTIN that no local producer answers is routed: a partner's Lookup Directory record. */
export interface PartnerRoute {
  gtin: string;
  partnerId: string;
  partnerName: string;
  responderGln: string;
  verificationUrl: string;
  connectivityUrl: string;
  validTo: Date | null;
  /** The partner's ATP presentation header; null: ATP_HEADER. */
  atpHeader: string | null;
}

/**
 * The partner record for a GTIN valid at `now` (valid_from <= now < valid_to, or open); of two
 * partners claiming it, the one domain/directory/precedence.ts's winningRecord picks (later
 * valid-from, then later change, then lower source), so routing follows the record the conflict
 * list names as winner. Records name their partner by id in `source`.
 */
export async function findPartnerRoute(
  db: Kysely<Database>,
  gtin: string,
  now: Date,
): Promise<PartnerRoute | undefined> {
  const row = await db
    .selectFrom('directory_entries as d')
    .innerJoin('partners as p', (join) => join.on(sql`p.id::text`, '=', sql.ref('d.source')))
    .select([
      'd.gtin',
      'p.id as partnerId',
      'p.name as partnerName',
      'd.responder_gln as responderGln',
      'd.verification_url as verificationUrl',
      'd.connectivity_url as connectivityUrl',
      'd.valid_to as validTo',
      'p.atp_header as atpHeader',
    ])
    .where('d.gtin', '=', gtin)
    .where('d.source', '<>', 'local')
    .where('d.valid_from', '<=', now)
    .where((eb) => eb.or([eb('d.valid_to', 'is', null), eb('d.valid_to', '>', now)]))
    .orderBy('d.valid_from', 'desc')
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.source', 'asc')
    .limit(1)
    .executeTakeFirst();
  return row;
}
