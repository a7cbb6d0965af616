import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company } from './helpers/masterData.js';
import { seedProduct } from './helpers/seedNetwork.js';

const GTIN = '00305910369019';
/** Under the producer's prefix, but no product data was ever uploaded for it. */
const BARE_GTIN = '00305910369026';
const HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';
const row = (id: string, gtin: string, serial: string, lot: string, status: string, time: string, recalled = false) =>
  `${id},${gtin},${serial},${lot},270131,${status},${recalled},false,false,false,,,${time}`;

interface Detail {
  state: { lot: string; status: string; itemStatus: { recalled: boolean }; eventId: string } | null;
  events: { eventId: string; itemStatus: Record<string, boolean> }[];
  network: { inNetwork: boolean; product: string; reasons: { code: string }[]; state: { eventId: string } | null };
}
interface Page {
  items: { serial: string; lot: string; status: string; selected: boolean; inNetwork: boolean }[];
  nextCursor: string | null;
}

describe('GET /v1/serials: what a producer stored and what the network holds', () => {
  let ctx: ApiTestContext;
  let token: string;
  let otherToken: string;
  const get = async <T>(path: string, as = token) => {
    const res = await ctx.call('GET', path, { token: as });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('serial-views');
    const made = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'], prefixes: ['0305910'] });
    const producer = made.company;
    token = made.token;
    ({ token: otherToken } = await company(ctx.database.db, { gln: '0614141000005', roles: ['producer'] }));
    await seedProduct(ctx.database.db, producer, GTIN, []);
    const csv = [
      HEADER,
      row('e-1', GTIN, 'S1', 'LOT42', 'commissioned', '2026-03-01T10:00:00Z'),
      row('e-2', GTIN, 'S1', 'LOT42', 'commissioned', '2026-03-02T10:00:00Z', true),
      row('e-3', GTIN, 'S2', 'LOT7', 'commissioned', '2026-03-01T10:00:00Z'),
      row('e-4', GTIN, 'S3', 'LOT42', 'decommissioned', '2026-03-01T10:00:00Z'),
      row('e-5', BARE_GTIN, 'S1', 'LOT42', 'commissioned', '2026-03-01T10:00:00Z'),
    ].join('\r\n');
    const upload = await ctx.app.request('/v1/serials', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(upload.status).toBe(200);
    const rules = { enabled: true, include: [{ lot: 'LOT42' }] };
    expect((await ctx.call('PUT', '/v1/rules/serials', { token, body: rules })).status).toBe(200);
    await ctx.withWorkers(async () => {
      const started = await ctx.call('POST', '/v1/syncs/serial-backfill', { token });
      expect(started.status).toBe(202);
      const { workflowId } = (await started.json()) as { workflowId: string };
      await ctx.temporal.client.workflow.getHandle(workflowId).result();
    });
  });
  afterAll(() => ctx.close());

  test('a synced serial: state from the newest event, every event, the network row, what blocks a clean answer', async () => {
    const { status, body } = await get<Detail>(`/v1/serials/${GTIN}/S1`);
    expect(status).toBe(200);
    expect(body.state).toMatchObject({ lot: 'LOT42', status: 'commissioned', itemStatus: { recalled: true } });
    expect(body.events.map((e) => e.eventId)).toEqual(['e-1', 'e-2']);
    expect(body.events[1]!.itemStatus).toMatchObject({ recalled: true });
    expect(body.network).toMatchObject({ inNetwork: true, product: 'synced', state: { eventId: 'e-2' } });
    expect(body.network.reasons.map((r) => r.code)).toEqual(['itemStatusBlocks']);
  });

  test('why a serial is not in the network: a data rule, a missing product, its status', async () => {
    const excluded = await get<Detail>(`/v1/serials/${GTIN}/S2`);
    expect(excluded.body.network.inNetwork).toBe(false);
    expect(excluded.body.network.reasons.map((r) => r.code)).toEqual(['excludedByRule']);

    const decommissioned = await get<Detail>(`/v1/serials/${GTIN}/S3`);
    expect(decommissioned.body.network.inNetwork).toBe(true);
    expect(decommissioned.body.network.reasons.map((r) => r.code)).toEqual(['notCommissioned']);

    const noProduct = await get<Detail>(`/v1/serials/${BARE_GTIN}/S1`);
    expect(noProduct.body.network.product).toBe('absent');
    expect(noProduct.body.network.reasons.map((r) => r.code)).toEqual(['productNotSynced']);
  });

  test('the list pages through own serials and filters by gtin, lot and status', async () => {
    const serials: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page } = await get<Page>(
        `/v1/serials?gtin=${GTIN}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      serials.push(...page.body.items.map((i) => i.serial));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(serials).toEqual(['S1', 'S2', 'S3']);

    const byLot = await get<Page>(`/v1/serials?lot=LOT7`);
    expect(byLot.body.items).toEqual([expect.objectContaining({ serial: 'S2', selected: false, inNetwork: false })]);
    const byStatus = await get<Page>(`/v1/serials?status=decommissioned`);
    expect(byStatus.body.items.map((i) => i.serial)).toEqual(['S3']);
    expect((await get<Page>(`/v1/serials?gtin=${BARE_GTIN}`)).body.items).toEqual([
      expect.objectContaining({ serial: 'S1', selected: true, inNetwork: true }),
    ]);
    expect((await ctx.call('GET', '/v1/serials?status=sold', { token })).status).toBe(400);
    expect((await ctx.call('GET', '/v1/serials?cursor=bogus', { token })).status).toBe(400);
  });

  test("another tenant's serial is not found, and never listed", async () => {
    const res = await ctx.call('GET', `/v1/serials/${GTIN}/S1`, { token: otherToken });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await get<Page>('/v1/serials', otherToken)).body.items).toEqual([]);
  });
});
