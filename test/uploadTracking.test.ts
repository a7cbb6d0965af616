import { setTimeout as sleep } from 'node:timers/promises';
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
      // Sent without a Content-Length, it was spooled first: its size is known all the same.
      bytesTotal: Buffer.byteLength(lines.join('\r\n')),
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

  const post = (path: string, contentType: string, body: string) =>
    ctx.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });

  /** Polls the upload until it ends, with every state seen on the way. */
  const watch = async (id: string): Promise<UploadView[]> => {
    const seen: UploadView[] = [];
    for (;;) {
      const view = (await (await get(`/v1/uploads/${id}`)).json()) as UploadView;
      seen.push(view);
      if (!['queued', 'running'].includes(view.status)) return seen;
      await sleep(100);
    }
  };

  test('a multi-MB file answers 202 at once and is parsed in the background, its progress visible', async () => {
    const count = 40_000;
    const csv = productsCsv(PREFIX, count, 1_000);
    expect(csv.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await post('/v1/master-data', 'text/csv', csv);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { uploadId: string; status: string; href: string };
    expect(accepted).toMatchObject({ status: 'queued', href: `/v1/uploads/${accepted.uploadId}` });

    const seen = await watch(accepted.uploadId);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({
      status: 'completed',
      rowsRead: count,
      rowsAccepted: count,
      rowsRejected: 0,
      bytesRead: Buffer.byteLength(csv),
      bytesTotal: Buffer.byteLength(csv),
      percent: 100,
      report: { accepted: count, rejectedCount: 0 },
    });
    // Progress only ever moves forward.
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.rowsRead).toBeGreaterThanOrEqual(seen[i - 1]!.rowsRead);
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
    }
    const stored = await ctx.database.db
      .selectFrom('source_products')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('upload_id', '=', accepted.uploadId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(count);
  });

  test('a chunked body (no Content-Length) over the threshold is spooled, then answered 202', async () => {
    const count = 30_000;
    const csv = productsCsv(PREFIX, count, 60_000);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await upload(ctx, token, 'text/csv', csv);
    expect(res.status).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    // Its size is known once it has arrived, so its progress has a percent.
    expect((await watch(uploadId)).at(-1)).toMatchObject({
      status: 'completed',
      rowsAccepted: count,
      bytesTotal: Buffer.byteLength(csv),
      percent: 100,
    });
  });

  test('a background upload that turns out malformed half way stores nothing and says why', async () => {
    const csv = `${productsCsv(PREFIX, 30_000, 50_000)}${gtinUnder(PREFIX, 99_999)},"unclosed\r\n`;
    const res = await post('/v1/master-data', 'text/csv', csv);
    expect(res.status).toBe(202);
    const { uploadId } = (await res.json()) as { uploadId: string };
    const last = (await watch(uploadId)).at(-1)!;
    expect(last.status).toBe('failed');
    expect(last.stopReason).toMatch(/malformed CSV/);
    const stored = await ctx.database.db
      .selectFrom('source_products')
      .select('gtin')
      .where('upload_id', '=', uploadId)
      .execute();
    expect(stored).toEqual([]);
  });

  test('an upload whose first 1,000 rows are nearly all rejected stops early and says why', async () => {
    const lines = productsCsv(PREFIX, 1_500, 10_000)
      .trimEnd()
      .split('\r\n')
      .map((line, i) => (i === 0 ? line : line.replace(/,EA,/, ',,')));
    const res = await upload(ctx, token, 'text/csv', lines.join('\r\n'));
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; uploadId: string; errors: { row: number; path: string }[] };
    expect(problem.detail).toMatch(
      /^stopped after the first 1,000 rows: 1,000 were rejected, 1,000 of them for "netContentUnit: unit is required"/,
    );
    expect(problem.detail).toMatch(/nothing was stored$/);
    expect(problem.errors[0]).toMatchObject({ row: 1, path: 'netContentUnit' });
    const view = (await (await get(`/v1/uploads/${problem.uploadId}`)).json()) as UploadView;
    expect(view).toMatchObject({ status: 'stopped', rowsRead: 1_000, rowsRejected: 1_000, stopReason: problem.detail });
    const csv = (await (await get(view.errorsCsv)).text()).trimEnd().split('\r\n');
    expect(csv).toHaveLength(1 + 1_000);
    expect(
      await ctx.database.db
        .selectFrom('source_products')
        .select('gtin')
        .where('upload_id', '=', problem.uploadId)
        .execute(),
    ).toEqual([]);
  });

  test('hints: a ;-separated CSV and a file that is not UTF-8 are answered with what to do', async () => {
    const semicolons = await upload(ctx, token, 'text/csv', `gtin;brandName\r\n${gtinUnder(PREFIX, 1)};Acme\r\n`);
    expect(semicolons.status).toBe(400);
    expect(((await semicolons.json()) as { detail: string }).detail).toMatch(
      /separated by ";", not ","; save the file as CSV with commas/,
    );
    // Windows-1252 writes "é" as one byte, 0xE9, which UTF-8 does not allow there.
    const latin1 = Buffer.from(
      `${productsCsv(PREFIX, 2).trimEnd()}\r\n${gtinUnder(PREFIX, 7)},Caf\u00e9,Tablets,10,EA,BASE_UNIT_OR_EACH,840\r\n`,
      'latin1',
    );
    const res = await upload(ctx, token, 'text/csv', new Uint8Array(latin1));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string; message: string; line: number }[] };
    expect(problem.errors[0]).toMatchObject({ path: 'body', line: 4 });
    expect(problem.errors[0]!.message).toMatch(/^line 4 is not UTF-8 .*save it as UTF-8/);
  });
});

describe('serial upload reports: counts and warnings', () => {
  let ctx: ApiTestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('serialUploadReport');
    token = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] })).token;
    expect((await upload(ctx, token, 'text/csv', productsCsv(PREFIX, 1))).status).toBe(200);
  });
  afterAll(() => ctx.close());

  test('count serials and events; warn, and store, events in the future and GTINs without master data', async () => {
    const known = gtinUnder(PREFIX, 0);
    const unknown = gtinUnder(PREFIX, 5);
    const csv = [
      'gtin,serial,lot,expiry,status,eventTime',
      `${known},S1,LOT1,270131,commissioned,2026-03-01T10:00:00Z`,
      `${known},S1,LOT1,270131,decommissioned,2026-03-02T10:00:00Z`,
      `${known},S2,LOT1,270131,commissioned,2099-01-01T00:00:00Z`,
      `${unknown},S3,LOT1,270131,commissioned,2026-03-01T10:00:00Z`,
    ].join('\r\n');
    const res = await ctx.app.request('/v1/serials', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, unknown>;
    expect(report).toMatchObject({ accepted: 4, rejectedCount: 0, events: 4, serials: 3, warningCount: 2 });
    expect(report.warnings).toEqual([
      { row: 3, gtin: known, serial: 'S2', message: expect.stringMatching(/^eventTime 2099-01-01.* is in the future/) },
      { gtin: unknown, message: expect.stringMatching(/^no product master data for this GTIN \(1 events\)/) },
    ]);
  });
});
