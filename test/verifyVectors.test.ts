import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { putResponseRules } from '../db/repositories/responseRules.js';
import type { ResponseRules } from '../domain/verification/index.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, clearNetwork, companyWithGln, seedProduct, type SeedSerial } from './helpers/seedNetwork.js';

interface Expected {
  httpStatus: number;
  responderGLN?: string;
  corrUUID?: string;
  data?: unknown;
  problemField?: string;
}
interface Case {
  id: string;
  state: { productSynced: boolean; producerGLN: string; producerTimeZone: string; serials: SeedSerial[] };
  requestTime: string;
  request: { gtin: string; reqGLN: string };
  requestPath: string;
  expected: Expected;
  alternatives?: { policy: Partial<ResponseRules>; expected: Expected; change: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('./vectors/verification-scenarios.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};
const runs = vectors.cases.flatMap((c) => [
  { name: c.id, c, policy: {} as Partial<ResponseRules>, expected: c.expected },
  ...(c.alternatives ?? []).map((a) => ({ name: `${c.id} [${a.change}]`, c, policy: a.policy, expected: a.expected })),
]);

describe('GET /verify: every verification-scenarios.json case through the HTTP app', () => {
  let ctx: ApiTestContext;
  const keys = new Map<string, string>();
  beforeAll(async () => {
    ctx = await createApiTestContext('verify-vectors');
  });
  afterAll(() => ctx.close());

  test.each(runs)('$name', async ({ c, policy, expected }) => {
    await clearNetwork(ctx.database.db);
    const producer = await companyWithGln(ctx.database.db, c.state.producerGLN, ['producer'], c.state.producerTimeZone);
    if (c.state.productSynced) await seedProduct(ctx.database.db, producer, c.request.gtin, c.state.serials);
    await putResponseRules(ctx.database.db, producer.id, { rules: policy, overrides: [] });
    ctx.deps.responseRules.invalidate(producer.id);
    ctx.deps.productOwners.invalidate();
    const consumer = await companyWithGln(ctx.database.db, c.request.reqGLN, ['consumer']);
    if (!keys.has(consumer.id)) keys.set(consumer.id, await apiKeyFor(ctx.database.db, consumer));
    ctx.setNow(new Date(c.requestTime));

    const res = await ctx.call('GET', c.requestPath, {
      token: keys.get(consumer.id)!,
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(expected.httpStatus);
    const body = (await res.json()) as Record<string, unknown>;
    if (expected.httpStatus === 200) {
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(body).toEqual({
        verificationTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/),
        responderGLN: expected.responderGLN,
        corrUUID: expected.corrUUID,
        data: expected.data,
      });
    } else if (expected.httpStatus === 400) {
      expect((body.errors as { path: string }[]).map((e) => e.path)).toContain(expected.problemField);
    }
  });
});
