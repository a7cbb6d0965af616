import type { ColumnType, Generated, Selectable } from 'kysely';

export interface SyncRunsTable {
  run_id: string;
  workflow_id: string;
  company_id: string | null;
  kind: string;
  status: string;
  done: Generated<number>;
  total: Generated<number>;
  failed: Generated<number>;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  errors: ColumnType<unknown[], string | undefined, string>;
  started_at: Generated<Date>;
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export interface InstallationSettingsTable {
  key: string;
  value: string;
}

export type SyncRunRow = Selectable<SyncRunsTable>;
