import { sql, type Kysely } from 'kysely';
import type { SerialState, SerialStatus } from '../../domain/serials/state.js';
import type { Database } from '../schema.js';

/** Who answers for a synced GTIN, and in which time zone its packs expire. */
export interface ProductOwner {
  producerCompanyId: string;
  producerGln: string;
  timeZone: string;
}

/** undefined when the GTIN is not a synced (and not withdrawn) product here. */
export async function findProductOwner(db: Kysely<Database>, gtin: string): Promise<ProductOwner | undefined> {
  const row = await db
    .selectFrom('network_products as p')
    .innerJoin('companies as c', 'c.id', 'p.producer_company_id')
    .select(['p.producer_company_id', 'p.producer_gln', 'c.time_zone'])
    .where('p.gtin', '=', gtin)
    .where('p.withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row && { producerCompanyId: row.producer_company_id, producerGln: row.producer_gln, timeZone: row.time_zone };
}

interface SerialRow {
  lot: string;
  expiry: string;
  expiry_date: string;
  extended_expiry: string | null;
  extended_expiry_date: string | null;
  status: SerialStatus;
  recalled: boolean;
  suspect: boolean;
  illegitimate: boolean;
  expiration_extended: boolean;
  reason_code: string | null;
  event_time: Date;
  event_id: string;
}

// The verify hot path: one primary-key lookup, written once as SQL and compiled once.
const SERIAL_QUERY = sql<SerialRow>`
  select lot, expiry, expiry_date, extended_expiry, extended_expiry_date, status,
         recalled, suspect, illegitimate, expiration_extended, reason_code, event_time, event_id
  from network_serials where gtin = $1 and serial = $2`;

export async function findSerialState(db: Kysely<Database>, gtin: string, serial: string): Promise<SerialState | undefined> {
  const row = (await db.executeQuery<SerialRow>({ ...SERIAL_QUERY.compile(db), parameters: [gtin, serial] })).rows[0];
  if (!row) return undefined;
  return {
    gtin,
    serial,
    lot: row.lot,
    expiry: row.expiry,
    expiryDate: row.expiry_date,
    extendedExpiry: row.extended_expiry,
    extendedExpiryDate: row.extended_expiry_date,
    status: row.status,
    flags: { recalled: row.recalled, suspect: row.suspect, illegitimate: row.illegitimate, expirationExtended: row.expiration_extended },
    reasonCode: row.reason_code,
    eventTime: row.event_time.toISOString(),
    eventId: row.event_id,
  };
}
