import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { testCa } from './helpers/testPki.js';
import { company, gtinUnder, productsCsv, upload } from './helpers/masterData.js';

const PREFIX = '0361414';
const OTHER_PREFIX = '0361415';
const good = gtinUnder(PREFIX, 9);
/** A check digit off by one. */
const BAD_GTIN = good.slice(0, 13) + String((Number(good[13]) + 1) % 10);

interface UploadView {
  id: string;
  kind: string;
  status: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  bytesRead: number;
  bytesTotal: number | null;
  percent: number | null;
  stopReason: string | null;
  report: Record<string, unknown> | null;
  errorsCsv: string;
}

describe('uploads as tracked jobs: list, read, errors.csv', () => {
  let ctx: ApiTestContext;
  let token: string;
  let otherToken: string;
  const get = async (path: string, auth = token) => {
    const res = await ctx.call('GET', path, { token: auth });
    expect(res.status).toBe(200);
    return res;
  };
  beforeAll(async () => {
    ctx = await createApiTestContext('uploadTracking', { UPLOAD_BACKGROUND_BYTES: String(1024 * 1024) });
    token = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] })).token;
    otherToken = (
      await company(ctx.database.db, { gln: '0361415000008', roles: ['producer'], prefixes: [OTHER_PREFIX] })
    ).token;
  });
  afterAll(() => ctx.close());

  test('every upload is listed newest first with its report; rejected rows are in errors.csv', async () => {
    const lines = productsCsv(PREFIX, 3).trimEnd().split('\r\n');
    lines.push(`${BAD_GTIN},,,x,EA,BASE_UNIT_OR_EACH,840`);
    const first = await upload(ctx, token, 'text/csv', lines.join('\r\n'));
    expect(first.status).toBe(200);
    const report = (await first.json()) as { uploadId: string };
    const broken = await upload(ctx, token, 'application/json', '[{"gtin": ');
    expect(broken.status).toBe(400);
    const dry = await ctx.app.request('/v1/master-data?dryRun=true', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: productsCsv(PREFIX, 1),
    });
    expect(dry.status).toBe(200);

    const page = (await (await get('/v1/uploads')).json()) as { items: UploadView[]; nextCursor: string | null };
    // The dry run stored nothing and is not an upload; the refused document is, failed and why.
    expect(page.items.map((u) => [u.kind, u.status])).toEqual([
      ['master-data', 'failed'],
      ['master-data', 'completed'],
    ]);
    expect(page.items[0]!.stopReason).toMatch(/JSON/);
    const view = (await (await get(`/v1/uploads/${report.uploadId}`)).json()) as UploadView;
    expect(view).toMatchObject({
      id: report.uploadId,
      status: 'completed',
      rowsRead: 4,
      rowsAccepted: 3,
      rowsRejected: 1,
      percent: 100,
      report: { accepted: 3, rejectedCount: 1, wouldWithdraw: 0 },
      errorsCsv: `/v1/uploads/${report.uploadId}/errors.csv`,
    });

    const csv = await get(view.errorsCsv);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="upload-${report.uploadId}-errors.csv"`);
    const rows = (await csv.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe('row,gtin,serial,column,message');
    // Every error of the row, each on its own line, the row named by the GTIN it wrote.
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 4))).toEqual([
      ['4', BAD_GTIN, '', 'gtin'],
      ['4', BAD_GTIN, '', 'netContentValue'],
      ['4', BAD_GTIN, '', 'brandName'],
    ]);
  });

  test('pages by cursor; another company sees none of them, and a stranger id is a 404', async () => {
    const one = (await (await get('/v1/uploads?limit=1')).json()) as { items: UploadView[]; nextCursor: string };
    const two = (await (await get(`/v1/uploads?limit=1&cursor=${one.nextCursor}`)).json()) as {
      items: UploadView[];
    };
    expect(two.items).toHaveLength(1);
    expect(two.items[0]!.id).not.toBe(one.items[0]!.id);
    const other = (await (await get('/v1/uploads', otherToken)).json()) as { items: UploadView[] };
    expect(other.items).toEqual([]);
    expect((await ctx.call('GET', `/v1/uploads/${one.items[0]!.id}`, { token: otherToken })).status).toBe(404);
    expect((await ctx.call('GET', `/v1/uploads/${one.items[0]!.id}/errors.csv`, { token: otherToken })).status).toBe(
      404,
    );
  });

  test("the operator sees the partners' directory uploads, failed ones with their errors", async () => {
    const ca = await testCa('Tracked Partner CA');
    const created = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Sheet VRS',
        gln: '0860000000017',
        baseUrl: 'https://sheet.partner.test',
        caPem: ca.certificatePem,
        pullDirectory: false,
      },
    });
    const partnerId = ((await created.json()) as { id: string }).id;
    const res = await ctx.app.request(`/v1/admin/partners/${partnerId}/directory`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      body: `gtin,responderGLN\n${gtinUnder('0370000', 1)},0614141000005\n00361414567895,0614141000005\n`,
    });
    expect(res.status).toBe(400);
    const page = (await (await get('/v1/uploads', ADMIN_TOKEN)).json()) as { items: UploadView[] };
    expect(page.items.map((u) => [u.kind, u.status, u.rowsRejected])).toEqual([['directory', 'failed', 1]]);
    expect(page.items[0]!.stopReason).toMatch(/nothing was stored/);
    const csv = await (await get(page.items[0]!.errorsCsv, ADMIN_TOKEN)).text();
    expect(csv).toMatch(/^row,gtin,serial,column,message\r\n2,,,gtin,/);
  });
});
