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

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO date of six ASCII digits at s[from..from+6), or null when month or day do not exist.
 * Works on an offset so the barcode parser needs no intermediate strings. Day 00 (end of
 * month) is allowed unless `allowDay00` is false (e.g. AI 7003 demands a real day).
 */
export function yymmddToIso(s: string, from: number, currentYear: number, allowDay00 = true): string | null {
  const d = (k: number): number => s.charCodeAt(from + k) - 48;
  const month = d(2) * 10 + d(3);
  const day = d(4) * 10 + d(5);
  if (month < 1 || month > 12) return null;
  const year = resolveTwoDigitYear(d(0) * 10 + d(1), currentYear);
  const last = daysInMonth(year, month);
  if (day > last || (day === 0 && !allowDay00)) return null;
  return `${year}-${pad2(month)}-${pad2(day === 0 ? last : day)}`;
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
