import pg from 'pg';
import type { GtinRange } from '../../domain/serials/gtinRanges.js';
import type { LoadSummary } from '../tables/serialSync.js';
import { STATE_COLUMN_LIST } from './columns.js';
import { inTransaction } from './rawClient.js';
import type { SerialSelection } from './ruleFilter.js';
import { companyLock, dropRetiredTable, loadTableOf, partTableOf, quoted } from './serialTables.js';
import { pageEndSql, pageSizeSql, serialStatesSql, type PageSource, type SerialKey } from './stateQuery.js';

// A producer's backfill builds its serials beside the live table: each GTIN range (part) is a
// table of its own, appended in key order, unindexed, one INSERT ... SELECT per batch, so the
// rows never leave PostgreSQL. Each part is then keyed by one sort (cheap: its rows are already
// in key order) and the parts are swapped in together as the producer's table. Maintaining the
// key row by row, and sending every row out to Node and back (COPY out, COPY in), each cost more
// than writing the rows. Verify keeps answering from the old table until the swap (swap.ts), one
// short transaction.

export type { LoadSummary };

/** The load no longer belongs to this backfill (cancelled, or replaced by a newer one). */
export class LoadGoneError extends Error {}

/** A part of a load and its committed cursor. */
export interface LoadPart {
  after: SerialKey | null;
  serials: number;
  selected: number;
  finished: boolean;
}

export interface LoadRef {
  companyId: string;
  /** The backfill workflow's first run id. */
  runId: string;
}

export interface LoadBatchInput extends LoadRef {
  part: number;
  batchSize: number;
  selection: SerialSelection;
}

const lit = (value: string) => pg.escapeLiteral(value);
export const loadGone = (ref: LoadRef): LoadGoneError =>
  new LoadGoneError(`the serial load of company ${ref.companyId} for run ${ref.runId} is gone`);

// The tables of the producer's load (made by run `runId`): its parts, and the table assembling them.
async function dropLoadTables(client: pg.ClientBase, companyId: string, runId: string): Promise<void> {
  const { rows: parts } = await client.query<{ part: number }>(
    'select part from serial_load_parts where company_id = $1',
    [companyId],
  );
  const tables = [loadTableOf(companyId), ...parts.map(({ part }) => partTableOf(companyId, runId, part))];
  await client.query(`drop table if exists ${tables.map(quoted).join(', ')}`);
}

/**
 * Starts the producer's load for this backfill with one part per GTIN range, or finds it again
 * (a retried or continued run): true when it already existed. A load left by an earlier
 * backfill (cancelled without cleanup, terminated) is dropped.
 */
export async function startLoad(client: pg.ClientBase, ref: LoadRef, ranges: readonly GtinRange[]): Promise<boolean> {
  return inTransaction(client, async () => {
    await client.query(companyLock('exclusive'), [ref.companyId]);
    const existing = (
      await client.query<{ run_id: string; swapped: unknown }>(
        'select run_id, swapped from serial_loads where company_id = $1',
        [ref.companyId],
      )
    ).rows[0];
    if (existing?.run_id === ref.runId) return true;
    if (existing && existing.swapped === null) await dropLoadTables(client, ref.companyId, existing.run_id);
    await dropRetiredTable(client, ref.companyId);
    await client.query('delete from serial_loads where company_id = $1', [ref.companyId]);
    await client.query('insert into serial_loads (company_id, run_id) values ($1, $2)', [ref.companyId, ref.runId]);
    for (const [part, range] of ranges.entries()) {
      // The checks let the swap attach the part without scanning it for the partition constraints.
      const table = partTableOf(ref.companyId, ref.runId, part);
      const checks = [
        `producer_company_id = ${lit(ref.companyId)}`,
        range.gtinFrom !== undefined && `gtin >= ${lit(range.gtinFrom)}`,
        range.gtinTo !== undefined && `gtin < ${lit(range.gtinTo)}`,
      ];
      // Autovacuum would scan the part again and again as it grows; it is let in at the swap.
      await client.query(`create table ${quoted(table)} (like network_serials including defaults, constraint ${quoted(`${table}_ck`)} check (${checks.filter(Boolean).join(' and ')}))
        with (autovacuum_enabled = false)`);
      await client.query(
        'insert into serial_load_parts (company_id, part, gtin_from, gtin_to) values ($1, $2, $3, $4)',
        [ref.companyId, part, range.gtinFrom ?? null, range.gtinTo ?? null],
      );
    }
    return false;
  });
}

interface PartRow {
  after_gtin: string | null;
  after_serial: string | null;
  gtin_from: string | null;
  gtin_to: string | null;
  serials: number;
  selected: number;
  finished: boolean;
}

async function partRow(client: pg.ClientBase, ref: LoadRef, part: number, lock: boolean): Promise<PartRow> {
  const { rows } = await client.query<PartRow>(
    `select p.after_gtin, p.after_serial, p.gtin_from, p.gtin_to, p.serials, p.selected, p.finished from serial_load_parts p join serial_loads l using (company_id)
     where p.company_id = $1 and l.run_id = $2 and p.part = $3 and l.swapped is null${lock ? ' for update of p' : ''}`,
    [ref.companyId, ref.runId, part],
  );
  if (!rows[0]) throw loadGone(ref);
  return rows[0];
}

