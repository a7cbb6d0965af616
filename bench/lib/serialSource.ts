import { sql, type Kysely } from 'kysely';
import { insertCompany } from '../../db/repositories/companies.js';
import { putSerialRules } from '../../db/repositories/serialRules.js';
import type { Database } from '../../db/schema.js';

export const BENCH_SERIAL_PREFIX = '0361414';
export const BENCH_SERIAL_GTINS = 100;

/** GTIN-14 (indicator 0, prefix 0361414, item reference i) with its check digit. */
export function benchGtin(i: number): string {
  const body = `0${BENCH_SERIAL_PREFIX}${String(i).padStart(5, '0')}`;
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += Number(body[12 - k]) * (k % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

/** The producer whose serials the benchmarks generate, upload and sync: every serial shared (rules on, no filter). */
export async function insertSerialProducer(db: Kysely<Database>): Promise<{ id: string; gln: string }> {
  const producer = await insertCompany(db, {
    name: 'Bench Source Pharma',
    gln: '0361414000001',
    roles: ['producer'],
    company_prefixes: [BENCH_SERIAL_PREFIX],
  });
  await putSerialRules(db, producer.id, { enabled: true, include: [] });
  return producer;
}

// Secondary indexes are dropped while loading and rebuilt after: loading is not what is measured.
const INDEXES = [
  [
    'source_serial_events_serial_idx',
    'create index source_serial_events_serial_idx on source_serial_events (company_id, gtin, serial, event_time)',
  ],
  [
    'source_serial_events_seq_idx',
    'create index source_serial_events_seq_idx on source_serial_events (company_id, seq)',
  ],
  [
    'source_serial_events_state_idx',
    `create index source_serial_events_state_idx on source_serial_events (company_id, gtin, serial, event_time desc, event_id collate "C" desc) where affects_state`,
  ],
] as const;

/**
 * `count` serials of one producer as uploaded CSV rows (one full-state event each) over 100
 * GTINs, generated in SQL (generate_series) in chunks of a million, GTIN by GTIN as uploads
 * come. Ends with VACUUM (FREEZE, ANALYZE), as autovacuum would in time, so counts use index-only
 * scans. Autovacuum stays off until then: its passes during the load left about a tenth of the
 * pages not all-visible after that VACUUM, and index-only scans of them read the heap as well.
 */
export async function generateSerialSource(
  db: Kysely<Database>,
  companyId: string,
  count: number,
  log: (line: string) => void,
): Promise<void> {
  await sql`alter table source_serial_events set (autovacuum_enabled = false)`.execute(db);
  for (const [name] of INDEXES) await sql`drop index ${sql.ref(name)}`.execute(db);
  const gtins = Array.from({ length: BENCH_SERIAL_GTINS }, (_, i) => benchGtin(i + 1));
  const perGtin = Math.ceil(count / BENCH_SERIAL_GTINS);
  const CHUNK = 1_000_000;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await sql`insert into source_serial_events (company_id, event_id, upload_id, kind, affects_state, full_state, gtin, serial, lot, expiry, expiry_date,
        status, recalled, suspect, illegitimate, expiration_extended, reason_code, event_time)
      select ${companyId}::uuid, 'ev-' || i, '00000000-0000-4000-8000-000000000000', 'object', true, true,
        (${gtins}::text[])[1 + i / ${perGtin}::int], 'SN' || lpad((i % ${perGtin}::int)::text, 10, '0'), 'LOT' || (i / 10000), '281231', date '2028-12-31',
        'commissioned', i % 97 = 0, false, false, false, null, timestamptz '2026-01-01' + i * interval '1 ms'
      from generate_series(${from}::int, ${to}::int) i`.execute(db);
    log(`generated ${to + 1} source events`);
  }
  for (const [, create] of INDEXES) await sql.raw(create).execute(db);
  await sql`vacuum (freeze, analyze) source_serial_events`.execute(db);
  await sql`alter table source_serial_events reset (autovacuum_enabled)`.execute(db);
}
