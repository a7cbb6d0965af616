import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BruteForceGuard } from '../api/verification/bruteForceGuard.js';
import { computeCheckDigit } from '../domain/gs1/gtin.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN, verifyPath as path } from './helpers/verifyRequest.js';

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
    await seedProduct(ctx.database.db, producer, GTIN, [defaultPack()]);
  });
  afterAll(() => ctx.close());

  test('unknown serials lead to 403 for that credential only, logged once, lifted after the block', async () => {
    const consumer = await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']);
    const [guesser, colleague] = [
      await apiKeyFor(ctx.database.db, consumer),
      await apiKeyFor(ctx.database.db, consumer),
    ];
    const get = (token: string, ser = '400806') => ctx.call('GET', path({ ser }), { token });
    for (const ser of ['G1', 'G2', 'G3']) {
      const res = await get(guesser, ser);
      expect(res.status).toBe(200);
      expect(
        ((await res.json()) as { data: { verificationFailureReason: string } }).data.verificationFailureReason,
      ).toBe('No_match_GTIN_Serial');
    }
    const blocked = await get(guesser);
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    expect((await get(colleague)).status).toBe(200);
    // A 400 still comes first for a blocked caller.
    expect((await ctx.call('GET', path({ exp: '2813' }), { token: guesser })).status).toBe(400);

    const warnings = logLines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.msg.startsWith('brute-force guard'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);

    now += 300 * SEC;
    expect((await get(guesser)).status).toBe(200);
  });

  test('checkConnectivity: GTINs not answered here count as misses, answered ones do not', async () => {
    const consumer = await companyWithGln(ctx.database.db, '0321012345669', ['consumer']);
    const prober = await apiKeyFor(ctx.database.db, consumer);
    const otherProducer = await companyWithGln(ctx.database.db, '0312345000028', ['producer']);
    const producerKey = await apiKeyFor(ctx.database.db, otherProducer);
    const gtin = (n: number) =>
      `0000000000${String(n).padStart(3, '0')}${computeCheckDigit(`0000000000${String(n).padStart(3, '0')}`)}`;
    const cc = (g: string, reqGLN: string, token: string) =>
      ctx.call('GET', `/checkConnectivity?gtin=${g}&reqGLN=${reqGLN}`, { token });

    // Answers that name the responder are not misses, however many.
    for (let i = 0; i < 5; i++) expect((await cc(GTIN, consumer.gln, prober)).status).toBe(200);
    expect((await cc(gtin(1), consumer.gln, prober)).status).toBe(404);
    expect((await cc(gtin(2), consumer.gln, prober)).status).toBe(404);
    expect((await cc(gtin(3), consumer.gln, prober)).status).toBe(404);
    // Blocked on both GS1 endpoints, even for a GTIN synced here.
    const blocked = await cc(GTIN, consumer.gln, prober);
    expect(blocked.status).toBe(403);
    expect((await ctx.call('GET', path({ reqGLN: consumer.gln }), { token: prober })).status).toBe(403);

    // A producer asking about another producer's GTIN learns nothing and it counts.
    expect((await cc(GTIN, otherProducer.gln, producerKey)).status).toBe(403);
    expect((await cc(gtin(4), otherProducer.gln, producerKey)).status).toBe(404);
    expect((await cc(gtin(5), otherProducer.gln, producerKey)).status).toBe(404);
    const producerBlocked = (await (await cc(gtin(6), otherProducer.gln, producerKey)).json()) as { detail: string };
    expect(producerBlocked.detail).toMatch(/too many/);

    now += 300 * SEC;
    expect((await cc(GTIN, consumer.gln, prober)).status).toBe(200);
  });

  test('the operator lists and lifts blocks (GET/DELETE /v1/admin/blocks)', async () => {
    const consumer = await companyWithGln(ctx.database.db, '0321012345652', ['consumer']);
    const guesser = await apiKeyFor(ctx.database.db, consumer);
    for (const ser of ['H1', 'H2', 'H3'])
      await ctx.call('GET', path({ ser, reqGLN: consumer.gln }), { token: guesser });
    expect((await ctx.call('GET', path({ reqGLN: consumer.gln }), { token: guesser })).status).toBe(403);
    const listed = (await (await ctx.call('GET', '/v1/admin/blocks', { token: ADMIN_TOKEN })).json()) as {
      caller: string;
      blockedUntil: string;
    }[];
    const block = listed.find((b) => b.caller.startsWith(`${consumer.id}:`));
    expect(block).toBeDefined();
    expect((await ctx.call('GET', '/v1/admin/blocks', { token: guesser })).status).toBe(403);
    expect(
      (await ctx.call('DELETE', `/v1/admin/blocks/${encodeURIComponent(block!.caller)}`, { token: ADMIN_TOKEN }))
        .status,
    ).toBe(204);
    expect((await ctx.call('GET', path({ reqGLN: consumer.gln }), { token: guesser })).status).toBe(200);
    expect(
      (await ctx.call('DELETE', `/v1/admin/blocks/${encodeURIComponent(block!.caller)}`, { token: ADMIN_TOKEN }))
        .status,
    ).toBe(404);
  });
});
