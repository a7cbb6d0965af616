import { readCsv } from './csv.js';
import { readJsonArray, DEFAULT_JSON_LIMIT_BYTES } from './jsonArray.js';
import type { SerialRow } from './rows.js';
import { toSerialEvent } from './serialRow.js';
import type { ByteSource } from './source.js';

export const SERIAL_CSV_COLUMNS = [
  'eventId', 'gtin', 'serial', 'lot', 'expiry', 'status', 'recalled', 'suspect', 'illegitimate',
  'expirationExtended', 'extendedExpiry', 'reasonCode', 'eventTime',
] as const;

/** Columns a file must have; the optional ones (eventId, flags, reasonCode...) may be left out. */
const REQUIRED = ['gtin', 'serial', 'lot', 'expiry', 'status', 'eventTime'];

export interface SerialParseOptions {
  /** Anchors the GS1 two-digit-year window of expiry dates; the clock when not given. */
  now?: Date;
}

export async function* parseSerialCsv(source: ByteSource, opts: SerialParseOptions = {}): AsyncGenerator<SerialRow> {
  const now = opts.now ?? new Date();
  for await (const csvRow of readCsv(source, REQUIRED)) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const result = toSerialEvent(csvRow.fields, now);
    yield result.ok ? { row: csvRow.row, event: result.value } : { row: csvRow.row, errors: result.error };
  }
}

/** A JSON array of the same objects; parsed whole, so at most `limitBytes` (default 8 MiB). */
export async function* parseSerialJson(
  source: ByteSource,
  opts: SerialParseOptions & { limitBytes?: number } = {},
): AsyncGenerator<SerialRow> {
  const now = opts.now ?? new Date();
  const records = await readJsonArray(source, opts.limitBytes ?? DEFAULT_JSON_LIMIT_BYTES);
  for (const [index, record] of records.entries()) {
    const result = toSerialEvent(record, now);
    yield result.ok ? { row: index + 1, event: result.value } : { row: index + 1, errors: result.error };
  }
}
