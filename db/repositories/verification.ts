import { sql, type Kysely } from 'kysely';
import type { SerialState, SerialStatus } from '../../domain/serials/state.js';
import type { Database } from '../schema.js';

/** Everything one verification needs, from ONE indexed query: product, producer and serial. */
export interface AnswerSource {
  producerCompanyId: string;
  producerGln: string;
  timeZone: string;
  serial: SerialState | undefined;
}

interface Row {
  producer_company_id: string;
  producer_gln: string;
  time_zone: string;
  serial: string | null;
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

// The hot path: written once as SQL and compiled once per call site; only the parameters change.
const QUERY = sql<Row>`
  select p.producer_company_id, p.producer_gln, c.time_zone,
         s.serial, s.lot, s.expiry, s.expiry_date, s.extended_expiry, s.extended_expiry_date, s.status,
         s.recalled, s.suspect, s.illegitimate, s.expiration_extended, s.reason_code, s.event_time, s.event_id
  from network_products p
  join companies c on c.id = p.producer_company_id
  left join network_serials s on s.gtin = p.gtin and s.serial = $2
  where p.gtin = $1 and p.withdrawn_at is null`;

/** undefined when the GTIN is not a synced product here. */
export async function findAnswerSource(db: Kysely<Database>, gtin: string, serial: string): Promise<AnswerSource | undefined> {
  const compiled = { ...QUERY.compile(db), parameters: [gtin, serial] };
  const row = (await db.executeQuery<Row>(compiled)).rows[0];
  if (!row) return undefined;
  return {
    producerCompanyId: row.producer_company_id,
    producerGln: row.producer_gln,
    timeZone: row.time_zone,
    serial:
      row.serial === null
        ? undefined
        : {
            gtin,
            serial: row.serial,
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
          },
  };
}
