import { stringify } from 'csv-stringify/sync';
import type { HistoryExportRecord } from './record.js';

export type HistoryFormat = 'json' | 'ndjson' | 'csv';

/**
 * data-formats.md "History export": the CSV header, in order, then nearMiss (a producer must see it
 * in the spreadsheet it works from; empty for consumers). JSON uses the same names and adds the routing fields.
 */
export const HISTORY_COLUMNS = [
  'verifiedAt',
  'channel',
  'requestorGLN',
  'requestorCompany',
  'gtin',
  'serial',
  'lot',
  'expiry',
  'corrUUID',
  'verified',
  'failureReason',
  'additionalInfo',
  'responderGLN',
  'inNetwork',
  'latencyMs',
  'nearMiss',
] as const satisfies readonly (keyof HistoryExportRecord)[];

export function historyJson(r: HistoryExportRecord) {
  return {
    ...r,
    verifiedAt: r.verifiedAt.toISOString(),
    requestorCompany: r.requestorCompany ?? '',
    // real (float4) comes back as 1.2300000190734863; two decimals is what was measured
    latencyMs: Math.round(r.latencyMs * 100) / 100,
    peerLatencyMs: r.peerLatencyMs === null ? null : Math.round(r.peerLatencyMs * 100) / 100,
  };
}

export const csvCell = (value: unknown) =>
  value === null ? '' : Array.isArray(value) ? value.join('|') : String(value);
// csv-stringify quotes fields holding the delimiter, quotes or line breaks (RFC 4180) and doubles quotes.
const csvLines = (rows: string[][]) => stringify(rows, { record_delimiter: '\r\n' });

export interface HistoryFormatter {
  contentType: string;
  start: string;
  /** Text of one page; `first` tells whether any record was written before it. */
  page(records: HistoryExportRecord[], first: boolean): string;
  end: string;
}

/** Turns keyset pages into text chunks, so a response never holds more than a page. */
export const historyFormats: Record<HistoryFormat, HistoryFormatter> = {
  json: {
    contentType: 'application/json',
    start: '[',
    page: (records, first) => (first ? '' : ',') + records.map((r) => JSON.stringify(historyJson(r))).join(','),
    end: ']',
  },
  ndjson: {
    contentType: 'application/x-ndjson',
    start: '',
    page: (records) => records.map((r) => `${JSON.stringify(historyJson(r))}\n`).join(''),
    end: '',
  },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    start: csvLines([[...HISTORY_COLUMNS]]),
    page: (records) =>
      csvLines(
        records.map((r) => {
          const json = historyJson(r);
          return HISTORY_COLUMNS.map((column) => csvCell(json[column]));
        }),
      ),
    end: '',
  },
};
