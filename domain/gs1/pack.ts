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
    return err(missing.map(([ai, name]) => gs1Error('missing_ai', `the barcode has no (${ai}) ${name}`, { ai })));
  }
  return ok({ gtin: gtin.value, serial: serial.value, lot: lot.value, expiry: expiry.value, expiryDate: expiry.date });
}

/** parseScan then requirePackIdentifiers: the scan page and POST /v1/verifications in one call. */
export function parsePackScan(input: string, opts: ScanOptions): Result<PackIdentifiers, Gs1Error[]> {
  const scan = parseScan(input, opts);
  return scan.ok ? requirePackIdentifiers(scan.value) : scan;
}
