import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type DirectoryPullKind = 'pull' | 'upload';
export type DirectoryPullOutcome = 'running' | 'completed' | 'failed';

/** One pull of a partner's Lookup Directory (a directoryPull run) or one directory upload. */
export interface DirectoryPullsTable {
  id: Generated<string>;
  partner_id: string;
  kind: DirectoryPullKind;
  workflow_id: string | null;
  /** First run id of the workflow, so a retried start finds its row. */
  run_id: string | null;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  outcome: Generated<DirectoryPullOutcome>;
  pages: Generated<number>;
  records: Generated<number>;
  ended: Generated<number>;
  rejected: Generated<number>;
  conflicts: Generated<number>;
  error: string | null;
}

/** A GTIN claimed by a partner's record (`source`) and by another source at the same time. */
export interface DirectoryConflictsTable {
  gtin: string;
  source: string;
  other_source: string;
  pull_id: string;
  responder_gln: string;
  other_responder_gln: string;
  /** The source routing uses: 'local' always wins, else the newer record. */
  winner: string;
  detected_at: Generated<Date>;
}

export type DirectoryPullRow = Selectable<DirectoryPullsTable>;
export type DirectoryConflictRow = Selectable<DirectoryConflictsTable>;
