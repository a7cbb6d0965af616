import { yymmddToIsoCached } from '../gs1/date.js';
import { computeCheckDigit, isValidGtin14 } from '../gs1/gtin.js';

/**
 * Why a "not verified" answer was probably a mangled identifier rather than a bad pack. Recorded
 * in the producer's history only: the GS1 answer never carries it.
 */
export const NEAR_MISS_KINDS = [
  'lot_format',
  'expiry_day',
  'expiry_century',
  'serial_format',
  'gtin_padding',
  'serial_other_gtin',
] as const;
export type NearMissKind = (typeof NEAR_MISS_KINDS)[number];

/** The identifiers a request named. */
export interface RequestedIdentifiers {
  gtin: string;
  serial: string;
  lot: string;
  /** YYMMDD as sent. */
  expiry: string;
}

/** A pack found near the request; a product without a pack when only the GTIN was looked for. */
export interface NearCandidate {
  gtin: string;
  pack?: { serial: string; lot: string; expiry: string; expiryDate: string };
}

// Case, spaces and leading zeros are what scanners, keyboards and spreadsheets change.
const lotKey = (lot: string) => lot.toUpperCase().replaceAll(' ', '').replace(/^0+/, '');
const serialKey = (serial: string) => serial.toUpperCase().replace(/^0+/, '');

type Closeness = 'same' | NearMissKind | 'far';

function lotCloseness(requested: string, recorded: string): Closeness {
  if (requested === recorded) return 'same';
  return lotKey(requested) === lotKey(recorded) ? 'lot_format' : 'far';
}

const isMonthEnd = (iso: string) => iso.slice(0, 7) !== addDay(iso).slice(0, 7);
const addDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function expiryCloseness(requested: string, recorded: { expiry: string; expiryDate: string }, year: number): Closeness {
  const requestedDate = yymmddToIsoCached(requested, year);
  if (requestedDate === recorded.expiryDate) return 'same';
  // YYYYMMDD cut to six digits: 20260331 sent as 202603.
  if (requested === recorded.expiryDate.slice(0, 4) + recorded.expiryDate.slice(5, 7)) return 'expiry_century';
  if (requestedDate === null || requestedDate.slice(0, 7) !== recorded.expiryDate.slice(0, 7)) return 'far';
  // One side keeps month and year only, written as day 00 or as the month's last day.
  const monthOnly = (yymmdd: string, iso: string) => yymmdd.endsWith('00') || isMonthEnd(iso);
  return monthOnly(requested, requestedDate) || monthOnly(recorded.expiry, recorded.expiryDate) ? 'expiry_day' : 'far';
}

/**
 * The GTIN-14s the same digits give when a GTIN-12 or -13 (check digit included) was taken for
 * the data digits and given a new check digit, or the reverse: a request for one names the other.
 */
export function gtinPaddingVariants(gtin: string): string[] {
  const digits = gtin.replace(/^0+/, '');
  const variants = new Set<string>();
  const shorter = gtin.slice(0, 13).replace(/^0+/, '');
  if (shorter.length >= 12) variants.add(shorter.padStart(14, '0'));
  if (digits.length >= 12 && digits.length <= 13)
    variants.add((digits + String(computeCheckDigit(digits))).padStart(14, '0'));
  variants.delete(gtin);
  return [...variants].filter(isValidGtin14);
}

/** The serials a case or leading-zero slip could have meant, for indexed look-ups (at most 20 characters). */
export function serialVariants(serial: string): string[] {
  const variants = new Set<string>();
  for (const cased of [serial, serial.toUpperCase(), serial.toLowerCase()]) {
    const bare = cased.replace(/^0+/, '');
    for (let zeros = 0; bare.length + zeros <= 20; zeros++) variants.add('0'.repeat(zeros) + bare);
  }
  variants.delete(serial);
  return [...variants].filter((v) => v.length > 0);
}

/**
 * The kind of near miss a candidate shows, or undefined when it is no near match. Every
 * identifier but the one that slipped must match exactly (or itself be a near match of the same
 * pack), so an unrelated pack is never blamed. Lot is reported before expiry when both slipped.
 */
export function classifyNearMiss(
  request: RequestedIdentifiers,
  candidate: NearCandidate,
  currentYear: number,
): NearMissKind | undefined {
  if (candidate.gtin !== request.gtin) {
    if (gtinPaddingVariants(request.gtin).includes(candidate.gtin)) return 'gtin_padding';
    return candidate.pack?.serial === request.serial ? 'serial_other_gtin' : undefined;
  }
  const { pack } = candidate;
  if (!pack) return undefined;
  const lot = lotCloseness(request.lot, pack.lot);
  const expiry = expiryCloseness(request.expiry, pack, currentYear);
  if (lot === 'far' || expiry === 'far') return undefined;
  if (pack.serial !== request.serial)
    return serialKey(pack.serial) === serialKey(request.serial) ? 'serial_format' : undefined;
  if (lot !== 'same') return lot;
  return expiry === 'same' ? undefined : expiry;
}
