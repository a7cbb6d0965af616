import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../config.js';
import { issueClientCertificate } from '../../domain/certificates/index.js';
import { days, NOW, testCa, unwrap } from '../../test/helpers/testPki.js';
import { checkOurIdentity } from '../../ourIdentity.js';
import { localIdentity } from './localIdentity.js';

describe("npm start's local identity", () => {
  test('issues a certificate with no variable set', async () => {
    const identity = unwrap(checkOurIdentity(loadConfig(localIdentity({}))));
    expect(identity).toEqual({ host: 'vrs.localhost', organization: 'vrs', gln: '9520000000004' });
    expect(
      (await issueClientCertificate({ ca: await testCa(), identity, notBefore: NOW, notAfter: days(90) })).ok,
    ).toBe(true);
  });

  test('follows PORT', () => {
    expect(localIdentity({ PORT: '9090' }).PUBLIC_URL).toBe('http://vrs.localhost:9090');
  });
});
