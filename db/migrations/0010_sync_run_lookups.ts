import { sql, type Kysely } from 'kysely';

// GET /v1/syncs/{workflowId} reads the newest run of a workflow id; the operator list reads the newest runs overall.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sync_runs_workflow_idx on sync_runs (workflow_id, started_at desc)`.execute(db);
  await sql`create index sync_runs_started_idx on sync_runs (started_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sync_runs_started_idx`.execute(db);
  await sql`drop index sync_runs_workflow_idx`.execute(db);
}
