import { certificateError, type CertificateError } from './errors.js';
import { err, ok, type Result } from '../result.js';

const isDate = (d: Date) => d instanceof Date && !Number.isNaN(d.getTime());

/** A validity window we are asked to put in a certificate. */
export function checkWindow(notBefore: Date, notAfter: Date): Result<void, CertificateError> {
  if (!isDate(notBefore) || !isDate(notAfter))
    return err(certificateError('invalid_input', 'notBefore and notAfter must be valid dates'));
  if (notAfter.getTime() <= notBefore.getTime())
    return err(certificateError('invalid_input', 'notAfter must be later than notBefore'));
  return ok(undefined);
}

/** Whether a certificate is usable at `now` (bounds inclusive, as in RFC 5280). */
export function checkValidAt(
  cert: { notBefore: Date; notAfter: Date; subject: string },
  now: Date,
  what = 'the certificate',
): Result<void, CertificateError> {
  if (now.getTime() < cert.notBefore.getTime()) {
    return err(certificateError('not_yet_valid', `${what} is not valid before ${cert.notBefore.toISOString()}`));
  }
  if (now.getTime() > cert.notAfter.getTime()) {
    return err(certificateError('expired', `${what} expired at ${cert.notAfter.toISOString()}`));
  }
  return ok(undefined);
}
