import { validateKey } from './gtin.js';
import type { Gs1Error } from './errors.js';
import type { Result } from '../result.js';

/** GLN: 13 digits with the same mod-10 check digit as a GTIN. */
export function validateGln(s: string): Result<string, Gs1Error> {
  return validateKey(s, 13, 'GLN');
}

export function isValidGln(s: string): boolean {
  return validateGln(s).ok;
}
