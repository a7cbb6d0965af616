import type pg from 'pg';
import { mergeStage, stageStats } from './merge.js';
import { withClient } from './rawClient.js';
import { copyIntoStage, ensureStage } from './stage.js';

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
}

/**
 * One batch inside the target's open transaction: COPY the states into the staging table, then
 * one set-based merge into `table`. A failure rolls the whole batch back with the transaction,
 * so the table only ever holds complete batches and a retry of the same batch is harmless.
 */
export async function transferBatch(clients: TransferClients, selectSql: string, table: string): Promise<BatchResult> {
  await copyIntoStage(clients.source, clients.target, selectSql);
  const stats = await stageStats(clients.target);
  const removed = stats.rows > 0 ? await mergeStage(clients.target, table, stats) : 0;
  return { rows: stats.rows, selected: stats.selected, removed };
}

/** Two pooled connections for a run of batches, the target's staging table ready. */
export function withTransferClients<T>(pool: pg.Pool, run: (clients: TransferClients) => Promise<T>): Promise<T> {
  return withClient(pool, (source) =>
    withClient(pool, async (target) => {
      await ensureStage(target);
      return run({ source, target });
    }),
  );
}
