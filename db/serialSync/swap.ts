import pg from 'pg';
import type { LoadSummary } from '../tables/serialSync.js';
import { applyCatchUp } from './catchUp.js';
import { keyPart, loadGone, type LoadRef } from './load.js';
import { inTransaction } from './rawClient.js';
import type { SerialSelection } from './ruleFilter.js';
import {
  companyLock,
  dropRetiredTable,
  loadTableOf,
  partTableOf,
  quoted,
  rangeBound,
  retiredTableOf,
  serialTableOf,
  tableExists,
} from './serialTables.js';
import type { TransferClients } from './transfer.js';

// The end of a backfill's load: its keyed parts assembled under one table shaped as the
// producer's, caught up with the incremental sync, and swapped in for the producer's table in one
// short transaction under the producer's lock (the incremental sync waits; verify waits only
// for the swap's catalog changes).

// This backfill's load, and what its swap reported once it is swapped in.
async function ours(client: pg.ClientBase, ref: LoadRef): Promise<{ swapped: LoadSummary | null }> {
  const row = (
    await client.query<{ swapped: LoadSummary | null }>(
      'select swapped from serial_loads where company_id = $1 and run_id = $2',
      [ref.companyId, ref.runId],
    )
  ).rows[0];
  if (!row) throw loadGone(ref);
  return row;
}

// The parts keyed and attached under one table shaped as the producer's (once, in one transaction).
async function assemble(client: pg.ClientBase, ref: LoadRef): Promise<void> {
  const load = loadTableOf(ref.companyId);
  if (await tableExists(client, load)) return;
  const { rows: parts } = await client.query<{ part: number; gtin_from: string | null; gtin_to: string | null }>(
    'select part, gtin_from, gtin_to from serial_load_parts where company_id = $1 order by part',
    [ref.companyId],
  );
  for (const { part } of parts) await keyPart(client, ref, part);
  await inTransaction(client, async () => {
    await client.query(
      `create table ${quoted(load)} (like network_serials including defaults) partition by range (gtin)`,
    );
    await client.query(`alter table ${quoted(load)} add constraint ${quoted(`${load}_pk`)} primary key (gtin, serial)`);
    for (const { part, gtin_from, gtin_to } of parts) {
      const table = quoted(partTableOf(ref.companyId, ref.runId, part));
      await client.query(`alter table ${table} reset (autovacuum_enabled)`);
      await client.query(
        `alter table ${quoted(load)} attach partition ${table} for values from (${rangeBound(gtin_from, 'minvalue')}) to (${rangeBound(gtin_to, 'maxvalue')})`,
      );
    }
  });
}

/**
 * Ends the load: keys and assembles its parts, catches them up and swaps them in. `beforeSwap`
 * may still stop it (a cancel) once everything is ready. Safe to repeat: once swapped, it answers
 * what the swap reported.
 */
export async function finishLoad(
  clients: TransferClients,
  ref: LoadRef,
  selection: SerialSelection,
  beforeSwap: () => void = () => {},
): Promise<LoadSummary> {
  const { swapped } = await ours(clients.target, ref);
  if (swapped) {
    await dropRetiredTable(clients.target, ref.companyId);
    return swapped;
  }
  const removed = await prepareSwap(clients, ref, selection);
  beforeSwap();
  return swapIn(clients, ref, selection, removed);
}

/**
 * Everything before the swap, none of it under the producer's lock: the parts keyed and
 * assembled, most of the catch-up applied. Returns how many serials the swap will remove (the
 * old table holds them, the load does not; one the last events deselect is not counted).
 */
async function prepareSwap(clients: TransferClients, ref: LoadRef, selection: SerialSelection): Promise<number> {
  const { target } = clients;
  const load = loadTableOf(ref.companyId);
  const live = serialTableOf(ref.companyId);
  await assemble(target, ref);
  await inTransaction(target, () => applyCatchUp(clients, ref.companyId, load, selection));
  if (!(await tableExists(target, live))) return 0;
  const { rows } = await target.query<{ n: number }>(
    `select count(*)::int as n from ${quoted(live)} o where not exists (select 1 from ${quoted(load)} l where l.gtin = o.gtin and l.serial = o.serial)`,
  );
  return rows[0]!.n;
}

// The swap itself, after prepareSwap.
async function swapIn(
  clients: TransferClients,
  ref: LoadRef,
  selection: SerialSelection,
  removed: number,
): Promise<LoadSummary> {
  const { target } = clients;
  const { companyId } = ref;
  const load = loadTableOf(companyId);
  const live = serialTableOf(companyId);
  const retired = retiredTableOf(companyId);
  const summary = await inTransaction(target, async () => {
    await target.query(companyLock('exclusive'), [companyId]);
    const now = await ours(target, ref);
    if (now.swapped) return now.swapped;
    await applyCatchUp(clients, companyId, load, selection);
    if (await tableExists(target, live)) {
      // The producer's table before the parent, the order verify takes them in: the other way
      // round, a verify planning against the table could wait on the parent while we wait on it.
      await target.query(`lock table ${quoted(live)} in access exclusive mode`);
      await target.query(`alter table network_serials detach partition ${quoted(live)}`);
      await target.query(`alter table ${quoted(live)} rename to ${quoted(retired)}`);
      await target.query(
        `alter table ${quoted(retired)} rename constraint ${quoted(`${live}_pk`)} to ${quoted(`${retired}_pk`)}`,
      );
    }
    await target.query(`alter table ${quoted(load)} rename to ${quoted(live)}`);
    await target.query(
      `alter table ${quoted(live)} rename constraint ${quoted(`${load}_pk`)} to ${quoted(`${live}_pk`)}`,
    );
    await target.query(
      `alter table network_serials attach partition ${quoted(live)} for values in (${pg.escapeLiteral(companyId)})`,
    );
    const { rows } = await target.query<{ swapped: LoadSummary }>(
      `update serial_loads l set swapped = jsonb_build_object('serials', t.serials, 'selected', t.selected, 'removed', $2::int)
       from (select coalesce(sum(serials), 0)::float8 as serials, coalesce(sum(selected), 0)::float8 as selected from serial_load_parts where company_id = $1) t
       where l.company_id = $1 returning l.swapped`,
      [companyId, removed],
    );
    return rows[0]!.swapped;
  });
  // After the commit: unlinking gigabytes of files would hold the swap's locks for seconds.
  await dropRetiredTable(target, companyId);
  return summary;
}
