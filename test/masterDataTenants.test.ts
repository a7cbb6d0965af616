import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder, productsCsv, syncThroughApi, upload } from './helpers/masterData.js';

const PREFIX_A = '0361414';
const PREFIX_B = '0350580';

describe("two producers never see each other's products, directory records or syncs", () => {
  let ctx: ApiTestContext;
  let a: Awaited<ReturnType<typeof company>>;
  let b: Awaited<ReturnType<typeof company>>;
  let syncA: string;
  let syncB: string;
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

  beforeAll(async () => {
    ctx = await createApiTestContext('masterDataTenants');
    a = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX_A] });
    b = await company(ctx.database.db, { gln: '0350580000007', roles: ['producer'], prefixes: [PREFIX_B] });
    await upload(ctx, a.token, 'text/csv', productsCsv(PREFIX_A, 5));
    await upload(ctx, b.token, 'text/csv', productsCsv(PREFIX_B, 3));
    [syncA, syncB] = await ctx.withWorkers(async () => [
      (await syncThroughApi(ctx, a.token)).workflowId,
      (await syncThroughApi(ctx, b.token)).workflowId,
    ]);
  });
  afterAll(() => ctx.close());

  test("product lists, product detail and directory show only the caller's own", async () => {
    const listA = await json<{ items: { gtin: string; syncState: string }[]; nextCursor: string | null }>(
      ctx.call('GET', '/v1/products?limit=3', { token: a.token }),
    );
    expect(listA.items.map((p) => p.gtin)).toEqual([0, 1, 2].map((i) => gtinUnder(PREFIX_A, i)));
    expect(listA.items.every((p) => p.syncState === 'synced')).toBe(true);
    const rest = await json<{ items: { gtin: string }[]; nextCursor: string | null }>(
      ctx.call('GET', `/v1/products?limit=3&cursor=${listA.nextCursor}`, { token: a.token }),
    );
    expect(rest.items.map((p) => p.gtin)).toEqual([3, 4].map((i) => gtinUnder(PREFIX_A, i)));
    expect(rest.nextCursor).toBeNull();

    expect((await ctx.call('GET', `/v1/products/${gtinUnder(PREFIX_B, 0)}`, { token: a.token })).status).toBe(404);
    expect((await ctx.call('GET', `/v1/products/${gtinUnder(PREFIX_A, 0)}`, { token: a.token })).status).toBe(200);
    const dirB = await json<{ items: { gtin: string; responderGln: string }[] }>(
      ctx.call('GET', '/v1/directory', { token: b.token }),
    );
    expect(dirB.items.map((d) => [d.gtin, d.responderGln])).toEqual(
      [0, 1, 2].map((i) => [gtinUnder(PREFIX_B, i), '0350580000007']),
    );
    const dirOther = await json<{ items: unknown[] }>(
      ctx.call('GET', `/v1/directory?gtin=${gtinUnder(PREFIX_A, 0)}`, { token: b.token }),
    );
    expect(dirOther.items).toEqual([]);
  });

  test("a GTIN of another producer's prefix is a rejected row", async () => {
    const report = await json<{ accepted: number; rejected: { row: number }[] }>(
      upload(ctx, b.token, 'text/csv', productsCsv(PREFIX_A, 1)),
    );
    expect(report).toMatchObject({ accepted: 0, rejected: [{ row: 1 }] });
  });

  test("syncs: another company's sync is 404 to read and to cancel; the operator sees both", async () => {
    expect((await ctx.call('GET', `/v1/syncs/${syncA}`, { token: a.token })).status).toBe(200);
    expect((await ctx.call('GET', `/v1/syncs/${syncB}`, { token: a.token })).status).toBe(404);
    expect((await ctx.call('POST', `/v1/syncs/${syncB}/cancel`, { token: a.token })).status).toBe(404);
    expect((await ctx.call('GET', '/v1/syncs/ping:operator:x', { token: a.token })).status).toBe(404);

    expect((await ctx.call('GET', '/v1/admin/workflows', { token: a.token })).status).toBe(403);
    const all = await json<{ workflowId: string; companyId: string; status: string; progress: { done: number } }[]>(
      ctx.call('GET', '/v1/admin/workflows', { token: ADMIN_TOKEN }),
    );
    expect(all.map((w) => [w.workflowId, w.companyId, w.status, w.progress.done]).sort()).toEqual(
      [
        [syncA, a.company.id, 'completed', 5],
        [syncB, b.company.id, 'completed', 3],
      ].sort(),
    );
  });

  test('a GTIN already published by one producer is never taken over by another', async () => {
    // Data from before the prefix registry (migration 0014, which now refuses it): B lists A's
    // prefix too. The sync reports the clash instead of moving the product.
    await ctx.database.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx
        .updateTable('companies')
        .set({ company_prefixes: [PREFIX_B, PREFIX_A] })
        .where('id', '=', b.company.id)
        .execute();
    });
    await upload(ctx, b.token, 'text/csv', productsCsv(PREFIX_A, 1));
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, b.token));
    expect(result.counts).toMatchObject({ conflict: 1, unchanged: 3 });
    const owner = await ctx.database.db
      .selectFrom('network_products')
      .select('producer_company_id')
      .where('gtin', '=', gtinUnder(PREFIX_A, 0))
      .executeTakeFirstOrThrow();
    expect(owner.producer_company_id).toBe(a.company.id);
    const status = await json<{ errors: { gtin: string; reason: string }[]; progress: { failed: number } }>(
      ctx.call('GET', `/v1/syncs/${syncB}`, { token: b.token }),
    );
    expect(status.errors).toEqual([
      { gtin: gtinUnder(PREFIX_A, 0), reason: 'the GTIN is published in the network by another producer' },
    ]);
    expect(status.progress.failed).toBe(1);
  });
});
