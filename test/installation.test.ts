import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureInstallation, InstallationError } from '../db/installation.js';
import { listCertificates } from '../db/repositories/certificates.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('installation bootstrap', () => {
  let ctx: TestDatabase;
  const masterKey = randomBytes(32).toString('base64');
  beforeAll(async () => {
    ctx = await createTestDatabase();
  });
  afterAll(() => ctx.drop());

  test('first start creates one CA with its key sealed; concurrent and later starts reuse it', async () => {
    const [a, b] = await Promise.all([
      ensureInstallation(ctx.db, { masterKey, vrsName: 'vrs-test' }),
      ensureInstallation(ctx.db, { masterKey, vrsName: 'vrs-test' }),
    ]);
    expect(a.caCertificateId).toBe(b.caCertificateId);
    const again = await ensureInstallation(ctx.db, { masterKey, vrsName: 'vrs-test' });
    expect(again.caCertificateId).toBe(a.caCertificateId);
    const cas = await listCertificates(ctx.db, { purposes: ['ca'] });
    expect(cas).toHaveLength(1);
    expect(cas[0]!.encryptedKey).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(cas[0]!.encryptedKey).not.toContain('PRIVATE KEY');
  });

  test('a different VRS_MASTER_KEY refuses to start', async () => {
    const wrong = randomBytes(32).toString('base64');
    await expect(ensureInstallation(ctx.db, { masterKey: wrong, vrsName: 'vrs-test' })).rejects.toThrow(
      InstallationError,
    );
    await expect(ensureInstallation(ctx.db, { masterKey: wrong, vrsName: 'vrs-test' })).rejects.toThrow(
      /not the key this installation was set up with/,
    );
  });

  test('a missing or malformed VRS_MASTER_KEY refuses to start with a clear message', async () => {
    await expect(ensureInstallation(ctx.db, { masterKey: undefined, vrsName: 'vrs-test' })).rejects.toThrow(
      /VRS_MASTER_KEY is not set/,
    );
    await expect(ensureInstallation(ctx.db, { masterKey: 'c2hvcnQ=', vrsName: 'vrs-test' })).rejects.toThrow(/not 32/);
  });
});
