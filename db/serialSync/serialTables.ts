import { createHash } from 'node:crypto';
import pg from 'pg';
import { inTransaction } from './rawClient.js';

// A producer's serials are one partition of network_serials (list, by producer), named
// network_serials_<company>, itself partitioned by GTIN range into parts: the GTIN ranges its
// last backfill loaded side by side (db/serialSync/load.ts), or one part over every GTIN.

const hex = (companyId: string) => companyId.replaceAll('-', '').toLowerCase();

/** A producer's table: what verify reads and the incremental sync writes. */
export const serialTableOf = (companyId: string): string => `network_serials_${hex(companyId)}`;

/** The table a backfill assembles its parts under, swapped in for the producer's table at the end. */
export const loadTableOf = (companyId: string): string => `serial_load_${hex(companyId)}`;

/** A producer table a swap replaced, until it is dropped right after. */
export const retiredTableOf = (companyId: string): string => `serial_retired_${hex(companyId)}`;

/**
 * One part of a load (or of the producer's first table, `runId` 'initial'). Named per load, so
 * a new load's parts never collide with the parts of the table it replaces.
 */
export const partTableOf = (companyId: string, runId: string, part: number): string =>
  `serial_part_${hex(companyId)}_${runId === 'initial' ? runId : createHash('sha1').update(runId).digest('hex').slice(0, 8)}_${part}`;

/** A table name quoted for SQL text. */
export const quoted = (name: string): string => pg.escapeIdentifier(name);

/** Drops the producer table a swap replaced, if one is left (after the swap's commit, or before a new load). */
export const dropRetiredTable = (client: pg.ClientBase, companyId: string) =>
  client.query(`drop table if exists ${quoted(retiredTableOf(companyId))}`);

/** A GTIN range bound for `for values from (...) to (...)`; open ends are minvalue and maxvalue. */
export const rangeBound = (gtin: string | null | undefined, open: 'minvalue' | 'maxvalue'): string =>
  gtin == null ? open : pg.escapeLiteral(gtin);

/**
 * The producer's serial lock ($1: company id). The incremental sync holds it shared while it
 * applies a batch; creating a producer's table, starting a load and swapping one in hold it exclusive.
 */
export const companyLock = (mode: 'shared' | 'exclusive') =>
  `select ${mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(hashtextextended('serials:' || $1::text, 0))`;

/** Whether a table of that name exists. */
export const tableExists = async (client: pg.ClientBase, table: string): Promise<boolean> =>
  (await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [table])).rows[0]!.found;

/**
 * Creates the producer's table, primary key and one part over every GTIN included, unless it
 * exists. Its own transaction: the caller must not hold the lock shared in one of its own. Made
 * apart and attached: attaching locks the parent only against other schema changes, where
 * creating a partition in place would hold every query of network_serials back meanwhile.
 */
export async function ensureSerialTable(client: pg.ClientBase, companyId: string): Promise<string> {
  const table = serialTableOf(companyId);
  if (await tableExists(client, table)) return table;
  await inTransaction(client, async () => {
    await client.query(companyLock('exclusive'), [companyId]);
    if (await tableExists(client, table)) return;
    await client.query(
      `create table ${quoted(table)} (like network_serials including defaults) partition by range (gtin)`,
    );
    await client.query(
      `alter table ${quoted(table)} add constraint ${quoted(`${table}_pk`)} primary key (gtin, serial)`,
    );
    await client.query(
      `create table ${quoted(partTableOf(companyId, 'initial', 0))} partition of ${quoted(table)} for values from (minvalue) to (maxvalue)`,
    );
    await client.query(
      `alter table network_serials attach partition ${quoted(table)} for values in (${pg.escapeLiteral(companyId)})`,
    );
  });
  return table;
}
