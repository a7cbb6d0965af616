import { firstNonDigit } from './charset.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { err, ok, type Result } from '../result.js';

export interface Gs1Date {
  /** The six digits as encoded. */
  yymmdd: string;
  /** YYYY-MM-DD, with day 00 resolved to the last day of the month. */
  iso: string;
}

/**
 * GS1 General Specifications 7.12: a two-digit year lies at most 49 years back and 50 years
 * ahead of the current year. "Now" is an argument so results never depend on the clock.
 */
export function resolveTwoDigitYear(yy: number, currentYear: number): number {
  const currentYy = currentYear % 100;
  const century = currentYear - currentYy;
  const diff = yy - currentYy;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS[month - 1] ?? 0);
}

/** "00".."31": number-to-string conversion is measurable on the hot path, a lookup is not. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

/**
 * ISO date of six ASCII digits at s[from..from+6), or null when month or day do not exist.
 * Works on an offset so the barcode parser needs no intermediate strings. Day 00 (end of
 * month) is allowed unless `allowDay00` is false (e.g. AI 7003 demands a real day).
 */
export function yymmddToIso(s: string, from: number, currentYear: number, allowDay00 = true): string | null {
  // Plain arithmetic on char codes, no closures: this runs for every (17) on the hot path.
  const yy = (s.charCodeAt(from) - 48) * 10 + s.charCodeAt(from + 1) - 48;
  const month = (s.charCodeAt(from + 2) - 48) * 10 + s.charCodeAt(from + 3) - 48;
  const day = (s.charCodeAt(from + 4) - 48) * 10 + s.charCodeAt(from + 5) - 48;
  if (month < 1 || month > 12) return null;
  const year = resolveTwoDigitYear(yy, currentYear);
  const last = daysInMonth(year, month);
  if (day > last || (day === 0 && !allowDay00)) return null;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day === 0 ? last : day]}`;
}

// Building the ISO string costs far more than a map lookup, and a pack line sees few distinct expiry
// dates, so results are memoised. The memo is bounded and keyed by the current year as well,
// so it changes no result: it is a cache of a pure function.
const MEMO_LIMIT = 4096;
const memo = new Map<string, string | null>();
let memoYear = Number.NaN;

/** yymmddToIso of a six-digit string (day 00 allowed), memoised. */
export function yymmddToIsoCached(yymmdd: string, currentYear: number): string | null {
  if (currentYear !== memoYear) {
    memo.clear();
    memoYear = currentYear;
  }
  let iso = memo.get(yymmdd);
  if (iso === undefined) {
    iso = yymmddToIso(yymmdd, 0, currentYear);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(yymmdd, iso);
  }
  return iso;
}

/** Parses a GS1 YYMMDD date; the year window is relative to `now`'s UTC year. */
export function parseGs1Date(yymmdd: string, now: Date, opts: { ai?: string } = {}): Result<Gs1Date, Gs1Error> {
  const where = { ai: opts.ai };
  if (yymmdd.length !== 6) {
    return err(gs1Error('length', `a GS1 date has 6 digits (YYMMDD), got ${yymmdd.length}`, where));
  }
  const bad = firstNonDigit(yymmdd);
  if (bad !== -1) {
    return err(gs1Error('bad_character', `date has a non-digit at position ${bad}`, { ...where, position: bad }));
  }
  const iso = yymmddToIso(yymmdd, 0, now.getUTCFullYear());
  if (iso === null) return err(gs1Error('invalid_date', `${yymmdd} is not a calendar date (YYMMDD)`, where));
  return ok({ yymmdd, iso });
}
