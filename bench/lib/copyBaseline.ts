import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { STATE_COLUMNS } from '../../db/serialSync/columns.js';

/**
 * The baseline: the same rows (network_serials' columns, from the same source events) with a raw
 * binary COPY out and a raw binary COPY in, into an unindexed table, through Node as the
 * backfill does. Returns rows per second, and the bytes the copy took on disk.
 */
export async function rawCopy(url: string, companyId: string): Promise<{ rowsPerSecond: number; bytes: number }> {
  const source = new pg.Client({ connectionString: url });
  const target = new pg.Client({ connectionString: url });
  await Promise.all([source.connect(), target.connect()]);
  try {
    await target.query('drop table if exists bench_raw_serials');
    await target.query('create table bench_raw_serials (like network_serials)');
    const columns = STATE_COLUMNS.map(([name, type]) =>
      name === 'producer_company_id'
        ? `company_id::${type}`
        : name === 'folded_events'
          ? `0::${type}`
          : `${name}::${type}`,
    ).join(', ');
    const started = performance.now();
    const into = target.query(
      copyFrom(`copy bench_raw_serials (${STATE_COLUMNS.map(([n]) => n).join(', ')}) from stdin with (format binary)`),
    );
    await pipeline(
      source.query(
        copyTo(
          `copy (select ${columns} from source_serial_events where company_id = ${pg.escapeLiteral(companyId)}) to stdout with (format binary)`,
        ),
      ),
      into,
    );
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await target.query<{ bytes: string }>(
      "select pg_total_relation_size('bench_raw_serials') as bytes",
    );
    return { rowsPerSecond: into.rowCount / seconds, bytes: Number(rows[0]!.bytes) };
  } finally {
    await target.query('drop table if exists bench_raw_serials').catch(() => undefined);
    await Promise.all([source.end(), target.end()]);
  }
}
