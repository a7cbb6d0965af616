import { describe, expect, test } from 'vitest';
import { connectionFailureInWords, expiryWarning } from './failureWords.js';

const target = { host: 'vrs.partner.example', port: 8443 };

describe('connection failures in words', () => {
  test.each([
    {
      code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      want: 'the partner refused our client certificate: it was issued by a CA they have not configured',
    },
    {
      code: 'CLIENT_CERTIFICATE_REFUSED',
      want: 'the partner refused our client certificate: it was issued by a CA they have not configured',
    },
    { code: 'ECONNREFUSED', want: 'nothing accepts connections at vrs.partner.example:8443 (connection refused)' },
    { code: 'ENOTFOUND', want: 'the host name vrs.partner.example does not resolve' },
    {
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      want: "the partner's server certificate is not issued by the CA configured for this partner (its caPem)",
    },
    {
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      want: "the partner's server certificate does not name the host vrs.partner.example",
    },
    { code: 'CERT_HAS_EXPIRED', want: "the partner's server certificate has expired" },
    { code: 'SOMETHING_NEW', want: 'boom (SOMETHING_NEW)' },
    { code: undefined, want: 'boom' },
  ])('$code', ({ code, want }) => expect(connectionFailureInWords(code, 'boom', target)).toBe(want));
});

describe('expiry warnings', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  test.each([
    { notAfter: '2027-06-01T00:00:00Z', want: undefined },
    { notAfter: '2026-06-11T00:00:00Z', want: 'ours expires in 10 day(s), on 2026-06-11T00:00:00.000Z' },
    { notAfter: '2026-05-01T00:00:00Z', want: 'ours expired on 2026-05-01T00:00:00.000Z' },
  ])('$notAfter', ({ notAfter, want }) => expect(expiryWarning('ours', new Date(notAfter), now)).toBe(want));
});
