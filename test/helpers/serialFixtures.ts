import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export const FIXTURE_GTINS = ['00305910369019', '00305910369026', '00305910369033', '00305910369040'];

/**
 * `count` serials over four GTINs, written straight in SQL (generate_series) to be quick, with
 * the awkward cases mixed in: every serial a full-state row (recalled every 50th); every 10th
 * decommissioned a day later by a partial EPCIS event; every 25th also has an OLDER full state
 * (destroyed) that must lose; every 7th a newer aggregation event that must change nothing.
 */
export async function seedSyntheticSerials(db: Kysely<Database>, companyId: string, count: number): Promise<void> {
  await sql`
    with base as (
      select i, (${sql.lit(`{${FIXTURE_GTINS.join(',')}}`)}::text[])[1 + i % 4] as gtin, 'SN' || lpad(i::text, 8, '0') as serial,
             timestamptz '2026-01-01' + i * interval '1 ms' as t
      from generate_series(1, ${count}::int) i)
    insert into source_serial_events (company_id, event_id, upload_id, kind, affects_state, full_state, gtin, serial, lot, expiry, expiry_date,
      status, recalled, suspect, illegitimate, expiration_extended, reason_code, event_time)
    select ${companyId}::uuid, 'a-' || i, gen_random_uuid(), 'object', true, true, gtin, serial, 'L' || (i / 1000), '280131', date '2028-01-31',
           'commissioned', i % 50 = 0, false, false, false, null, t from base
    union all
    select ${companyId}::uuid, 'b-' || i, gen_random_uuid(), 'object', true, false, gtin, serial, null, null, null,
           'decommissioned', null, null, null, null, null, t + interval '1 day' from base where i % 10 = 0
    union all
    select ${companyId}::uuid, 'c-' || i, gen_random_uuid(), 'object', true, true, gtin, serial, 'OLD', '270131', date '2027-01-31',
           'destroyed', false, false, false, false, 'R1', t - interval '1 day' from base where i % 25 = 0
    union all
    select ${companyId}::uuid, 'd-' || i, gen_random_uuid(), 'aggregation', false, false, gtin, serial, null, null, null,
           null, null, null, null, null, null, t + interval '2 days' from base where i % 7 = 0`.execute(db);
  await sql`analyze source_serial_events`.execute(db);
}
