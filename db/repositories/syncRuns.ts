import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { SyncRunRow } from '../tables/syncs.js';
import { MAX_SYNC_ERRORS, type SyncError } from '../../domain/syncs/syncError.js';

export { MAX_SYNC_ERRORS, type SyncError };

/** api.md "Sync status". */
export type SyncStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'terminated' | 'timed_out';

export interface SyncRun {
  /** The first run id of the workflow: continue-as-new keeps writing the same row. */
  runId: string;
  workflowId: string;
  companyId: string | null;
  kind: string;
  status: SyncStatus;
  done: number;
  total: number;
  failed: number;
  counts: Record<string, number>;
  errors: SyncError[];
  startedAt: Date;
  finishedAt: Date | null;
}

const toSyncRun = (row: SyncRunRow): SyncRun => ({
  runId: row.run_id,
  workflowId: row.workflow_id,
  companyId: row.company_id,
  kind: row.kind,
  status: row.status as SyncStatus,
  done: row.done,
  total: row.total,
  failed: row.failed,
  counts: row.counts,
  errors: row.errors as SyncError[],
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

interface RunStart {
  runId: string;
  workflowId: string;
  companyId: string | null;
  kind: string;
}

/** A running row; `onConflict` decides what a second record of the same run changes. */
const insertRunning = (db: Kysely<Database>, run: RunStart, total?: number) =>
  db.insertInto('sync_runs').values({
    run_id: run.runId,
    workflow_id: run.workflowId,
    company_id: run.companyId,
    kind: run.kind,
    status: 'running',
    ...(total !== undefined && { total }),
  });

/** Idempotent: a retried start leaves the row as the first attempt made it, apart from `total`. */
export async function recordSyncStart(db: Kysely<Database>, run: RunStart & { total: number }): Promise<void> {
  await insertRunning(db, run, run.total)
    .onConflict((oc) => oc.column('run_id').doUpdateSet({ total: run.total }))
    .execute();
}

/**
 * The launcher's record of a run it just started, so the company's list shows it before the
 * workflow's first activity; the workflow's own start record then fills in the total.
 */
export async function recordSyncQueued(db: Kysely<Database>, run: RunStart & { companyId: string }): Promise<void> {
  await insertRunning(db, run)
    .onConflict((oc) => oc.column('run_id').doNothing())
    .execute();
}

export async function recordSyncFinish(
  db: Kysely<Database>,
  run: {
    runId: string;
    status: Exclude<SyncStatus, 'running'>;
    done: number;
    total: number;
    failed: number;
    counts: Record<string, number>;
    errors: readonly SyncError[];
  },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({
      status: run.status,
      done: run.done,
      total: run.total,
      failed: run.failed,
      counts: JSON.stringify(run.counts),
      errors: JSON.stringify(run.errors.slice(0, MAX_SYNC_ERRORS)),
      finished_at: sql<Date>`now()`,
    })
    .where('run_id', '=', run.runId)
    .execute();
}

export async function findSyncRun(db: Kysely<Database>, runId: string): Promise<SyncRun | undefined> {
  const row = await db.selectFrom('sync_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
  return row && toSyncRun(row);
}

/** The newest run recorded under a workflow id (a workflow id is reused by later syncs). */
export async function findLatestSyncRun(db: Kysely<Database>, workflowId: string): Promise<SyncRun | undefined> {
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toSyncRun(row);
}

/** Newest first, every tenant (the operator's overview) or one company's (its console). */
export async function listRecentSyncRuns(db: Kysely<Database>, limit: number, companyId?: string): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .$if(companyId !== undefined, (q) => q.where('company_id', '=', companyId!))
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSyncRun);
}

/** Runs by kind and status, over every tenant (for /metrics). */
export async function countSyncRuns(db: Kysely<Database>): Promise<{ kind: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('sync_runs')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
}

/**
 * One company's runs, newest first (start time, then run id), as keyset pages after the run
 * `afterRunId`. The cursor's start time is read back from the row, keeping its microseconds.
 */
export async function listCompanySyncRuns(
  db: Kysely<Database>,
  companyId: string,
  page: { afterRunId?: string | undefined; limit: number; kind?: string | undefined },
): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('company_id', '=', companyId)
    .$if(page.kind !== undefined, (q) => q.where('kind', '=', page.kind!))
    .$if(page.afterRunId !== undefined, (q) =>
      q.where(
        sql<boolean>`(started_at, run_id) < (select c.started_at, c.run_id from sync_runs c where c.run_id = ${page.afterRunId!})`,
      ),
    )
    .orderBy('started_at', 'desc')
    .orderBy('run_id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map(toSyncRun);
}

/** The newest completed run of each kind the company has run: what a later cancelled or failed run must not hide. */
export async function lastCompletedSyncRuns(db: Kysely<Database>, companyId: string): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .distinctOn('kind')
    .where('company_id', '=', companyId)
    .where('status', '=', 'completed')
    .orderBy('kind')
    .orderBy('started_at', 'desc')
    .execute();
  return rows.map(toSyncRun);
}
