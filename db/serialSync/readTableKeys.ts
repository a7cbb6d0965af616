import type pg from 'pg';
import type { SerialKey } from './stateQuery.js';

// Probes of network_serials' key space, each one walk of the primary key: ORDER BY ... LIMIT 1
// pins the index scan. A bare EXISTS over a range let the planner choose a sequential scan
// whenever statistics overestimated the range (after a truncate or a bulk load), and every
// backfill batch then read the whole, growing table: 10M serials went at 80k/s instead of 220k/s.

/** The range probe ($1, $2: the lower key, inclusive; $3, $4: the upper key, inclusive). */
export const RANGE_OCCUPIED_SQL = `select exists (
  select 1 from (select gtin, serial from network_serials where (gtin, serial) >= ($1::char(14), $2::text) order by gtin, serial limit 1) k
  where (k.gtin, k.serial) <= ($3::char(14), $4::text)) as occupied`;

/** Whether network_serials holds a key from `from` through `through`, both inclusive. */
export async function rangeOccupied(client: pg.ClientBase, range: { from: SerialKey; through: SerialKey }): Promise<boolean> {
  const { rows } = await client.query<{ occupied: boolean }>(RANGE_OCCUPIED_SQL, [range.from.gtin, range.from.serial, range.through.gtin, range.through.serial]);
  return rows[0]!.occupied;
}

/** The key range (after, before) of a batch; `gtinTo` (exclusive) caps it at a child's GTIN range. */
export interface KeyRange {
  after: SerialKey;
  before: SerialKey | null;
  gtinTo?: string | undefined;
}

const bounds = (range: KeyRange, params: unknown[]) =>
  [
    `(gtin, serial) > ($${params.push(range.after.gtin)}::char(14), $${params.push(range.after.serial)}::text)`,
    range.before ? `(gtin, serial) < ($${params.push(range.before.gtin)}::char(14), $${params.push(range.before.serial)}::text)` : null,
    range.gtinTo !== undefined ? `gtin < $${params.push(range.gtinTo)}::char(14)` : null,
  ]
    .filter((c) => c !== null)
    .join(' and ');

async function oneKey(client: pg.ClientBase, where: (params: unknown[]) => string, order: 'asc' | 'desc'): Promise<SerialKey | null> {
  const params: unknown[] = [];
  const text = `select gtin, serial from network_serials where ${where(params)} order by gtin ${order}, serial ${order} limit 1`;
  return (await client.query<SerialKey>(text, params)).rows[0] ?? null;
}

/** The read table's first key after `after` (below `gtinTo`), or null. */
export function firstKeyAfter(client: pg.ClientBase, after: SerialKey, gtinTo?: string): Promise<SerialKey | null> {
  return oneKey(client, (params) => bounds({ after, before: null, gtinTo }, params), 'asc');
}

/**
 * The last key the open transaction wrote in the range. Only this transaction's rows count
 * (xmin): a serial the incremental sync commits into the range meanwhile must not move a
 * backfill's cursor past serials it has not copied.
 */
export function lastKeyWritten(client: pg.ClientBase, range: KeyRange): Promise<SerialKey | null> {
  return oneKey(client, (params) => `${bounds(range, params)} and xmin = pg_current_xact_id()::xid`, 'desc');
}
