import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BruteForceGuard } from '../api/verification/bruteForceGuard.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, GTIN, PRODUCER_GLN, verifyPath as path } from './helpers/verifyRequest.js';

const SEC = 1000;

describe('BruteForceGuard (injected clock, no sleeping)', () => {
  const options = { limit: 3, windowMs: 60 * SEC, blockMs: 300 * SEC };

  test('blocks at the limit within the window, for blockMs, for that caller only', () => {
    let now = 0;
    const guard = new BruteForceGuard(options, () => now);
    expect([guard.recordMiss('a'), guard.recordMiss('a')]).toEqual([false, false]);
    now += 59 * SEC;
    expect(guard.recordMiss('a')).toBe(true);
    expect(guard.isBlocked('a')).toBe(true);
    expect(guard.isBlocked('b')).toBe(false);
    now += 300 * SEC - 1;
    expect(guard.isBlocked('a')).toBe(true);
    now += 1;
    expect(guard.isBlocked('a')).toBe(false);
    expect(guard.recordMiss('a')).toBe(false); // the count starts again after a block
  });

  test('misses older than the window do not count (sliding window)', () => {
    let now = 0;
    const guard = new BruteForceGuard(options, () => now);
    guard.recordMiss('a');
    now += 30 * SEC;
    guard.recordMiss('a');
    now += 31 * SEC; // the first miss has left the window
    expect(guard.recordMiss('a')).toBe(false);
    now += 1 * SEC;
    expect(guard.recordMiss('a')).toBe(true);
  });
});

describe('brute-force guard over HTTP', () => {
  let ctx: ApiTestContext;
  const logLines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  let now = 0;

  beforeAll(async () => {
    ctx = await createApiTestContext('verify-brute-force', { LOG_LEVEL: 'warn' }, sink);
    // Same options as the server builds from BRUTE_FORCE_*, on a clock the test moves.
    ctx.deps.bruteForce = new BruteForceGuard({ limit: 3, windowMs: 60 * SEC, blockMs: 300 * SEC }, () => now);
    const producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    await seedProduct(ctx.database.db, producer, GTIN, [{ gtin: GTIN, serial: '400806', lot: '1908642E', expiry: '281231', expiryDate: '2028-12-31', status: 'commissioned' }]);
  });
  afterAll(() => ctx.close());

  test('unknown serials lead to 403 for that credential only, logged once, lifted after the block', async () => {
    const consumer = await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']);
    const [guesser, colleague] = [await apiKeyFor(ctx.database.db, consumer), await apiKeyFor(ctx.database.db, consumer)];
    const get = (token: string, ser = '400806') => ctx.call('GET', path({ ser }), { token });
    for (const ser of ['G1', 'G2', 'G3']) {
      const res = await get(guesser, ser);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: { verificationFailureReason: string } }).data.verificationFailureReason).toBe('No_match_GTIN_Serial');
    }
    const blocked = await get(guesser);
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    expect((await get(colleague)).status).toBe(200);
    // A 400 still comes first for a blocked caller.
    expect((await ctx.call('GET', path({ exp: '2813' }), { token: guesser })).status).toBe(400);

    const warnings = logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.msg.startsWith('brute-force guard'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);

    now += 300 * SEC;
    expect((await get(guesser)).status).toBe(200);
  });
});
