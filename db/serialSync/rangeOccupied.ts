import type pg from 'pg';
import type { SerialKey } from './stateQuery.js';

// The read table's first key in the range, found by walking the primary key: ORDER BY ... LIMIT 1
// pins the index scan. A bare EXISTS over the range let the planner choose a sequential scan
// whenever statistics overestimated the range (after a truncate or a bulk load), and every
// backfill batch then read the whole, growing table: 10M serials went at 80k/s instead of 220k/s.
const firstKeyIn = (lower: '>' | '>=') => `select exists (
  select 1 from (select gtin, serial from network_serials where (gtin, serial) ${lower} ($1::char(14), $2::text) order by gtin, serial limit 1) k
  where (k.gtin, k.serial) <= ($3::char(14), $4::text)) as occupied`;
/** The probe's statements ($1, $2: the lower key; $3, $4: the upper key, inclusive). */
export const RANGE_OCCUPIED_SQL = { after: firstKeyIn('>'), from: firstKeyIn('>=') } as const;

/** Whether network_serials holds a key in the range: from `after` (exclusive) or `from` (inclusive) through `through`. */
export async function rangeOccupied(client: pg.ClientBase, range: ({ after: SerialKey } | { from: SerialKey }) & { through: SerialKey }): Promise<boolean> {
  const [text, lower] = 'after' in range ? [RANGE_OCCUPIED_SQL.after, range.after] : [RANGE_OCCUPIED_SQL.from, range.from];
  const { rows } = await client.query<{ occupied: boolean }>(text, [lower.gtin, lower.serial, range.through.gtin, range.through.serial]);
  return rows[0]!.occupied;
}
