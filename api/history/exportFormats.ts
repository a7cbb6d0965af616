import { stringify } from 'csv-stringify/sync';
import type { HistoryExportRow } from '../../db/repositories/history.js';

/** data-formats.md "History export": the CSV header and the JSON field names are the same. */
export const HISTORY_COLUMNS = [
  'verifiedAt', 'channel', 'requestorGLN', 'requestorCompany', 'gtin', 'serial', 'lot', 'expiry', 'corrUUID',
  'verified', 'failureReason', 'additionalInfo', 'responderGLN', 'inNetwork', 'latencyMs',
] as const;

export function historyRecord(row: HistoryExportRow) {
  return {
    verifiedAt: row.verified_at.toISOString(),
    channel: row.channel,
    requestorGLN: row.requestor_gln,
    requestorCompany: row.requestor_company ?? '',
    gtin: row.gtin,
    serial: row.serial,
    lot: row.lot,
    expiry: row.expiry,
    corrUUID: row.corr_uuid,
    verified: row.verified,
    failureReason: row.failure_reason,
    additionalInfo: row.additional_info,
    responderGLN: row.responder_gln,
    inNetwork: row.in_network,
    latencyMs: Math.round(row.latency_ms * 100) / 100,
  };
}

type Format = 'json' | 'ndjson' | 'csv';

/** Turns pages of rows into text chunks of one format; `first` marks the first page, `last` the end. */
export const exportFormats: Record<Format, { contentType: string; start: string; page(rows: HistoryExportRow[], first: boolean): string; end: string }> = {
  json: {
    contentType: 'application/json',
    start: '[',
    page: (rows, first) => rows.map((r, i) => `${first && i === 0 ? '' : ','}${JSON.stringify(historyRecord(r))}`).join(''),
    end: ']',
  },
  ndjson: {
    contentType: 'application/x-ndjson',
    start: '',
    page: (rows) => rows.map((r) => `${JSON.stringify(historyRecord(r))}\n`).join(''),
    end: '',
  },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    start: stringify([HISTORY_COLUMNS as unknown as string[]], { record_delimiter: '\r\n' }),
    page: (rows) =>
      stringify(
        rows.map((r) => {
          const record = historyRecord(r);
          return HISTORY_COLUMNS.map((column) => {
            const value = record[column];
            if (column === 'additionalInfo') return (value as string[]).join('|');
            return value === null ? '' : String(value);
          });
        }),
        { record_delimiter: '\r\n' },
      ),
    end: '',
  },
};
