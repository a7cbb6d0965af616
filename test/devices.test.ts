import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, GTIN, PRODUCER_GLN, verifyPath as path } from './helpers/verifyRequest.js';

interface DeviceBody {
  deviceId: string;
  token: string;
  name: string;
}

describe('devices: register, use, list, revoke', () => {
  let ctx: ApiTestContext;
  let consumerKey: string;
  let producerKey: string;

  beforeAll(async () => {
    ctx = await createApiTestContext('devices');
    const producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    producerKey = await apiKeyFor(ctx.database.db, producer);
    consumerKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    await seedProduct(ctx.database.db, producer, GTIN, [
      {
        gtin: GTIN,
        serial: 'SER2',
        lot: '1908642E',
        expiry: '281231',
        expiryDate: '2028-12-31',
        status: 'commissioned',
      },
    ]);
  });
  afterAll(() => ctx.close());

  test('a registered token verifies as channel device; unregistering stops it at once', async () => {
    const res = await ctx.call('POST', '/v1/devices', {
      token: consumerKey,
      body: { name: 'Dock 3', model: 'Zebra TC52', androidVersion: '13' },
    });
    expect(res.status).toBe(201);
    const { deviceId, token } = (await res.json()) as DeviceBody;
    expect(token).toMatch(/^vrs_/);

    const verify = () => ctx.call('GET', path({ ser: 'SER2' }), { token });
    expect((await verify()).status).toBe(200);
    const posted = await ctx.call('POST', '/v1/verifications', {
      token,
      body: { barcode: `(01)${GTIN}(17)281231(10)1908642E(21)SER2` },
      headers: { 'X-VRS-Channel': 'web' },
    });
    expect(posted.status).toBe(200);
    await ctx.deps.history.flush();
    const channels = await ctx.database.db
      .selectFrom('verification_history')
      .select('channel')
      .where('serial', '=', 'SER2')
      .execute();
    expect(channels).toEqual([{ channel: 'device' }, { channel: 'device' }]);

    const list = (await (await ctx.call('GET', '/v1/devices', { token: consumerKey })).json()) as {
      deviceId: string;
      name: string;
      model: string;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ deviceId, name: 'Dock 3', model: 'Zebra TC52', androidVersion: '13' }),
    ]);
    expect(list[0]).not.toHaveProperty('token');

    expect((await ctx.call('DELETE', `/v1/devices/${deviceId}`, { token: consumerKey })).status).toBe(204);
    expect((await verify()).status).toBe(401);
    expect((await ctx.call('DELETE', `/v1/devices/${deviceId}`, { token: consumerKey })).status).toBe(404);
    expect(await (await ctx.call('GET', '/v1/devices', { token: consumerKey })).json()).toEqual([]);
  });

  test('only the company key manages devices; producers and other companies cannot', async () => {
    const { deviceId, token } = (await (
      await ctx.call('POST', '/v1/devices', { token: consumerKey, body: { name: 'Dock 4' } })
    ).json()) as DeviceBody;
    expect((await ctx.call('POST', '/v1/devices', { token, body: { name: 'x' } })).status).toBe(403);
    expect((await ctx.call('GET', '/v1/devices', { token })).status).toBe(403);
    expect((await ctx.call('DELETE', `/v1/devices/${deviceId}`, { token })).status).toBe(403);
    expect((await ctx.call('POST', '/v1/devices', { token: producerKey, body: { name: 'x' } })).status).toBe(403);
    const other = await apiKeyFor(
      ctx.database.db,
      await companyWithGln(ctx.database.db, '0098765000014', ['consumer']),
    );
    expect((await ctx.call('DELETE', `/v1/devices/${deviceId}`, { token: other })).status).toBe(404);
    expect((await ctx.call('POST', '/v1/devices', { body: { name: '' } })).status).toBe(401);
    expect((await ctx.call('POST', '/v1/devices', { token: consumerKey, body: { name: '' } })).status).toBe(400);
    expect((await ctx.call('GET', path({ ser: 'SER2' }), { token })).status).toBe(200);
  });
});
