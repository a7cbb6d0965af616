import type { ColumnType, Generated, Selectable } from 'kysely';

export type HistoryExportStatus = 'running' | 'completed' | 'failed';

/** A background history export: what it selects (the scope, dates as ISO strings) and how far it got. */
export interface HistoryExportsTable {
  id: Generated<string>;
  company_id: string;
  selection: ColumnType<unknown, string, string>;
  format: 'json' | 'ndjson' | 'csv';
  status: ColumnType<HistoryExportStatus, HistoryExportStatus | undefined, HistoryExportStatus>;
  /** Where the next chunk starts (a HistoryCursor); null before the first and after the last. */
  cursor: ColumnType<unknown, string | null | undefined, string | null>;
  chunks: Generated<number>;
  rows: Generated<number>;
  bytes: Generated<number>;
  error: string | null;
  workflow_id: string | null;
  created_at: Generated<Date>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The export's text in order: chunk `seq` follows chunk `seq - 1`. */
export interface HistoryExportChunksTable {
  export_id: string;
  seq: number;
  body: Buffer;
}

export type HistoryExportRow = Selectable<HistoryExportsTable>;