const toPart = (row: PartRow): LoadPart => ({
  after: row.after_gtin === null ? null : { gtin: row.after_gtin, serial: row.after_serial! },
  serials: row.serials,
  selected: row.selected,
  finished: row.finished,
});

/** The part's committed cursor. */
export async function readPart(client: pg.ClientBase, ref: LoadRef, part: number): Promise<LoadPart> {
  return toPart(await partRow(client, ref, part, false));
}

/**
 * One batch of a part, one transaction: the next `batchSize` serials after the cursor, their
 * states appended to the part, the cursor moved past them. A kill rolls all of it back, so a
 * retry starts at the last committed batch, never in the middle of one. The part row stays
 * locked meanwhile: a second attempt of the same activity waits rather than doubles the batch.
 */
export async function loadBatch(client: pg.ClientBase, input: LoadBatchInput): Promise<LoadPart> {
  return inTransaction(client, async () => {
    const row = await partRow(client, input, input.part, true);
    const part = toPart(row);
    if (part.finished) return part;
    const page: PageSource = {
      kind: 'page',
      companyId: input.companyId,
      after: part.after,
      gtinFrom: row.gtin_from ?? undefined,
      gtinTo: row.gtin_to ?? undefined,
    };
    // The batch's end first (a scan of the state index alone); the states then read that key
    // range, so a serial stored meanwhile inside it is simply part of the batch.
    const end = (await client.query<SerialKey>(pageEndSql(page, input.batchSize))).rows[0];
    const serials = end
      ? input.batchSize
      : (await client.query<{ n: number }>(pageSizeSql(page, input.batchSize))).rows[0]!.n;
    const states = serialStatesSql({ ...page, through: end }, input.selection);
    const table = quoted(partTableOf(input.companyId, input.runId, input.part));
    const inserted =
      serials === 0
        ? 0
        : ((
            await client.query(
              `insert into ${table} (${STATE_COLUMN_LIST}) select ${STATE_COLUMN_LIST} from (${states}) s where s.selected`,
            )
          ).rowCount ?? 0);
    const next: LoadPart = {
      after: end ?? part.after,
      serials: part.serials + serials,
      selected: part.selected + inserted,
      finished: !end,
    };
    await client.query(
      'update serial_load_parts set after_gtin = $3, after_serial = $4, serials = $5, selected = $6, finished = $7 where company_id = $1 and part = $2',
      [
        input.companyId,
        input.part,
        next.after?.gtin ?? null,
        next.after?.serial ?? null,
        next.serials,
        next.selected,
        next.finished,
      ],
    );
    return next;
  });
}

export interface KeyOptions {
  /**
   * May the sort take parallel workers? false leaves the other cores to verify. They are only
   * taken for a load of one part: beside other parts (loading or sorting on the other cores) they
   * add no core, and a parallel sort writes every worker's share to temporary files.
   */
  parallel: boolean;
  /** maintenance_work_mem for the sort (PostgreSQL units); unset: the database's own. */
  sortMemory?: string;
}

/**
 * Builds a loaded part's primary key, one sort over rows already in key order (nothing to do
 * when it has one). A child runs it as soon as its part is loaded, beside the others still loading.
 * A sort that outgrows its memory spills to temporary files, which on a slow disk took longer
 * than the sort itself.
 */
export async function keyPart(
  client: pg.ClientBase,
  ref: LoadRef,
  part: number,
  options: KeyOptions = { parallel: true },
): Promise<void> {
  await partRow(client, ref, part, false);
  const table = partTableOf(ref.companyId, ref.runId, part);
  const { rowCount } = await client.query(
    'select 1 from pg_constraint where conrelid = to_regclass($1) and contype = $2',
    [table, 'p'],
  );
  if (rowCount) return;
  const { rows: parts } = await client.query<{ n: number }>(
    'select count(*)::int as n from serial_load_parts where company_id = $1',
    [ref.companyId],
  );
  await inTransaction(client, async () => {
    if (!options.parallel || parts[0]!.n > 1) await client.query('set local max_parallel_maintenance_workers = 0');
    if (options.sortMemory)
      await client.query("select set_config('maintenance_work_mem', $1, true)", [options.sortMemory]);
    await client.query(
      `alter table ${quoted(table)} add constraint ${quoted(`${table}_pk`)} primary key (gtin, serial)`,
    );
  });
}

/** Drops this backfill's load unless it was swapped in: the read table never saw any of it. */
export async function abandonLoad(client: pg.ClientBase, ref: LoadRef): Promise<void> {
  await inTransaction(client, async () => {
    await client.query(companyLock('exclusive'), [ref.companyId]);
    const { rowCount } = await client.query(
      'select 1 from serial_loads where company_id = $1 and run_id = $2 and swapped is null',
      [ref.companyId, ref.runId],
    );
    if (!rowCount) return;
    await dropLoadTables(client, ref.companyId, ref.runId);
    await client.query('delete from serial_loads where company_id = $1', [ref.companyId]);
  });
}
