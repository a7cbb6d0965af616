import { gs1Error, type Gs1Error } from './errors.js';
import { parseScan } from './parseScan.js';
import { getAi, type ParsedScan, type ScanOptions } from './parsedScan.js';
import { err, ok, type Result } from '../result.js';

/** What DSCSA verification needs from a pack's barcode. */
export interface PackIdentifiers {
  gtin: string;
  serial: string;
  lot: string;
  /** YYMMDD as encoded. */
  expiry: string;
  /** YYYY-MM-DD, day 00 resolved to the month end. */
  expiryDate: string;
}

/** In the order a missing AI is reported: product, expiry, lot, serial. */
const REQUIRED = [
  ['01', 'GTIN'],
  ['17', 'expiry date'],
  ['10', 'lot'],
  ['21', 'serial number'],
] as const;

/** Demands (01), (17), (10) and (21), with one missing_ai error per absent AI. */
export function requirePackIdentifiers(scan: ParsedScan): Result<PackIdentifiers, Gs1Error[]> {
  const gtin = getAi(scan, '01');
  const expiry = getAi(scan, '17');
  const lot = getAi(scan, '10');
  const serial = getAi(scan, '21');
  if (gtin === undefined || expiry?.date === undefined || lot === undefined || serial === undefined) {
    const found = { '01': gtin, '17': expiry?.date, '10': lot, '21': serial };
    const missing = REQUIRED.filter(([ai]) => found[ai] === undefined);
    return err(
      missing.map(([ai, name]) =>
        gs1Error('missing_ai', `the barcode has no (${ai}) ${name}${ranInto(lot?.value, ai)}`, { ai }),
      ),
    );
  }
  return ok({ gtin: gtin.value, serial: serial.value, lot: lot.value, expiry: expiry.value, expiryDate: expiry.date });
}

/** How a missing AI looks inside a lot that ran on: `17` and a date, or `21` and a serial. */
const RAN_INTO: Partial<Record<string, RegExp>> = { '17': /17\d{6}/, '21': /21.+$/ };

/**
 * The lot is variable-length and ends at a GS separator or at the end of the barcode: without
 * the GS, an AI after it is read as part of the lot. Said where it shows, so the user fixes the
 * scanner (or the encoder) rather than the data.
 */
function ranInto(lot: string | undefined, ai: string): string {
  const pattern = RAN_INTO[ai];
  const inside = lot === undefined || pattern === undefined ? null : pattern.exec(lot);
  if (!inside) return '';
  return `; the lot "${lot}" seems to hold it ("${inside[0]}"): a GS separator is missing after the lot. Set the scanner to send GS (ASCII 29) or the configured substitute`;
}

/** parseScan then requirePackIdentifiers: the scan page and POST /v1/verifications in one call. */
export function parsePackScan(input: string, opts: ScanOptions): Result<PackIdentifiers, Gs1Error[]> {
  const scan = parseScan(input, opts);
  return scan.ok ? requirePackIdentifiers(scan.value) : scan;
}
