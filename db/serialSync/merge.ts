import type pg from 'pg';
import { STATE_COLUMN_LIST as COLUMNS, STATE_COLUMN_NAMES } from './columns.js';
import { quoted } from './serialTables.js';

const UPDATES = STATE_COLUMN_NAMES.filter((c) => c !== 'gtin' && c !== 'serial')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
// Newest event wins; for the same newest event, the fold over more events wins (a late, older
// EPCIS event changes the fold). A replay or a stale fold compares equal or lower: no write.
const NEWER = (n: string, s: string) =>
  `(${n}.event_time, ${n}.event_id collate "C", ${n}.folded_events) < (${s}.event_time, ${s}.event_id collate "C", ${s}.folded_events)`;

const upsert = (
  table: string,
) => `insert into ${quoted(table)} as n (${COLUMNS}) select ${COLUMNS} from serial_stage where selected
  on conflict (gtin, serial) do update set ${UPDATES} where ${NEWER('n', 'excluded')}`;
// A serial the rules no longer select leaves the read table, unless a newer state is there.
const remove = (table: string) => `delete from ${quoted(table)} n using serial_stage s
  where s.selected = false and n.gtin = s.gtin and n.serial = s.serial and not ${NEWER('s', 'n')}`;
const STATS = `select count(*)::int as rows, count(*) filter (where selected)::int as selected,
  count(*) filter (where not selected)::int as excluded from serial_stage`;

export interface StageStats {
  rows: number;
  selected: number;
  excluded: number;
}

export async function stageStats(client: pg.ClientBase): Promise<StageStats> {
  return (await client.query<StageStats>(STATS)).rows[0]!;
}

/**
 * One set-based merge of the staged batch into `table` (a producer's partition, or a load being
 * caught up), inside the caller's transaction. Returns the rows removed.
 */
export async function mergeStage(client: pg.ClientBase, table: string, stats: StageStats): Promise<number> {
  if (stats.selected > 0) await client.query(upsert(table));
  return stats.excluded > 0 ? ((await client.query(remove(table))).rowCount ?? 0) : 0;
}
