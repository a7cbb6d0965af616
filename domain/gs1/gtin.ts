import { firstNonDigit } from './charset.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { err, ok, type Result } from '../result.js';

/**
 * GS1 mod-10 check digit of the data digits (ASCII 0-9 only; the caller checks that):
 * weights 3,1,3,... from the rightmost data digit. Used by GTIN, GLN, SSCC and GSIN alike.
 */
export function computeCheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = digitsWithoutCheck.length - 1; i >= 0; i--) {
    sum += (digitsWithoutCheck.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` (ASCII digits, length >= 2) is its mod-10 check digit. */
export function hasValidCheckDigit(digits: string, from = 0, to = digits.length): boolean {
  let sum = 0;
  let weight = 3;
  for (let i = to - 2; i >= from; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(to - 1) - 48;
}

/**
 * Checks a fixed-length GS1 key in the order the vectors fix: length, then non_digit, then
 * check_digit. Shared by GTIN-14 and GLN.
 */
export function validateKey(s: string, length: number, name: string): Result<string, Gs1Error> {
  if (s.length !== length) {
    return err(gs1Error('length', `${name} must be ${length} digits, got ${s.length} characters`));
  }
  const bad = firstNonDigit(s);
  if (bad !== -1) {
    return err(gs1Error('non_digit', `${name} has a non-digit at position ${bad}`, { position: bad }));
  }
  if (!hasValidCheckDigit(s)) {
    const expected = computeCheckDigit(s.slice(0, -1));
    return err(gs1Error('check_digit', `${name} check digit should be ${expected}`, { position: length - 1 }));
  }
  return ok(s);
}

export function validateGtin14(s: string): Result<string, Gs1Error> {
  return validateKey(s, 14, 'GTIN-14');
}

export function isValidGtin14(s: string): boolean {
  return s.length === 14 && firstNonDigit(s) === -1 && hasValidCheckDigit(s);
}

/**
 * GTIN-8, -12, -13 or -14 to GTIN-14. Left-padding with zeros keeps the check digit valid,
 * so one check covers every length.
 */
export function normalizeGtin(s: string): Result<string, Gs1Error> {
  const n = s.length;
  if (n !== 8 && n !== 12 && n !== 13 && n !== 14) {
    return err(gs1Error('length', `a GTIN has 8, 12, 13 or 14 digits, got ${n} characters`));
  }
  const result = validateGtin14(s.padStart(14, '0'));
  // Report positions in the caller's string, not in the padded one.
  if (!result.ok && result.error.position !== undefined) result.error.position -= 14 - n;
  return result;
}
