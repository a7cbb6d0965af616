import { describeChar, firstNonDigit, firstNonSet82 } from './charset.js';
import { yymmddToIso, yymmddToIsoCached } from './date.js';
import { gs1Error, type Gs1Error } from './errors.js';
import type { AiDef } from './aiTable.js';
import type { Gs1Element } from './parsedScan.js';
import { err, ok, type Result } from '../result.js';

/**
 * Validates one AI value, whatever form it came in: length, character set, then the AI's own
 * rule (check digit, calendar date). `position` is where the AI starts and `valueAt` where
 * the value starts in the scanned string, so errors point at the offending character.
 */
export function validateAiValue(
  def: AiDef,
  value: string,
  position: number,
  valueAt: number,
  currentYear: number,
): Result<Gs1Element, Gs1Error> {
  const ai = def.ai;
  const n = value.length;
  if (n === 0 || (def.fixed && n < def.length)) {
    const expected = def.fixed ? `${def.length}` : `1-${def.length}`;
    return err(gs1Error('truncated', `(${ai}) needs ${expected} characters, got ${n}`, { ai, position: valueAt + n }));
  }
  if (n > def.length) {
    return err(
      gs1Error('too_long', `(${ai}) allows at most ${def.length} characters, got ${n}`, {
        ai,
        position: valueAt + def.length,
      }),
    );
  }
  // Keys are checked in one pass over the digits: this runs for every (01) on the hot path.
  const bad =
    def.lint === 'csum' ? digitsAndCheck(value) : def.charset === 'N' ? firstNonDigit(value) : firstNonSet82(value);
  if (bad >= 0) {
    const allowed = def.charset === 'N' ? 'digits only' : 'GS1 character set 82';
    return err(
      gs1Error('bad_character', `(${ai}) contains ${describeChar(value, bad)}; allowed: ${allowed}`, {
        ai,
        position: valueAt + bad,
      }),
    );
  }
  switch (def.lint) {
    case 'csum':
      if (bad === WRONG_CHECK_DIGIT) {
        return err(
          gs1Error('check_digit', `(${ai}) ${value} has a wrong check digit`, { ai, position: valueAt + n - 1 }),
        );
      }
      return ok({ ai, value, position, date: undefined });
    case 'date':
    case 'datetime': {
      const date = lintDate(value, currentYear, def.lint === 'datetime');
      if (date === null) {
        return err(gs1Error('invalid_date', `(${ai}) ${value} is not a valid date`, { ai, position: valueAt }));
      }
      return ok({ ai, value, position, date });
    }
    default:
      // `date` is always set (undefined here) so all elements share one hidden class.
      return ok({ ai, value, position, date: undefined });
  }
}

const WRONG_CHECK_DIGIT = -2;

/** Index of the first non-digit; else -1 when the mod-10 check digit is right, -2 when wrong. */
function digitsAndCheck(value: string): number {
  let sum = 0;
  let weight = 3;
  const last = value.length - 1;
  for (let i = last - 1; i >= 0; i--) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return firstNonDigit(value); // report the leftmost one
    sum += (c - 48) * weight;
    weight = 4 - weight;
  }
  const check = value.charCodeAt(last);
  if (check < 48 || check > 57) return last;
  return (10 - (sum % 10)) % 10 === check - 48 ? -1 : WRONG_CHECK_DIGIT;
}

/** YYMMDD (day 00 = month end), or YYMMDDHHMM for 7003, where the day must be real. */
function lintDate(value: string, currentYear: number, withTime: boolean): string | null {
  if (!withTime) return yymmddToIsoCached(value, currentYear);
  const iso = yymmddToIso(value, 0, currentYear, false);
  if (iso === null) return null;
  const hh = value.slice(6, 8);
  const mm = value.slice(8, 10);
  return Number(hh) <= 23 && Number(mm) <= 59 ? `${iso}T${hh}:${mm}` : null;
}
