import type pg from 'pg';
import { STATE_COLUMN_NAMES } from './columns.js';
import { rangeOccupied } from './readTableKeys.js';
import type { SerialKey } from './stateQuery.js';

const COLUMNS = STATE_COLUMN_NAMES.join(', ');
const UPDATES = STATE_COLUMN_NAMES.filter((c) => c !== 'gtin' && c !== 'serial').map((c) => `${c} = excluded.${c}`).join(', ');
// Newest event wins; for the same newest event, the fold over more events wins (a late, older
// EPCIS event changes the fold). A replay or a stale fold compares equal or lower: no write.
const NEWER = (n: string, s: string) =>
  `(${n}.event_time, ${n}.event_id collate "C", ${n}.folded_events) < (${s}.event_time, ${s}.event_id collate "C", ${s}.folded_events)`;

const UPSERT = `insert into network_serials (${COLUMNS}) select ${COLUMNS} from serial_stage where selected
  on conflict (gtin, serial) do update set ${UPDATES} where ${NEWER('network_serials', 'excluded')}`;
// Same rows, no conflict handling: for a key range the read table does not hold yet.
const INSERT = `insert into network_serials (${COLUMNS}) select ${COLUMNS} from serial_stage where selected`;
// A serial the rules no longer select leaves the read table, unless a newer state is there.
const REMOVE = `delete from network_serials n using serial_stage s
  where s.selected = false and n.gtin = s.gtin and n.serial = s.serial
    and n.producer_company_id = s.producer_company_id and not ${NEWER('s', 'n')}`;
// One scan: a GTIN is always 14 characters, so gtin || serial sorts exactly as (gtin, serial).
const STATS = `select count(*)::int as rows, count(*) filter (where selected)::int as selected,
  count(*) filter (where not selected)::int as excluded, min(gtin || serial) as first, max(gtin || serial) as last
  from serial_stage`;

export interface StageStats {
  rows: number;
  selected: number;
  excluded: number;
  first: SerialKey | null;
  last: SerialKey | null;
}

interface StatsRow {
  rows: number;
  selected: number;
  excluded: number;
  first: string | null;
  last: string | null;
}

const splitKey = (joined: string | null): SerialKey | null => (joined === null ? null : { gtin: joined.slice(0, 14), serial: joined.slice(14) });

export async function stageStats(client: pg.ClientBase): Promise<StageStats> {
  const row = (await client.query<StatsRow>(STATS)).rows[0]!;
  return { rows: row.rows, selected: row.selected, excluded: row.excluded, first: splitKey(row.first), last: splitKey(row.last) };
}

/**
 * One set-based merge of the staged batch into network_serials, inside the caller's transaction.
 * `fresh`: the batch is one key range (backfill); when the read table holds nothing in it yet, a
 * plain INSERT skips the per-row conflict probe, and a row written meanwhile by the incremental
 * sync (unique violation) sends the batch through the guarded upsert after all.
 */
export async function mergeStage(client: pg.ClientBase, stats: StageStats, options: { fresh: boolean }): Promise<{ removed: number }> {
  if (stats.selected > 0) {
    const empty = options.fresh && stats.first !== null && stats.last !== null && !(await rangeOccupied(client, { from: stats.first, through: stats.last }));
    if (!empty || !(await insertFresh(client))) await client.query(UPSERT);
  }
  const removed = stats.excluded > 0 ? ((await client.query(REMOVE)).rowCount ?? 0) : 0;
  return { removed };
}

async function insertFresh(client: pg.ClientBase): Promise<boolean> {
  await client.query('savepoint fresh_insert');
  try {
    await client.query(INSERT);
    await client.query('release savepoint fresh_insert');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('rollback to savepoint fresh_insert');
    return false;
  }
}
