import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Company } from '../db/repositories/companies.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, clearNetwork, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN } from './helpers/verifyRequest.js';

interface BarcodeCase {
  id: string;
  input: string;
  expected:
    { gtin: string; serial: string; lot: string; expiry: string; expiryDate: string } | { error: string; ai?: string };
}

const vectors = JSON.parse(readFileSync(new URL('./vectors/barcodes.json', import.meta.url), 'utf8')) as {
  cases: BarcodeCase[];
};

describe('POST /v1/verifications: every barcodes.json case as a scan', () => {
  let ctx: ApiTestContext;
  let producer: Company;
  let token: string;

  beforeAll(async () => {
    ctx = await createApiTestContext('verifications-barcodes');
    // The vectors fix the two-digit-year window with 2026 as the current year.
    ctx.setNow(new Date('2026-06-15T12:00:00Z'));
    producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    token = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
  });
  afterAll(() => ctx.close());

  test.each(vectors.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const expected = c.expected;
    if ('error' in expected) {
      const res = await ctx.call('POST', '/v1/verifications', { token, body: { barcode: c.input } });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { path: string; ai?: string; code: string; message: string }[] };
      expect(body.errors[0]).toMatchObject({
        path: 'barcode',
        code: expected.error,
        message: expect.any(String),
        ...(expected.ai && { ai: expected.ai }),
      });
      return;
    }
    // The pack exists exactly as the barcode says: a correct parse verifies, a wrong one does not.
    await clearNetwork(ctx.database.db);
    await seedProduct(ctx.database.db, producer, expected.gtin, [{ ...expected, status: 'commissioned' }]);
    const res = await ctx.call('POST', '/v1/verifications', { token, body: { barcode: c.input } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      reqGLN: string;
      responderGLN: string;
      data: { verified: boolean; verificationFailureReason?: string };
    };
    expect(body).toMatchObject({ reqGLN: CONSUMER_GLN, responderGLN: PRODUCER_GLN, data: { verified: true } });
    expect(body.data.verificationFailureReason).toBeUndefined();
  });
});
