import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Tokens look like `vrs_<prefix>_<secret>`: the prefix finds the row, only a SHA-256 of the
 * whole token is stored, and the 32 random secret bytes make brute force pointless.
 */
const TOKEN = /^vrs_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewToken {
  token: string;
  prefix: string;
  hash: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function generateToken(): NewToken {
  const prefix = randomBytes(6).toString('hex');
  const token = `vrs_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: hashToken(token) };
}

export const tokenPrefix = (token: string): string | undefined => TOKEN.exec(token)?.[1];

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time compare for the operator token. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
