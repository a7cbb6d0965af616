import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { issueApiKey } from '../api/companies/companies.js';
import { CredentialCache } from '../api/auth/credentialCache.js';
import { insertCompany } from '../db/repositories/companies.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

/** Counts the statements a Kysely instance sends; `failNext` makes the next one fail before it is sent. */
class StatementCounter implements KyselyPlugin {
  statements = 0;
  failNext = false;
  transformQuery: KyselyPlugin['transformQuery'] = ({ node }) => {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the database is out of reach');
    }
    this.statements++;
    return node;
  };
  transformResult: KyselyPlugin['transformResult'] = async ({ result }) => result;
}

describe('API key cache', () => {
  let ctx: TestDatabase;
  let apiKey: string;
  const concurrently = (cache: CredentialCache, n: number) =>
    Promise.all(Array.from({ length: n }, () => cache.authenticate(apiKey)));

  beforeAll(async () => {
    ctx = await createTestDatabase();
    const company = await insertCompany(ctx.db, {
      name: 'Key Cache Pharma',
      gln: '0312345000011',
      roles: ['consumer'],
    });
    apiKey = (await issueApiKey(ctx.db, company.id)).apiKey;
  });
  afterAll(() => ctx.drop());

  test('the requests in flight when an entry expires share one lookup', async () => {
    const counter = new StatementCounter();
    const cache = new CredentialCache(ctx.db.withPlugin(counter), 200);
    const first = await concurrently(cache, 50);
    expect(first.every((p) => p?.kind === 'company')).toBe(true);
    expect(counter.statements).toBe(1);
    await concurrently(cache, 50);
    expect(counter.statements).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    expect((await concurrently(cache, 50)).every((p) => p?.kind === 'company')).toBe(true);
    expect(counter.statements).toBe(2);
    expect(await cache.authenticate(`${apiKey.slice(0, -1)}x`)).toBeUndefined();
  });

  test('a failed lookup is not remembered', async () => {
    const counter = new StatementCounter();
    const cache = new CredentialCache(ctx.db.withPlugin(counter), 60_000);
    counter.failNext = true;
    await expect(cache.authenticate(apiKey)).rejects.toThrow('out of reach');
    expect((await cache.authenticate(apiKey))?.kind).toBe('company');
    expect(counter.statements).toBe(1);
  });
});
