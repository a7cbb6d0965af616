import type { FieldError } from '../domain/masterData/fieldError.js';
import type { Product } from '../domain/masterData/product.js';
import type { SerialEvent } from '../domain/serials/event.js';

export type { FieldError };

/**
 * What every parser yields per record (api.md upload report). `row` is the 1-based record
 * number: CSV header excluded, JSON index + 1, GDSN trade-item order, EPCIS event order.
 * A bad row is a value, never an exception, so good rows after it still arrive.
 */
export interface RowError {
  row: number;
  errors: FieldError[];
  /** What the row said, as written, so a list of rejected rows can name each one. */
  gtin?: string | undefined;
  serial?: string | undefined;
}

export type ProductRow = { row: number; product: Product } | RowError;

/** One per pack: an EPCIS event listing several EPCs yields several rows with the event's row number. */
export type SerialRow = { row: number; event: SerialEvent } | RowError;

export const isRowError = (r: ProductRow | SerialRow): r is RowError => 'errors' in r;

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** The GTIN and serial a JSON record wrote, whatever else is wrong with it. */
export function writtenKey(record: unknown): { gtin?: string | undefined; serial?: string | undefined } {
  if (typeof record !== 'object' || record === null) return {};
  const r = record as { gtin?: unknown; serial?: unknown };
  return { gtin: asText(r.gtin), serial: asText(r.serial) };
}
