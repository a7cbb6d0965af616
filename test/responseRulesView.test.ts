import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder } from './helpers/masterData.js';
import { seedProduct, type SeedSerial } from './helpers/seedNetwork.js';

interface EffectiveRule {
  name: string;
  value: boolean;
  default: boolean;
  source: string;
  description: string;
}
interface RulesView {
  rules: Record<string, boolean>;
  overrides: { gtin: string }[];
  effective: { rules: EffectiveRule[]; overrides: { gtin: string; rules: EffectiveRule[] }[] };
}

describe('GET /v1/rules/response: the rules in effect, defaults included', () => {
  let ctx: ApiTestContext;
  let token: string;
  const OWN = gtinUnder('0305910', 1);
  const FOREIGN = gtinUnder('0614141', 1);
  const read = async () => (await (await ctx.call('GET', '/v1/rules/response', { token })).json()) as RulesView;

  beforeAll(async () => {
    ctx = await createApiTestContext('response-rules-view');
    ({ token } = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'], prefixes: ['0305910'] }));
  });
  afterAll(() => ctx.close());

  test('a producer that never set a rule sees every default, each with a description', async () => {
    const view = await read();
    expect(view.rules).toEqual({});
    expect(view.effective.rules.map((r) => [r.name, r.value, r.source])).toEqual([
      ['sendFailureReason', true, 'default'],
      ['sendExpiredStatus', true, 'default'],
      ['validWhenExpired', true, 'default'],
      ['sendRecalledStatus', true, 'default'],
      ['validWhenRecalled', false, 'default'],
      ['sendSuspectStatus', true, 'default'],
      ['checkExpirationDay', true, 'default'],
    ]);
    for (const rule of view.effective.rules) expect(rule.description).not.toBe('');
  });

  test('company rules and an override show where each value comes from', async () => {
    const body = {
      rules: { validWhenRecalled: true },
      overrides: [{ gtin: OWN, rules: { validWhenRecalled: false } }],
    };
    const put = await ctx.call('PUT', '/v1/rules/response', { token, body });
    expect(put.status).toBe(200);
    const view = await read();
    expect(view).toMatchObject(body);
    const rule = (rules: EffectiveRule[]) => rules.find((r) => r.name === 'validWhenRecalled');
    expect(rule(view.effective.rules)).toMatchObject({ value: true, source: 'company', default: false });
    expect(view.effective.overrides.map((o) => o.gtin)).toEqual([OWN]);
    expect(rule(view.effective.overrides[0]!.rules)).toMatchObject({ value: false, source: 'gtin' });
  });

  test("an override for a GTIN that is not the producer's is refused, naming it, and nothing is stored", async () => {
    const before = await read();
    const res = await ctx.call('PUT', '/v1/rules/response', {
      token,
      body: {
        rules: {},
        overrides: [
          { gtin: OWN, rules: {} },
          { gtin: FOREIGN, rules: { sendFailureReason: false } },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { status: number; errors: { path: string; message: string }[] };
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ path: 'overrides.1.gtin', message: expect.stringContaining(FOREIGN) }]);
    expect(await read()).toEqual(before);
  });
});

describe('POST /v1/rules/response/preview: how answers would change, nothing stored', () => {
  let ctx: ApiTestContext;
  let token: string;
  const PREFIX = '0305911';
  const GTIN = gtinUnder(PREFIX, 1);
  const pack = (serial: string, over: Partial<SeedSerial> = {}): SeedSerial => ({
    gtin: GTIN,
    serial,
    lot: 'L1',
    expiry: '301231',
    expiryDate: '2030-12-31',
    status: 'commissioned',
    ...over,
  });
  const preview = (body: unknown) => ctx.call('POST', '/v1/rules/response/preview', { token, body });

  beforeAll(async () => {
    ctx = await createApiTestContext('response-rules-preview');
    const made = await company(ctx.database.db, { gln: '0312345000028', roles: ['producer'], prefixes: [PREFIX] });
    token = made.token;
    await seedProduct(ctx.database.db, made.company, GTIN, [
      pack('A'),
      pack('B'),
      pack('C', { recalled: true }),
      pack('D', { recalled: true }),
      pack('E', { expiry: '200131', expiryDate: '2020-01-31' }),
      pack('F', { status: 'decommissioned' }),
    ]);
  });
  afterAll(() => ctx.close());

  test('letting recalled packs pass changes the answer for the two recalled packs only', async () => {
    const res = await preview({ rules: { validWhenRecalled: true } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      total: 6,
      changed: 2,
      changes: [
        {
          gtin: GTIN,
          packs: 2,
          state: 'recalled',
          before: 'not verified (Manufacturer_policy; Recalled)',
          after: 'verified (Recalled)',
        },
      ],
    });
    expect((await (await ctx.call('GET', '/v1/rules/response', { token })).json()) as unknown).toMatchObject({
      rules: {},
      overrides: [],
    });
  });

  test('expired packs judged on the producer’s today; hiding reasons changes every failing pack', async () => {
    const expired = (await (await preview({ rules: { validWhenExpired: false } })).json()) as { changed: number };
    expect(expired.changed).toBe(1);
    const hidden = (await (await preview({ rules: { sendFailureReason: false } })).json()) as {
      changed: number;
      changes: { state: string }[];
    };
    expect(hidden.changed).toBe(3);
    expect(hidden.changes.map((c) => c.state).sort()).toEqual(['decommissioned', 'recalled']);
  });

  test("an override for another company's GTIN is refused like a save", async () => {
    const res = await preview({ overrides: [{ gtin: gtinUnder('0614141', 1), rules: {} }] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('overrides.0.gtin');
  });
});
