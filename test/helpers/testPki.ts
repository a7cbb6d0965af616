// Test fixtures only: every key is made at run time, none is committed.
import { createCa } from '../../domain/certificates/ca.js';
import type { KeyAlgorithm } from '../../domain/certificates/algorithms.js';
import type { ClientIdentity } from '../../domain/certificates/identity.js';
import type { CertificateWithKey } from '../../domain/certificates/issuer.js';
import { issueClientCertificate } from '../../domain/certificates/issue.js';
import type { Result } from '../../domain/result.js';

export const NOW = new Date('2026-06-01T00:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;
export const days = (n: number, from = NOW) => new Date(from.getTime() + n * DAY);

export const OUR_IDENTITY: ClientIdentity = {
  host: 'vrs.example.com',
  organization: 'Example Pharma',
  gln: '0614141000005',
};

export function unwrap<T, E>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

export async function testCa(
  commonName = 'VRS Test CA',
  algorithm: KeyAlgorithm = 'ec-p256',
): Promise<CertificateWithKey> {
  return unwrap(
    await createCa({
      commonName,
      organization: 'Example Pharma',
      notBefore: days(-180),
      notAfter: days(3650),
      algorithm,
    }),
  );
}

export async function testLeaf(
  ca: CertificateWithKey,
  options: { algorithm?: KeyAlgorithm; notBefore?: Date; notAfter?: Date } = {},
): Promise<CertificateWithKey> {
  return unwrap(
    await issueClientCertificate({
      ca,
      identity: OUR_IDENTITY,
      notBefore: options.notBefore ?? days(-1),
      notAfter: options.notAfter ?? days(89),
      algorithm: options.algorithm ?? 'ec-p256',
    }),
  );
}

/** A partner's CA, valid from a day before `now` for ten years. */
export async function partnerTestCa(now = new Date()): Promise<CertificateWithKey> {
  return unwrap(
    await createCa({
      commonName: 'Partner CA',
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + 3650 * DAY),
    }),
  );
}
