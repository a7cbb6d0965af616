import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { putSerialRules } from '../db/repositories/serialRules.js';
import { workflowId } from '../workflows/ids.js';
import { serialUpdates } from '../workflows/serialUpdates.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { gtinUnder } from './helpers/masterData.js';
import { apiKeyFor, companyWithGln, seedProduct, setCompanyPrefixes } from './helpers/seedNetwork.js';
import { readNetworkStates } from './helpers/serials.js';
import { waitForAnswer } from './helpers/verifySerial.js';

const GTIN = '00305910369019';
const CONSUMER_GLN = '0321012345676';
const HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const row = (id: string, serial: string, status: string, time: string, recalled = false, gtin = GTIN) =>
  `${id},${gtin},${serial},LOT42,270131,${status},${recalled},false,false,false,,,${time}`;
const verified = (d: Record<string, unknown>) => d.verified === true;
const notForResale = (d: Record<string, unknown>) =>
  d.verified === false && d.verificationFailureReason === 'Not_for_re-distribution';

describe('serial uploads reach verify through serialUpdates', () => {
  let ctx: ApiTestContext;
  let producer: { id: string; token: string };
  let consumerToken: string;
  const upload = (body: string, contentType: string, token = producer.token) =>
    Promise.resolve(
      ctx.app.request('/v1/serials', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
      }),
    );
  const pack = (serial: string, gtin = GTIN) => ({ gtin, lot: 'LOT42', serial, exp: '270131' });
  // Each test sets the rules it needs: none relies on what an earlier one left.
  const enableSync = () => putSerialRules(ctx.database.db, producer.id, { enabled: true, include: [{ gtin: GTIN }] });

  beforeAll(async () => {
    // Polling verify for a serial not there yet is exactly what the brute-force guard blocks.
    ctx = await createApiTestContext('serial-updates', { BRUTE_FORCE_LIMIT: '1000000' });
    const company = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    await setCompanyPrefixes(ctx.database.db, company, ['0305910']);
    producer = { id: company.id, token: await apiKeyFor(ctx.database.db, company) };
    consumerToken = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    await seedProduct(ctx.database.db, company, GTIN, []);
  });
  afterAll(() => ctx.close());

  test('rules: off by default, a backfill is refused until enabled', async () => {
    // A producer of its own: the file's producer may have had its rules set by another test.
    const fresh = await companyWithGln(ctx.database.db, '0860000000017', ['producer']);
    const token = await apiKeyFor(ctx.database.db, fresh);
    expect(await (await ctx.call('GET', '/v1/rules/serials', { token })).json()).toEqual({
      enabled: false,
      include: [],
    });
    expect((await ctx.call('POST', '/v1/syncs/serial-backfill', { token })).status).toBe(409);
    const put = await ctx.call('PUT', '/v1/rules/serials', {
      token,
      body: { enabled: true, include: [{ gtin: GTIN }] },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ enabled: true, include: [{ gtin: GTIN }] });
    expect(await (await ctx.call('GET', '/v1/rules/serials', { token })).json()).toEqual({
      enabled: true,
      include: [{ gtin: GTIN }],
    });
    expect(
      (await ctx.call('PUT', '/v1/rules/serials', { token, body: { enabled: true, include: [{ status: 'sold' }] } }))
        .status,
    ).toBe(400);
  });

  test('decommission after commission shows in verify', async () => {
    await enableSync();
    await ctx.withWorkers(async () => {
      expect((await upload(csv(row('c-1', 'A1', 'commissioned', '2026-03-01T10:00:00Z')), 'text/csv')).status).toBe(
        200,
      );
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('A1'), verified);
      const epcis = readFileSync(new URL('./fixtures/ingest/epcis.xml', import.meta.url), 'utf8')
        .replace(/SER1/g, 'A1')
        .replace('2025-02-01T10:00:00Z', '2026-03-02T10:00:00Z'); // the decommission, after the CSV commission
      expect((await upload(epcis, 'application/xml')).status).toBe(200);
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('A1'), notForResale);
    });
  });

  test('an EPCIS file with bad events reports them and loads the rest', async () => {
    await enableSync();
    const epcis = readFileSync(new URL('./fixtures/ingest/epcis.xml', import.meta.url), 'utf8').replace(/SER/g, 'E');
    const res = await ctx.withWorkers(async () => {
      const res = await upload(epcis, 'application/xml');
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('E1'), notForResale);
      return res;
    });
    const report = (await res.json()) as { accepted: number; rejected: { row: number }[]; rejectedCount: number };
    expect(report.accepted).toBe(7);
    expect(report.rejected.map((r) => r.row)).toEqual([6, 7]);
    const states = await readNetworkStates(ctx.database.db, producer.id);
    expect(states.get(`${GTIN}/E1`)).toMatchObject({ status: 'decommissioned', lot: 'LOT42', expiry: '270131' });
    expect(states.get(`${GTIN}/E/2`)).toMatchObject({ status: 'destroyed' });
    // A recall for a pack never commissioned has no lot or expiry to keep: nothing is published.
    expect(states.has(`${GTIN}/E3`)).toBe(false);
  });

  test('out-of-order and repeated uploads never overwrite the newest state', async () => {
    const newer = csv(
      row('n-1', 'B1', 'decommissioned', '2026-04-02T00:00:00Z'),
      row('n-2', 'B2', 'commissioned', '2026-04-02T00:00:00Z', true),
    );
    const older = csv(
      row('o-1', 'B1', 'commissioned', '2026-04-01T00:00:00Z'),
      row('o-2', 'B2', 'destroyed', '2026-04-01T00:00:00Z'),
    );
    await enableSync();
    await ctx.withWorkers(async () => {
      expect((await upload(newer, 'text/csv')).status).toBe(200);
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('B1'), notForResale);
      for (const body of [older, newer, older])
        expect(((await (await upload(body, 'text/csv')).json()) as { accepted: number }).accepted).toBe(2);
      // A marker uploaded last (JSON this time): once it shows, everything before it has been applied.
      const marker = {
        eventId: 'm-1',
        gtin: GTIN,
        serial: 'B9',
        lot: 'LOT42',
        expiry: '270131',
        status: 'commissioned',
        eventTime: '2026-04-03T00:00:00Z',
      };
      const foreign = { ...marker, eventId: 'm-2', gtin: '00614141000012' };
      const report = await (await upload(JSON.stringify([marker, foreign]), 'application/json')).json();
      expect(report).toMatchObject({
        accepted: 1,
        rejected: [
          {
            row: 2,
            errors: [{ path: 'gtin', message: expect.stringMatching(/outside the producer's company prefixes/) }],
          },
        ],
      });
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('B9'), verified);
    });
    const states = await readNetworkStates(ctx.database.db, producer.id);
    expect(states.get(`${GTIN}/B1`)).toMatchObject({ status: 'decommissioned', eventId: 'n-1' });
    expect(states.get(`${GTIN}/B2`)).toMatchObject({
      status: 'commissioned',
      flags: { recalled: true },
      eventId: 'n-2',
    });
    expect(
      await ctx.database.db
        .selectFrom('source_serial_events')
        .select('event_id')
        .where('event_id', 'in', ['n-1', 'o-1'])
        .execute(),
    ).toHaveLength(2);
  });

  test('events stored while the sync was off are applied when the upload is repeated', async () => {
    const lost = csv(row('l-1', 'D1', 'commissioned', '2026-06-01T00:00:00Z'));
    await putSerialRules(ctx.database.db, producer.id, { enabled: false, include: [] }); // nothing is queued
    expect((await upload(lost, 'text/csv')).status).toBe(200);
    await putSerialRules(ctx.database.db, producer.id, { enabled: true, include: [] });
    await ctx.withWorkers(async () => {
      expect((await upload(lost, 'text/csv')).status).toBe(200); // stores nothing new, queues the repeated event
      await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack('D1'), verified);
    });
  });

  test('continues as new every few drains; every event still arrives', async () => {
    const other = await companyWithGln(ctx.database.db, '0614141000005', ['producer']);
    await setCompanyPrefixes(ctx.database.db, other, ['0614141']);
    const token = await apiKeyFor(ctx.database.db, other);
    const otherGtin = gtinUnder('0614141', 2);
    await seedProduct(ctx.database.db, other, otherGtin, []);
    await putSerialRules(ctx.database.db, other.id, { enabled: true, include: [] });
    const handle = await ctx.temporal.client.workflow.start(serialUpdates, {
      workflowId: workflowId('serialUpdates', other.id),
      taskQueue: ctx.temporal.taskQueueOf('sync'),
      args: [{ companyId: other.id, drainsPerRun: 2 }],
    });
    await ctx.withWorkers(async () => {
      for (let i = 0; i < 5; i++) {
        const body = csv(row(`c-${i}`, `C${i}`, 'commissioned', `2026-05-01T00:00:0${i}Z`, false, otherGtin));
        expect((await upload(body, 'text/csv', token)).status).toBe(200);
        await waitForAnswer(ctx, consumerToken, CONSUMER_GLN, pack(`C${i}`, otherGtin), verified);
      }
    });
    const { runId } = await ctx.temporal.client.workflow.getHandle(handle.workflowId).describe();
    expect(runId).not.toBe(handle.firstExecutionRunId);
  });
});
