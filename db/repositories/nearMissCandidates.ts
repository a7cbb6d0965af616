import type { Kysely } from 'kysely';
import type { NearCandidate } from '../../domain/verification/nearMiss.js';
import { poolOf } from '../pool.js';
import type { Database } from '../schema.js';
import { quoted, serialTableOf } from '../serialSync/serialTables.js';

// Each look-up is bounded: primary-key probes of the producer's own serial table (GTIN, serial),
// a handful of rows at most, so a near-miss search never scans a producer's serials.
const MAX_PACKS = 10;
/** A producer with more GTINs than this is searched in its first ones only (serial under another GTIN). */
const MAX_GTINS = 1_000;
const UNDEFINED_TABLE = '42P01';

interface PackRow {
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  expiry_date: string;
}

const toCandidate = (r: PackRow): NearCandidate => ({
  gtin: r.gtin,
  pack: { serial: r.serial, lot: r.lot, expiry: r.expiry, expiryDate: r.expiry_date },
});

async function packs(db: Kysely<Database>, producerId: string, gtins: string[], serials: string[]) {
  if (gtins.length === 0 || serials.length === 0) return [];
  try {
    const { rows } = await poolOf(db).query<PackRow>(
      `select gtin, serial, lot, expiry, expiry_date::text as expiry_date from ${quoted(serialTableOf(producerId))}
       where gtin = any($1::char(14)[]) and serial = any($2::text[]) limit ${MAX_PACKS}`,
      [gtins, serials],
    );
    return rows.map(toCandidate);
  } catch (error) {
    // A producer whose serials never synced has no table: nothing is near.
    if ((error as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw error;
  }
}

/** Packs of one GTIN under any of these serials (the request's own serial, or its variants). */
export const packsOfSerials = (db: Kysely<Database>, producerId: string, gtin: string, serials: string[]) =>
  packs(db, producerId, [gtin], serials);

/** Packs with this serial under the producer's other GTINs. */
export async function serialUnderOtherGtins(
  db: Kysely<Database>,
  producerId: string,
  gtin: string,
  serial: string,
): Promise<NearCandidate[]> {
  const rows = await db
    .selectFrom('network_products')
    .select('gtin')
    .where('producer_company_id', '=', producerId)
    .where('withdrawn_at', 'is', null)
    .where('gtin', '!=', gtin)
    .orderBy('gtin')
    .limit(MAX_GTINS)
    .execute();
  return packs(
    db,
    producerId,
    rows.map((r) => r.gtin),
    [serial],
  );
}

/** Synced products among these GTINs, with their producer. */
export async function productsOfGtins(
  db: Kysely<Database>,
  gtins: string[],
): Promise<(NearCandidate & { producerCompanyId: string })[]> {
  if (gtins.length === 0) return [];
  const rows = await db
    .selectFrom('network_products')
    .select(['gtin', 'producer_company_id'])
    .where('gtin', 'in', gtins)
    .where('withdrawn_at', 'is', null)
    .execute();
  return rows.map((r) => ({ gtin: r.gtin, producerCompanyId: r.producer_company_id }));
}
