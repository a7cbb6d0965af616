import type pg from 'pg';
import { mergeStage, stageStats } from './merge.js';
import { copyIntoStage, ensureStage } from './stage.js';
import type { SerialKey } from './stateQuery.js';

/** Where states are read and where they are written; today one database, kept apart on purpose. */
export interface TransferClients {
  source: pg.ClientBase;
  target: pg.ClientBase;
}

export interface BatchResult {
  /** Serials read (selected, excluded or incomplete). */
  rows: number;
  selected: number;
  removed: number;
  /** The batch's last key: the keyset cursor after it. */
  last: SerialKey | null;
}

/**
 * One batch, one transaction on the target: COPY the states into the staging table, then one
 * set-based merge. A failure or a kill rolls the whole batch back, so the read table only ever
 * holds complete batches and a retry of the same batch is harmless.
 */
export async function transferBatch(clients: TransferClients, selectSql: string, options: { fresh: boolean }): Promise<BatchResult> {
  const { target } = clients;
  await ensureStage(target);
  await target.query('begin');
  try {
    await copyIntoStage(clients.source, target, selectSql);
    const stats = await stageStats(target);
    const { removed } = stats.rows > 0 ? await mergeStage(target, stats, options) : { removed: 0 };
    await target.query('commit');
    return { rows: stats.rows, selected: stats.selected, removed, last: stats.last };
  } catch (error) {
    await target.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Two pooled connections for a run of batches. After a failure both are discarded rather than
 * returned: a COPY cut off midway can leave a connection in a state the next user must not see.
 */
export async function withTransferClients<T>(pool: pg.Pool, run: (clients: TransferClients) => Promise<T>): Promise<T> {
  const source = await pool.connect();
  const target = await pool.connect().catch((error: unknown) => {
    source.release();
    throw error;
  });
  let failure: Error | undefined;
  try {
    return await run({ source, target });
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    source.release(failure);
    target.release(failure);
  }
}
