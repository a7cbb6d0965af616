import { describeChar, firstNonDigit, firstNonSet82 } from './charset.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { computeCheckDigit, validateGtin14 } from './gtin.js';
import { err, ok, type Result } from '../result.js';

/** EPC Tag Data Standard pure-identity URI: urn:epc:id:sgtin:{companyPrefix}.{indicator+itemRef}.{serial} */
const PREFIX = 'urn:epc:id:sgtin:';
const MAX_SERIAL = 20;

export interface Sgtin {
  gtin: string;
  serial: string;
  companyPrefix: string;
}

/** Characters the TDS requires to be percent-escaped in an EPC URI component. */
const ESCAPES: Record<string, string> = {
  '"': '%22',
  '%': '%25',
  '&': '%26',
  '/': '%2F',
  '<': '%3C',
  '>': '%3E',
  '?': '%3F',
};

export function parseSgtinUri(uri: string): Result<Sgtin, Gs1Error> {
  // "urn" and the namespace id are case-insensitive (RFC 8141); the rest is not.
  if (uri.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    return err(gs1Error('malformed', `an SGTIN URI starts with ${PREFIX}`, { position: 0 }));
  }
  // The serial may itself contain dots, so split on the first two only.
  const dot1 = uri.indexOf('.', PREFIX.length);
  const dot2 = dot1 === -1 ? -1 : uri.indexOf('.', dot1 + 1);
  if (dot2 === -1) {
    return err(gs1Error('malformed', 'an SGTIN URI has three dot-separated parts: companyPrefix.itemRef.serial'));
  }
  const companyPrefix = uri.slice(PREFIX.length, dot1);
  const itemRef = uri.slice(dot1 + 1, dot2);
  const keyDigits = companyPrefix + itemRef;
  const nonDigit = firstNonDigit(keyDigits);
  if (nonDigit !== -1) {
    const position =
      nonDigit < companyPrefix.length ? PREFIX.length + nonDigit : dot1 + 1 + nonDigit - companyPrefix.length;
    return err(gs1Error('non_digit', 'company prefix and item reference are digits only', { ai: '01', position }));
  }
  if (companyPrefix.length < 6 || companyPrefix.length > 12 || keyDigits.length !== 13) {
    return err(
      gs1Error('length', 'company prefix (6-12 digits) and indicator+item reference must total 13 digits', {
        ai: '01',
        position: PREFIX.length,
      }),
    );
  }
  const data = itemRef.charAt(0) + companyPrefix + itemRef.slice(1);
  const gtin = data + String(computeCheckDigit(data));
  const serial = decodeSerial(uri.slice(dot2 + 1), dot2 + 1);
  if (!serial.ok) return serial;
  return ok({ gtin, serial: serial.value, companyPrefix });
}

function decodeSerial(raw: string, offset: number): Result<string, Gs1Error> {
  const where = { ai: '21', position: offset };
  let serial: string;
  try {
    serial = raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return err(gs1Error('bad_character', 'serial has an invalid percent escape', where));
  }
  if (serial.length === 0) return err(gs1Error('malformed', 'SGTIN URI has an empty serial', where));
  if (serial.length > MAX_SERIAL)
    return err(gs1Error('too_long', `serial is longer than ${MAX_SERIAL} characters`, where));
  const bad = firstNonSet82(serial);
  if (bad !== -1) {
    return err(gs1Error('bad_character', `serial contains ${describeChar(serial, bad)}, outside GS1 set 82`, where));
  }
  return ok(serial);
}

/**
 * Builds the SGTIN URI. The inputs come from already-validated data (a GTIN-14, a set-82
 * serial, the prefix length from master data), so a violation is a programming error and throws.
 */
export function formatSgtinUri(gtin: string, serial: string, companyPrefixLength: number): string {
  const valid = validateGtin14(gtin);
  if (!valid.ok) throw new RangeError(`formatSgtinUri: ${valid.error.message}`);
  if (!Number.isInteger(companyPrefixLength) || companyPrefixLength < 6 || companyPrefixLength > 12) {
    throw new RangeError('formatSgtinUri: company prefix length must be 6-12');
  }
  if (serial.length === 0 || serial.length > MAX_SERIAL || firstNonSet82(serial) !== -1) {
    throw new RangeError('formatSgtinUri: serial must be 1-20 characters of GS1 set 82');
  }
  const companyPrefix = gtin.slice(1, 1 + companyPrefixLength);
  const itemRef = gtin.charAt(0) + gtin.slice(1 + companyPrefixLength, 13);
  const escaped = serial.replace(/["%&/<>?]/g, (ch) => ESCAPES[ch] ?? ch);
  return `${PREFIX}${companyPrefix}.${itemRef}.${escaped}`;
}
