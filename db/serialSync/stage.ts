import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { STAGE_COLUMN_NAMES, STATE_COLUMN_LIST } from './columns.js';

const STAGE = 'serial_stage';
const COLUMNS = STAGE_COLUMN_NAMES.join(', ');
const ready = new WeakSet<pg.ClientBase>();

/**
 * The staging table is a TEMP table: session-local and never WAL-logged like an UNLOGGED one,
 * and emptied at every commit. Parallel backfill children never see each other's rows, and a
 * killed worker leaves nothing behind to clean up: the table dies with its connection.
 */
export async function ensureStage(client: pg.ClientBase): Promise<void> {
  if (ready.has(client)) return;
  // A batch of tens of thousands of states is ~10 MB; the 8 MB default would spill it to temp files.
  await client.query(`set temp_buffers = '64MB'`).catch(() => undefined); // refused once the session used temp tables: keep the default
  await client.query(`create temp table if not exists ${STAGE} on commit delete rows as
    select ${STATE_COLUMN_LIST}, null::boolean as selected from network_serials with no data`);
  ready.add(client);
}

/**
 * Streams the rows of `selectSql` (run on `source`) into the staging table on `target` inside
 * target's open transaction. Binary COPY both ways: Node only forwards bytes, no row is parsed
 * or held here, so memory stays flat whatever the batch size.
 */
export async function copyIntoStage(source: pg.ClientBase, target: pg.ClientBase, selectSql: string): Promise<void> {
  await pipeline(
    source.query(copyTo(`copy (${selectSql}) to stdout with (format binary)`)),
    target.query(copyFrom(`copy ${STAGE} (${COLUMNS}) from stdin with (format binary)`)),
  );
}
