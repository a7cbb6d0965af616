import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder, productsCsv, upload } from './helpers/masterData.js';

const PREFIX = '0361414';
const item = (gtin: string) =>
  `<tradeItem><gtin>${gtin}</gtin><targetMarket><targetMarketCountryCode>840</targetMarketCountryCode></targetMarket></tradeItem>`;
const cin = (body: string) =>
  `<?xml version="1.0"?><catalogueItemNotificationMessage><transaction><documentCommand><catalogueItemNotification><catalogueItem>${body}</catalogueItem></catalogueItemNotification></documentCommand></transaction></catalogueItemNotificationMessage>`;

type Problem = { status: number; detail: string; errors: { path: string; message: string }[] };

describe('POST /v1/master-data: formats, row errors, and documents refused whole', () => {
  let ctx: ApiTestContext;
  let token: string;
  const stored = async () => (await ctx.database.db.selectFrom('source_products').select('gtin').execute()).length;
  beforeAll(async () => {
    ctx = await createApiTestContext('masterDataUpload');
    token = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] })).token;
  });
  beforeEach(async () => {
    await ctx.database.db.deleteFrom('source_products').execute();
  });
  afterAll(() => ctx.close());

  test('malformed XML is refused with the parser message; rows before the fault are not kept', async () => {
    const res = await upload(
      ctx,
      token,
      'application/xml',
      cin(item(gtinUnder(PREFIX, 1)) + item(gtinUnder(PREFIX, 2))).replace('</catalogueItem>', '</catalogueItm>'),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.errors[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/malformed XML.*line 1/) });
    expect(await stored()).toBe(0);
    // Recorded, as failed and why: GET /v1/uploads shows what happened to it.
    expect(await ctx.database.db.selectFrom('uploads').select(['status', 'stop_reason']).execute()).toEqual([
      { status: 'failed', stop_reason: problem.detail },
    ]);
  });

  test('a DOCTYPE with nested entities (billion laughs) is refused before any expansion', async () => {
    const lol = [
      '<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ].join('');
    const started = Date.now();
    const res = await upload(
      ctx,
      token,
      'application/xml',
      `<?xml version="1.0"?><!DOCTYPE lolz [${lol}]>${cin(item('&lol9;'))}`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors[0]?.message).toMatch(/DOCTYPE declarations are not accepted/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await stored()).toBe(0);
  });

  test('an external entity is refused, and the file it names is never read into the answer', async () => {
    const res = await upload(
      ctx,
      token,
      'application/xml',
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${cin(item('&xxe;'))}`,
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(/DOCTYPE/);
    expect(text).not.toMatch(/root:/);
    // Without a DOCTYPE an entity reference is simply not well-formed.
    const bare = await upload(ctx, token, 'application/xml', cin(item('&xxe;')));
    expect(bare.status).toBe(400);
    expect(await stored()).toBe(0);
  });

  test('CSV: a bad row is reported with its number and reason and never stops the good rows', async () => {
    const lines = productsCsv(PREFIX, 3).trimEnd().split('\r\n');
    lines.splice(2, 0, `${gtinUnder(PREFIX, 50).slice(0, 13)}9,Bad,Tablets,1,EA,BASE_UNIT_OR_EACH,840`, 'too,few');
    const res = await upload(ctx, token, 'text/csv; charset=utf-8', lines.join('\r\n'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      accepted: number;
      rejected: { row: number; errors: { path: string }[] }[];
      rejectedCount: number;
    };
    expect(report.accepted).toBe(3);
    expect(report.rejected.map((r) => [r.row, r.errors[0]?.path])).toEqual([
      [2, 'gtin'],
      [3, '(row)'],
    ]);
    expect(report.rejectedCount).toBe(2);
    expect(await stored()).toBe(3);
  });

  test('CSV that cannot be read as a whole (unterminated quote) is refused whole', async () => {
    const res = await upload(
      ctx,
      token,
      'text/csv',
      `${productsCsv(PREFIX, 2)}"${gtinUnder(PREFIX, 9)},unterminated\r\n`,
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors[0]?.message).toMatch(/malformed CSV/);
    expect(await stored()).toBe(0);
  });

  test('JSON: array index + 1 is the row; a document that is not an array is refused', async () => {
    const body = JSON.stringify([
      { gtin: gtinUnder(PREFIX, 1), brandName: 'A', targetMarkets: ['840'] },
      { gtin: 12345 },
      {
        gtin: gtinUnder(PREFIX, 2),
        functionalName: 'Vial',
        targetMarkets: ['840'],
        netContent: { value: 5, unit: 'EA' },
      },
    ]);
    const report = (await (await upload(ctx, token, 'application/json', body)).json()) as {
      accepted: number;
      rejected: { row: number }[];
    };
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r) => r.row)).toEqual([2]);
    const notArray = await upload(ctx, token, 'application/json', '{"gtin":"1"}');
    expect(notArray.status).toBe(400);
  });

  test('a streamed body is parsed as it arrives; unsupported types answer 415', async () => {
    const csv = new TextEncoder().encode(productsCsv(PREFIX, 2500));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < csv.length; i += 4096) controller.enqueue(csv.subarray(i, i + 4096));
        controller.close();
      },
    });
    const res = await ctx.app.request('/v1/master-data', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(2500);
    expect(await stored()).toBe(2500);
    const plain = await upload(ctx, token, 'text/plain', 'gtin\n1');
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
