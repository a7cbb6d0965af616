import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSerialUpdatesActivities } from '../activities/serialUpdates.js';
import { poolOf } from '../db/pool.js';
import { insertCompany } from '../db/repositories/companies.js';
import { putSerialRules } from '../db/repositories/serialRules.js';
import { inTransaction, withClient } from '../db/serialSync/rawClient.js';
import { companyLock } from '../db/serialSync/serialTables.js';
import { MAX_SEQ_SPAN } from '../db/serialSync/stateQuery.js';
import {
  enqueueSerialRanges,
  holdLease,
  producersAwaitingDrain,
  queueUploadedRanges,
  releaseLease,
  serialDrainUnderWay,
  takeQueued,
} from '../db/serialSync/updateQueue.js';
import { createLogger } from '../logger.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { readNetworkStates, stateEvent, storeEvents } from './helpers/serials.js';

describe('the serialUpdates queue and its lease', () => {
  let ctx: TestDatabase;
  let companyId: string;
  const drain = (keepLease: boolean) =>
    createSerialUpdatesActivities({ db: ctx.db, log: createLogger('silent') }).drainSerialQueue({
      companyId,
      keepLease,
    });
  const queued = async () =>
    (await ctx.db.selectFrom('serial_update_queue').selectAll().where('company_id', '=', companyId).execute()).length;
  const store = async (serial: string) =>
    (
      await storeEvents(ctx.db, companyId, [
        stateEvent({ eventId: randomUUID(), serial, eventTime: '2026-01-01T00:00:00.000Z' }),
      ])
    ).seqs;

  beforeAll(async () => {
    ctx = await createTestDatabase();
    companyId = (await insertCompany(ctx.db, { name: 'Queue Pharma', gln: '0614141000005', roles: ['producer'] })).id;
    await putSerialRules(ctx.db, companyId, { enabled: true, include: [] });
  });
  afterAll(() => ctx.drop());

  test('a drain applies everything queued, then lets the lease go', async () => {
    await enqueueSerialRanges(ctx.db, companyId, await store('Q1'));
    await enqueueSerialRanges(ctx.db, companyId, await store('Q2'));
    expect(await drain(false)).toMatchObject({ rows: 2, selected: 2, more: false });
    expect(await queued()).toBe(0);
    expect(await serialDrainUnderWay(ctx.db, companyId)).toBe(false);
    expect([...(await readNetworkStates(ctx.db, companyId)).keys()].sort()).toEqual([
      '00305910369019/Q1',
      '00305910369019/Q2',
    ]);
  });

  test('before a continue-as-new the lease stays held, so uploads need not wake the workflow', async () => {
    await enqueueSerialRanges(ctx.db, companyId, await store('Q3'));
    expect(await drain(true)).toMatchObject({ rows: 1, more: false });
    expect(await serialDrainUnderWay(ctx.db, companyId)).toBe(true);
    await withClient(poolOf(ctx.db), (client) => releaseLease(client, companyId));
  });

  test('ranges queued while the lease was held are found by the release', async () => {
    await withClient(poolOf(ctx.db), async (client) => {
      await holdLease(client, companyId, 10_000);
      // An upload commits, sees the lease held and sends nothing...
      await enqueueSerialRanges(ctx.db, companyId, await store('Q4'));
      expect(await serialDrainUnderWay(ctx.db, companyId)).toBe(true);
      // ...so the drain letting the lease go must see its ranges.
      expect(await releaseLease(client, companyId)).toBe(true);
    });
    expect(await drain(false)).toMatchObject({ rows: 1, more: false });
  });

  test('an expired lease counts as free', async () => {
    await withClient(poolOf(ctx.db), (client) => holdLease(client, companyId, -1));
    expect(await serialDrainUnderWay(ctx.db, companyId)).toBe(false);
  });

  test('with serial sync off, queued ranges are dropped: the next backfill covers them', async () => {
    await enqueueSerialRanges(ctx.db, companyId, await store('Q5'));
    await putSerialRules(ctx.db, companyId, { enabled: false, include: [] });
    expect(await drain(false)).toMatchObject({ rows: 0 });
    expect(await queued()).toBe(0);
    expect((await readNetworkStates(ctx.db, companyId)).has('00305910369019/Q5')).toBe(false);
    await putSerialRules(ctx.db, companyId, { enabled: true, include: [] });
  });

  test('a large upload is queued in pieces a drain takes one statement at a time', async () => {
    await enqueueSerialRanges(ctx.db, companyId, [{ from: 1, to: MAX_SEQ_SPAN * 2 + 5 }]);
    const rows = await ctx.db
      .selectFrom('serial_update_queue')
      .select(['from_seq', 'to_seq'])
      .where('company_id', '=', companyId)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { from_seq: 1, to_seq: MAX_SEQ_SPAN },
      { from_seq: MAX_SEQ_SPAN + 1, to_seq: MAX_SEQ_SPAN * 2 },
      { from_seq: MAX_SEQ_SPAN * 2 + 1, to_seq: MAX_SEQ_SPAN * 2 + 5 },
    ]);
    await withClient(poolOf(ctx.db), (client) =>
      inTransaction(client, async () => {
        expect(await takeQueued(client, companyId, 1_000, MAX_SEQ_SPAN)).toEqual([{ from: 1, to: MAX_SEQ_SPAN }]);
      }),
    );
    await ctx.db.deleteFrom('serial_update_queue').where('company_id', '=', companyId).execute();
  });

  test('an upload queues its ranges only while serial sync is on, and the sweep finds them', async () => {
    const seqs = await store('Q7');
    const queueInUpload = () => ctx.db.transaction().execute((trx) => queueUploadedRanges(trx, companyId, seqs));
    await ctx.db.deleteFrom('serial_update_leases').where('company_id', '=', companyId).execute();
    await putSerialRules(ctx.db, companyId, { enabled: false, include: [] });
    expect(await queueInUpload()).toBe(false);
    expect(await queued()).toBe(0);
    expect(await producersAwaitingDrain(ctx.db)).not.toContain(companyId);
    await putSerialRules(ctx.db, companyId, { enabled: true, include: [] });
    expect(await queueInUpload()).toBe(true);
    expect(await queued()).toBe(1);
    expect(await producersAwaitingDrain(ctx.db)).toContain(companyId);
    await withClient(poolOf(ctx.db), (client) => holdLease(client, companyId, 10_000));
    expect(await producersAwaitingDrain(ctx.db)).not.toContain(companyId);
    expect(await drain(false)).toMatchObject({ rows: 1, more: false });
    expect(await producersAwaitingDrain(ctx.db)).not.toContain(companyId);
  });
  test('an upload waiting for the serial lock reads the rules committed while it waited', async () => {
    const seqs = await store('Q8');
    await putSerialRules(ctx.db, companyId, { enabled: false, include: [] });
    await withClient(poolOf(ctx.db), async (backfill) => {
      // A backfill enables the rules and holds the lock exclusively, as its load's start does.
      await backfill.query('begin');
      await backfill.query(companyLock('exclusive'), [companyId]);
      const upload = ctx.db.transaction().execute((trx) => queueUploadedRanges(trx, companyId, seqs));
      while (
        (
          await sql<{
            n: number;
          }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(ctx.db)
        ).rows[0]!.n === 0
      )
        await new Promise((r) => setTimeout(r, 10));
      await putSerialRules(ctx.db, companyId, { enabled: true, include: [] });
      await backfill.query('commit');
      expect(await upload).toBe(true);
    });
    expect(await queued()).toBe(1);
    await ctx.db.deleteFrom('serial_update_queue').where('company_id', '=', companyId).execute();
  });
});
