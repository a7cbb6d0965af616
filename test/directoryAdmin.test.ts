import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testCa } from './helpers/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder } from './helpers/masterData.js';
import { verifyPath } from './helpers/verifyRequest.js';

const GLN = '0614141000005';
const gtin = (n: number) => gtinUnder('0361414', n);

describe('directory uploads, conflicts and coverage (operator API)', () => {
  let ctx: ApiTestContext;
  let partnerId: string;
  const records = () =>
    ctx.database.db
      .selectFrom('directory_entries')
      .selectAll()
      .where('source', '=', partnerId)
      .orderBy('gtin')
      .execute();
  const send = (contentType: string, body: string, id = partnerId) =>
    ctx.app.request(`/v1/admin/partners/${id}/directory`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
      body,
    });

  beforeAll(async () => {
    ctx = await createApiTestContext('directory-admin');
    const ca = await testCa('Spreadsheet Partner CA');
    const res = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Spreadsheet VRS',
        gln: '0860000000017',
        baseUrl: 'https://sheet.partner.test',
        caPem: ca.certificatePem,
        pullDirectory: false,
      },
    });
    expect(res.status).toBe(201);
    partnerId = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => ctx.close());

  test('a CSV with bad GTIN and GLN check digits stores nothing and names each row and column', async () => {
    const csv = [
      'gtin,responderGLN,validTo',
      `${gtin(1)},${GLN},`,
      `00361414567895,${GLN},`,
      `${gtin(3)},0614141000006,`,
      `${gtin(4)},${GLN},not a date`,
    ].join('\n');
    const res = await send('text/csv', csv);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { row: number; path: string }[]; errorCount: number };
    expect(problem.errors.map(({ row, path }) => ({ row, path }))).toEqual([
      { row: 2, path: 'gtin' },
      { row: 3, path: 'responderGLN' },
      { row: 4, path: 'validTo' },
    ]);
    expect(problem.errorCount).toBe(3);
    expect(await records()).toEqual([]);
  });

  test('a good CSV is stored whole, with the partner filling what the sheet leaves out', async () => {
    const csv = [
      'gtin,responderGLN,verificationUrl,validFrom,validTo',
      `${gtin(1)},${GLN},,2026-01-01,`,
      `${gtin(2)},${GLN},https://other.partner.test/vrs,2026-01-01T00:00:00Z,2026-02-01`,
    ].join('\r\n');
    const res = await send('text/csv', csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 2, stored: 2, ended: 1, conflicts: 0 });
    const stored = await records();
    expect(
      stored.map((r) => ({
        gtin: r.gtin,
        url: r.verification_url,
        check: r.connectivity_url,
        name: r.vrs_name,
        to: r.valid_to?.toISOString() ?? null,
      })),
    ).toEqual([
      {
        gtin: gtin(1),
        url: 'https://sheet.partner.test',
        check: 'https://sheet.partner.test/checkConnectivity',
        name: 'Spreadsheet VRS',
        to: null,
      },
      {
        gtin: gtin(2),
        url: 'https://other.partner.test/vrs',
        check: 'https://other.partner.test/vrs/checkConnectivity',
        name: 'Spreadsheet VRS',
        to: '2026-02-01T00:00:00.000Z',
      },
    ]);
  });

  test('JSON uploads: a bad row refuses the whole array; a good one updates in place and reports a local conflict', async () => {
    const bad = await send(
      'application/json',
      JSON.stringify([
        { gtin: gtin(5), responderGLN: GLN },
        { gtin: gtin(6), responderGLN: '061414100000' },
      ]),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { row: number; path: string }[] }).errors).toMatchObject([
      { row: 2, path: 'responderGLN' },
    ]);
    expect((await records()).map((r) => r.gtin)).toEqual([gtin(1), gtin(2)]);

    await ctx.database.db
      .insertInto('directory_entries')
      .values({
        gtin: gtin(5),
        responder_gln: '0860000000000',
        source: 'local',
        vrs_name: 'vrs',
        verification_url: 'https://vrs.test.example',
        connectivity_url: 'https://vrs.test.example/checkConnectivity',
        valid_from: new Date('2025-01-01T00:00:00Z'),
      })
      .execute();
    const good = await send(
      'application/json',
      JSON.stringify([
        { gtin: gtin(5), responderGLN: GLN },
        { gtin: gtin(1), responderGLN: GLN, validFrom: '2026-01-01' },
      ]),
    );
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ accepted: 2, stored: 1, conflicts: 1 });
    // The same sheet again changes nothing, records without a validFrom included.
    const again = await send(
      'application/json',
      JSON.stringify([
        { gtin: gtin(5), responderGLN: GLN },
        { gtin: gtin(1), responderGLN: GLN, validFrom: '2026-01-01' },
      ]),
    );
    expect(await again.json()).toMatchObject({ accepted: 2, stored: 0, conflicts: 1 });
    const conflicts = (await (
      await ctx.call('GET', '/v1/admin/directory/conflicts', { token: ADMIN_TOKEN })
    ).json()) as unknown[];
    expect(conflicts).toMatchObject([{ gtin: gtin(5), partnerId, otherSource: 'local', winner: 'local' }]);

    const list = (await (await ctx.call('GET', '/v1/admin/partners', { token: ADMIN_TOKEN })).json()) as {
      id: string;
      directory: unknown;
    }[];
    expect(list.find((p) => p.id === partnerId)!.directory).toMatchObject({
      records: 2,
      conflicts: 1,
      lastPull: null,
      lastUpload: { outcome: 'completed', records: 2 },
    });
  });

  test('uploads: unknown partner 404, other media types 415, pulls of a spreadsheet partner 409', async () => {
    expect((await send('text/csv', 'gtin,responderGLN\n', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await send('application/xml', '<x/>')).status).toBe(415);
    expect((await ctx.call('POST', `/v1/admin/partners/${partnerId}/pull`, { token: ADMIN_TOKEN })).status).toBe(409);
  });

  test('coverage counts the unknown GTINs asked for, per day and requestor', async () => {
    const consumers = [
      await company(ctx.database.db, { gln: '0321012345676', roles: ['consumer'] }),
      await company(ctx.database.db, { gln: '0860000000024', roles: ['consumer'] }),
    ];
    const ask = async (token: string, reqGLN: string, g: string) => {
      const res = await ctx.call('GET', verifyPath({ gtin: g, reqGLN }), { token });
      expect(res.status).toBe(404);
    };
    const [first, second] = consumers as [(typeof consumers)[0], (typeof consumers)[0]];
    await ask(first.token, first.company.gln, gtin(100));
    await ask(first.token, first.company.gln, gtin(100));
    await ask(first.token, first.company.gln, gtin(101));
    await ask(second.token, second.company.gln, gtin(100));
    await ctx.history.flush();

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const res = await ctx.call('GET', `/v1/admin/directory/coverage?from=${today}&to=${tomorrow}`, {
      token: ADMIN_TOKEN,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      from: `${today}T00:00:00.000Z`,
      to: `${tomorrow}T00:00:00.000Z`,
      unknownGtins: 2,
      requests: 4,
      days: [
        {
          day: today,
          requestors: [
            {
              requestorGLN: first.company.gln,
              unknownGtins: 2,
              requests: 3,
              gtins: [
                { gtin: gtin(100), requests: 2 },
                { gtin: gtin(101), requests: 1 },
              ],
            },
            {
              requestorGLN: second.company.gln,
              unknownGtins: 1,
              requests: 1,
              gtins: [{ gtin: gtin(100), requests: 1 }],
            },
          ],
        },
      ],
      truncated: false,
    });

    const bad = await ctx.call('GET', `/v1/admin/directory/coverage?from=${tomorrow}&to=${today}`, {
      token: ADMIN_TOKEN,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('to');
  });
});
