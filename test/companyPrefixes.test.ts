import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { gtinUnder, productsCsv, upload } from './helpers/masterData.js';
import { seedProduct } from './helpers/seedNetwork.js';

type Problem = {
  status: number;
  detail: string;
  errors: { path: string; message: string; owner?: { id: string; prefix: string } }[];
};
type Ref = { id: string; name: string; gln: string };
type Conflict =
  | { kind: 'prefix'; claims: { prefix: string; company: Ref; registered: boolean }[] }
  | { kind: 'gtin'; gtin: string; publishedBy: Ref | null; claimedBy: Ref[] };
type Page = { items: Conflict[]; nextCursor: string | null };

const SERIAL_HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';

describe('a GS1 company prefix belongs to one company', () => {
  let ctx: ApiTestContext;
  let acme: { id: string; apiKey: string };
  let globex: { id: string; apiKey: string };
  beforeAll(async () => {
    ctx = await createApiTestContext('prefixes');
    acme = await created('Acme', '0312345000011', ['0312345']);
    globex = await created('Globex', '0614141000005', ['0614141']);
  });
  afterAll(() => ctx.close());

  const create = (name: string, gln: string, companyPrefixes: string[]) =>
    ctx.call('POST', '/v1/admin/companies', {
      token: ADMIN_TOKEN,
      body: { name, gln, roles: ['producer'], companyPrefixes },
    });
  async function created(name: string, gln: string, prefixes: string[]) {
    const res = await create(name, gln, prefixes);
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; apiKey: string };
  }
  const patch = (id: string, body: unknown) =>
    ctx.call('PATCH', `/v1/admin/companies/${id}`, { token: ADMIN_TOKEN, body });
  const companyCount = async () =>
    (
      await ctx.database.db
        .selectFrom('companies')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  test.each([
    ['the same prefix', ['0312345']],
    ['a longer prefix inside it', ['03123456']],
    ['a shorter prefix around it', ['031234']],
  ])('%s of another company is a 409 naming the owner; nothing is stored', async (_name, prefixes) => {
    const before = await companyCount();
    const res = await create('Initech', '0361414000001', ['0361414', ...prefixes]);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toContain(`belongs to Acme (GLN 0312345000011, id ${acme.id})`);
    expect(problem.errors).toEqual([
      expect.objectContaining({
        path: 'companyPrefixes.1',
        owner: expect.objectContaining({ id: acme.id, prefix: '0312345' }),
      }),
    ]);
    expect(await companyCount()).toBe(before);
  });

  test("a company may list its own nested prefixes; a PATCH onto another company's prefix is a 409 and changes nothing", async () => {
    expect((await patch(acme.id, { companyPrefixes: ['0312345', '03123456'] })).status).toBe(200);
    const res = await patch(globex.id, { name: 'Globex Corp', companyPrefixes: ['0614141', '03123456'] });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).errors).toEqual([
      expect.objectContaining({ path: 'companyPrefixes.1', message: expect.stringContaining('belongs to Acme') }),
    ]);
    const after = (await (
      await ctx.call('GET', `/v1/admin/companies/${globex.id}`, { token: ADMIN_TOKEN })
    ).json()) as { name: string; companyPrefixes: string[] };
    expect(after).toMatchObject({ name: 'Globex', companyPrefixes: ['0614141'] });
    expect((await patch(globex.id, { name: 'Globex Corp' })).status).toBe(200); // other fields still change
  });

  test('the database refuses it too, whatever path writes the prefixes', async () => {
    await expect(
      ctx.database.db
        .updateTable('companies')
        .set({ company_prefixes: ['06141410'] })
        .where('id', '=', acme.id)
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    await expect(
      ctx.database.db
        .insertInto('companies')
        .values({ name: 'x', gln: '0000000000017', roles: ['producer'], company_prefixes: ['061414'] })
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  /** The GTINs acme has stored in a source table. */
  const storedGtins = async (table: 'source_products' | 'source_serial_events') =>
    (await ctx.database.db.selectFrom(table).select('gtin').where('company_id', '=', acme.id).execute()).map(
      (r) => r.gtin,
    );
  /** The row report for a second row whose GTIN is not under acme's prefixes. */
  const outsidePrefixes = (gtin: string) => [
    {
      row: 2,
      errors: [
        { path: 'gtin', message: `GTIN ${gtin} is outside the producer's company prefixes (0312345, 03123456)` },
      ],
    },
  ];

  test("product rows outside the producer's prefixes are rejected, naming the GTIN and the prefixes; only the others are stored", async () => {
    const own = gtinUnder('0312345', 1);
    const foreign = gtinUnder('0614141', 1);
    const csv = [productsCsv('0312345', 1, 1), productsCsv('0614141', 1, 1).split('\n')[1]].join('\n');
    const report = (await (await upload(ctx, acme.apiKey, 'text/csv', csv)).json()) as {
      accepted: number;
      rejected: { row: number; errors: { path: string; message: string }[] }[];
    };
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual(outsidePrefixes(foreign));
    expect(await storedGtins('source_products')).toEqual([own]);
  });

  test("serial rows outside the producer's prefixes are rejected the same way", async () => {
    const foreign = gtinUnder('0614141', 2);
    const row = (id: string, gtin: string) =>
      `${id},${gtin},S1,LOT1,270131,commissioned,false,false,false,false,,,2026-05-01T00:00:00Z`;
    const res = await ctx.app.request('/v1/serials', {
      method: 'POST',
      headers: { authorization: `Bearer ${acme.apiKey}`, 'content-type': 'text/csv' },
      body: [SERIAL_HEADER, row('e-1', gtinUnder('0312345', 2)), row('e-2', foreign)].join('\r\n'),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { accepted: number; rejected: unknown[] };
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual(outsidePrefixes(foreign));
    expect(await storedGtins('source_serial_events')).toEqual([gtinUnder('0312345', 2)]);
  });

  describe('GET /v1/admin/conflicts', () => {
    let legacy: { id: string; apiKey: string };
    const contested = gtinUnder('0312345', 7);
    beforeAll(async () => {
      // An installation from before the registry: a second company already lists Acme's prefix.
      legacy = await created('Legacy', '0361414000001', ['0361414']);
      await ctx.database.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await trx
          .updateTable('companies')
          .set({ company_prefixes: ['0361414', '0312345'] })
          .where('id', '=', legacy.id)
          .execute();
      });
      for (const token of [acme.apiKey, legacy.apiKey])
        expect((await upload(ctx, token, 'text/csv', productsCsv('0312345', 1, 7))).status).toBe(200);
      const owner = await ctx.database.db
        .selectFrom('companies')
        .selectAll()
        .where('id', '=', acme.id)
        .executeTakeFirstOrThrow();
      await seedProduct(
        ctx.database.db,
        {
          id: owner.id,
          name: owner.name,
          gln: owner.gln,
          roles: ['producer'],
          companyPrefixes: owner.company_prefixes,
          timeZone: owner.time_zone,
          createdAt: owner.created_at,
        },
        contested,
        [],
      );
    });

    const page = async (query: string) => {
      const res = await ctx.call('GET', `/v1/admin/conflicts${query}`, { token: ADMIN_TOKEN });
      expect(res.status).toBe(200);
      return (await res.json()) as Page;
    };

    test('lists overlapping prefixes from before the registry, then GTINs two companies hold', async () => {
      const acmeRef = { id: acme.id, name: 'Acme', gln: '0312345000011' };
      const legacyRef = { id: legacy.id, name: 'Legacy', gln: '0361414000001' };
      const { items, nextCursor } = await page('');
      expect(nextCursor).toBeNull();
      const claimsOf = (c: Conflict) =>
        c.kind === 'prefix' ? c.claims.map((x) => [x.prefix, x.company.name, x.registered]).sort() : [];
      expect(items.filter((c) => c.kind === 'prefix').map(claimsOf)).toEqual([
        [
          ['0312345', 'Acme', true],
          ['0312345', 'Legacy', false],
        ],
        [
          ['0312345', 'Legacy', false],
          ['03123456', 'Acme', true],
        ],
      ]);
      expect(items.filter((c) => c.kind === 'gtin')).toEqual([
        {
          kind: 'gtin',
          gtin: contested,
          publishedBy: acmeRef,
          claimedBy: [acmeRef, legacyRef].sort((a, b) => (a.id < b.id ? -1 : 1)),
        },
      ]);
      expect(items.at(-1)?.kind).toBe('gtin');
    });

    test('pages with cursor and limit, like the other lists', async () => {
      const all = (await page('?limit=1000')).items;
      const walked: Conflict[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const next: Page = await page(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(next.items.length).toBeLessThanOrEqual(1);
        walked.push(...next.items);
        cursor = next.nextCursor;
      }
      expect(walked).toEqual(all);
      const bad = await ctx.call('GET', '/v1/admin/conflicts?cursor=nonsense', { token: ADMIN_TOKEN });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as Problem).errors.map((e) => e.path)).toEqual(['cursor']);
    });

    test('is for operators only and documented in the OpenAPI document', async () => {
      expect((await ctx.call('GET', '/v1/admin/conflicts', { token: acme.apiKey })).status).toBe(403);
      const doc = (await (await ctx.call('GET', '/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(doc.paths['/v1/admin/conflicts']).toBeDefined();
    });
  });
});
