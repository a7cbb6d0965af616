import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchSerialBackfill } from '../launchers/serialBackfill.js';
import { poolOf } from '../db/pool.js';
import { withClient } from '../db/serialSync/rawClient.js';
import { ensureSerialTable, partTableOf } from '../db/serialSync/serialTables.js';
import type { SerialState } from '../domain/serials/state.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { seedSyntheticSerials, FIXTURE_GTINS } from './helpers/serialFixtures.js';
import { differences, expectedStates, readNetworkStates, readSourceEvents } from './helpers/serials.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

const SERIALS = 20_000;

describe('serialBackfill through the API', () => {
  let ctx: ApiTestContext;
  let companyId: string;
  let token: string;
  const sync = async (id: string) =>
    (await (await ctx.call('GET', `/v1/syncs/${encodeURIComponent(id)}`, { token })).json()) as {
      status: string;
      progress: { done: number; total: number };
      counts: Record<string, number>;
    };
  const start = async (body: unknown) => {
    const res = await ctx.call('POST', '/v1/syncs/serial-backfill', { token, body });
    expect(res.status).toBe(202);
    return ((await res.json()) as { workflowId: string }).workflowId;
  };

  type PendingActivity = temporal.api.workflow.v1.IPendingActivityInfo;
  /** Polls the workflow's one pending activity until `ready` holds for it. */
  const untilActivityHeartbeats = async (id: string, ready: (a: PendingActivity) => boolean) => {
    for (;;) {
      const activity = (await ctx.temporal.client.workflow.getHandle(id).describe()).raw.pendingActivities?.find(
        (a) => a.activityType?.name === 'copySerialBatches',
      );
      if (activity && ready(activity)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('serial-backfill');
    const company = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    companyId = company.id;
    token = await apiKeyFor(ctx.database.db, company);
    await seedSyntheticSerials(ctx.database.db, companyId, SERIALS);
  });
  afterAll(() => ctx.close());

  test('three GTIN-range children: exactly what the rules select, deselected rows removed, progress complete', async () => {
    const rules = { enabled: true, include: [{ gtin: FIXTURE_GTINS[0]! }, { status: 'decommissioned' as const }] };
    expect((await ctx.call('PUT', '/v1/rules/serials', { token, body: rules })).status).toBe(200);
    const all = expectedStates(await readSourceEvents(ctx.database.db, companyId));
    // Published earlier, no longer selected: it must go.
    const stale = [...all.values()].find((s) => s.gtin === FIXTURE_GTINS[1] && s.status === 'commissioned')!;
    await withClient(poolOf(ctx.database.db), (client) => ensureSerialTable(client, companyId));
    await ctx.database.db
      .insertInto('network_serials')
      .values({
        gtin: stale.gtin,
        serial: stale.serial,
        producer_company_id: companyId,
        lot: stale.lot,
        expiry: stale.expiry,
        expiry_date: stale.expiryDate,
        status: stale.status,
        event_time: stale.eventTime,
        event_id: stale.eventId,
      })
      .execute();

    const id = await ctx.withWorkers(async () => {
      const id = await start({ partitions: 3 });
      expect((await ctx.call('POST', '/v1/syncs/serial-backfill', { token })).status).toBe(409);
      await ctx.temporal.client.workflow.getHandle(id).result();
      return id;
    });
    const selected = (s: SerialState) => s.gtin === FIXTURE_GTINS[0] || s.status === 'decommissioned';
    expect(
      differences(
        await readNetworkStates(ctx.database.db, companyId),
        expectedStates(await readSourceEvents(ctx.database.db, companyId), selected),
      ),
    ).toEqual([]);
    const view = await sync(id);
    expect(view).toMatchObject({
      status: 'completed',
      progress: { done: SERIALS, total: SERIALS },
      counts: { removed: 1 },
    });
    const children = await Promise.all(
      [0, 1, 2].map((i) => ctx.temporal.client.workflow.getHandle(`${id}/${i}`).describe()),
    );
    expect(children.map((c) => c.status.name)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  });

  // Holds one part's table locked so its batch waits to append, cancels the backfill (the cancel
  // then lands mid-batch however fast or loaded the machine is), and checks that nothing of the
  // load is left and the read table is exactly as it was.
  const cancelMidBatch = async (partitions: number) => {
    expect((await ctx.call('PUT', '/v1/rules/serials', { token, body: { enabled: true, include: [] } })).status).toBe(
      200,
    );
    const before = await readNetworkStates(ctx.database.db, companyId);
    expect(before.size).toBeGreaterThan(0);
    const held = partitions - 1; // the last part: the one that runs longest
    const id = await ctx.withWorkers(async () => {
      const id = await launchSerialBackfill(ctx.deps, { companyId, partitions, batchSize: 500, batchesPerCall: 4 });
      const loader = partitions > 1 ? `${id}/${held}` : id;
      const part = partTableOf(companyId, (await ctx.temporal.client.workflow.getHandle(id).describe()).runId, held);
      for (let found = false; !found; await new Promise((r) => setTimeout(r, 20))) {
        found = (
          await sql<{ found: boolean }>`select to_regclass(${part}) is not null as found`.execute(ctx.database.db)
        ).rows[0]!.found;
      }
      await ctx.database.db.transaction().execute(async (trx) => {
        await sql`lock table ${sql.table(part)} in access exclusive mode`.execute(trx);
        await untilActivityHeartbeats(
          loader,
          (a) => a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED,
        );
        expect((await ctx.call('POST', `/v1/syncs/${encodeURIComponent(id)}/cancel`, { token })).status).toBe(202);
        await untilActivityHeartbeats(
          loader,
          (a) => a.state === temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED,
        );
        // A heartbeat sent after the cancel was recorded carries it back to the activity.
        const requested = Date.now();
        await untilActivityHeartbeats(loader, (a) => Number(a.lastHeartbeatTime?.seconds ?? 0) * 1000 > requested);
      });
      await expect(ctx.temporal.client.workflow.getHandle(id).result()).rejects.toThrow();
      return id;
    });
    expect((await ctx.temporal.client.workflow.getHandle(id).describe()).status.name).toBe('CANCELLED');
    expect(differences(await readNetworkStates(ctx.database.db, companyId), before)).toEqual([]);
    const { rows: left } = await sql<{
      name: string;
    }>`select relname as name from pg_class where relkind in ('r', 'p') and not relispartition and relname ~ '^serial_(load|part)_[0-9a-f]{32}'`.execute(
      ctx.database.db,
    );
    expect(left).toEqual([]);
    expect(await ctx.database.db.selectFrom('serial_loads').selectAll().execute()).toEqual([]);
    expect(await sync(id)).toMatchObject({ status: 'canceled' });
    expect(
      await ctx.database.db
        .selectFrom('sync_runs')
        .select('status')
        .where('workflow_id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'canceled' });
    return id;
  };

  test('cancel mid-batch: the batch under way commits, the load is dropped, the read table is as it was', async () => {
    await cancelMidBatch(1);
  });

  test('cancel with GTIN-range children: every child stops before the load is dropped', async () => {
    const id = await cancelMidBatch(2);
    const children = await Promise.all(
      [0, 1].map((i) => ctx.temporal.client.workflow.getHandle(`${id}/${i}`).describe()),
    );
    expect(children.every((c) => c.status.name !== 'RUNNING')).toBe(true);
  });
});
