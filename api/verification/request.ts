import { isSet82 } from '../../domain/gs1/charset.js';
import { parseGs1Date } from '../../domain/gs1/date.js';
import { validateGln } from '../../domain/gs1/gln.js';
import { validateGtin14 } from '../../domain/gs1/gtin.js';
import type { FieldError } from '../problem.js';

/** A GS1 Lightweight Verification request after validation (lot and ser percent-decoded). */
export interface VerifyRequest {
  gtin: string;
  lot: string;
  serial: string;
  /** `exp` as sent (YYMMDD); `expiryDate` resolves it (day 00 = month end). */
  expiry: string;
  expiryDate: string;
  reqGLN: string;
  corrUUID: string;
  ctrlPossessAtt: boolean | null;
  email: string | null;
  telephone: string | null;
}

export interface RawVerifyRequest {
  gtin: string | undefined;
  lot: string | undefined;
  ser: string | undefined;
  query: (name: string) => string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINK_TYPES = new Set(['verificationService', 'gs1:verificationService']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const TELEPHONE = /^\+?[0-9 ().-]{3,32}$/;

function identifier(value: string | undefined, path: string, errors: FieldError[]): string {
  if (value === undefined || value === '') errors.push({ path, message: 'required' });
  else if (value.length > 20) errors.push({ path, message: `at most 20 characters, got ${value.length}` });
  else if (!isSet82(value)) errors.push({ path, message: 'only characters of GS1 AI character set 82 are allowed' });
  return value ?? '';
}

/** Every bad parameter is reported, each under its URL name, so a caller can fix them at once. */
export function parseVerifyRequest(
  raw: RawVerifyRequest,
  now: Date,
): { ok: true; value: VerifyRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const gtin = validateGtin14(raw.gtin ?? '');
  if (!gtin.ok) errors.push({ path: 'gtin', message: gtin.error.message });
  const lot = identifier(raw.lot, 'lot', errors);
  const serial = identifier(raw.ser, 'ser', errors);
  const exp = raw.query('exp') ?? '';
  const expiry = parseGs1Date(exp, now);
  if (!expiry.ok) errors.push({ path: 'exp', message: exp ? expiry.error.message : 'required (YYMMDD)' });
  const reqGLN = raw.query('reqGLN') ?? '';
  const gln = validateGln(reqGLN);
  if (!gln.ok) errors.push({ path: 'reqGLN', message: reqGLN ? gln.error.message : 'required' });
  const corrUUID = raw.query('corrUUID') ?? '';
  if (!UUID.test(corrUUID)) errors.push({ path: 'corrUUID', message: corrUUID ? 'must be a UUID' : 'required' });
  const linkType = raw.query('linkType');
  if (!linkType || !LINK_TYPES.has(linkType)) errors.push({ path: 'linkType', message: 'must be verificationService' });
  if (raw.query('context') !== 'dscsaSaleableReturn')
    errors.push({ path: 'context', message: 'must be dscsaSaleableReturn' });
  const att = raw.query('ctrlPossessAtt');
  if (att !== undefined && att !== 'true' && att !== 'false')
    errors.push({ path: 'ctrlPossessAtt', message: 'must be true or false' });
  const email = raw.query('email');
  if (email !== undefined && !EMAIL.test(email)) errors.push({ path: 'email', message: 'must be an email address' });
  const telephone = raw.query('telephone');
  if (telephone !== undefined && !TELEPHONE.test(telephone))
    errors.push({ path: 'telephone', message: 'must be a telephone number' });

  if (errors.length > 0 || !expiry.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      gtin: raw.gtin!,
      lot,
      serial,
      expiry: exp,
      expiryDate: expiry.value.iso,
      reqGLN,
      corrUUID,
      ctrlPossessAtt: att === undefined ? null : att === 'true',
      email: email ?? null,
      telephone: telephone ?? null,
    },
  };
}
