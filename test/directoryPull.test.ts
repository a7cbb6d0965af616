import { setTimeout as sleep } from 'node:timers/promises';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  directoryPullScheduleId,
  ensureAllDirectoryPullSchedules,
  pullSchedulingOf,
} from '../launchers/directoryPull.js';
import { insertPartner, listPartners } from '../db/repositories/partners.js';
import { endLocalEntries, publishLocalEntries } from '../db/repositories/localDirectory.js';
import { directoryPull, type DirectoryPullResult } from '../workflows/directoryPull.js';
import { ADMIN_TOKEN } from './helpers/api.js';
import { gtinUnder } from './helpers/masterData.js';
import {
  createTwoInstallations,
  type InstallationUnderTest,
  type TwoInstallations,
} from './helpers/twoInstallations.js';

const PRODUCER_GLN = '0361414000001';
const gtins = (from: number, count: number) => Array.from({ length: count }, (_, i) => gtinUnder('0361414', from + i));

describe("directoryPull: A's schedule pulls B's Lookup Directory over mTLS", () => {
  let pair: TwoInstallations;
  let a: InstallationUnderTest;
  let b: InstallationUnderTest;
  const publishOnB = (list: string[]) =>
    publishLocalEntries(b.ctx.database.db, list, PRODUCER_GLN, {
      name: 'vrs-b',
      verificationUrl: 'https://vrs-b.test',
      connectivityUrl: 'https://vrs-b.test/checkConnectivity',
    });
  const partnerRecords = () =>
    a.ctx.database.db
      .selectFrom('directory_entries')
      .selectAll()
      .where('source', '=', a.partnerId)
      .orderBy('gtin')
      .execute();

  /** Triggers the schedule through the API and waits for the run it started. */
  const pullNow = async (): Promise<DirectoryPullResult> => {
    const schedule = a.ctx.temporal.client.schedule.getHandle(directoryPullScheduleId(a.partnerId));
    const before = (await schedule.describe()).info.numActionsTaken;
    const res = await a.ctx.call('POST', `/v1/admin/partners/${a.partnerId}/pull`, { token: ADMIN_TOKEN });
    expect(res.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const { info } = await schedule.describe();
      const started = info.recentActions.at(-1);
      if (info.numActionsTaken > before && started) {
        const { workflowId, firstExecutionRunId } = started.action.workflow;
        return a.ctx.temporal.client.workflow
          .getHandle<typeof directoryPull>(workflowId, undefined, { firstExecutionRunId })
          .result();
      }
      await sleep(50);
    }
    throw new Error('the schedule started no pull');
  };

  beforeAll(async () => {
    pair = await createTwoInstallations('directory-pull');
    ({ a, b } = pair);
  });
  afterAll(() => pair.close());

  test('creating a partner made its hourly schedule, overlapping runs skipped', async () => {
    const described = await a.ctx.temporal.client.schedule.getHandle(directoryPullScheduleId(a.partnerId)).describe();
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'directoryPull',
      taskQueue: a.ctx.temporal.taskQueueOf('routing'),
    });
  });

  test('the schedule follows the partner: a new interval keeps a pause set in the Temporal UI; pulls off removes it', async () => {
    const schedule = a.ctx.temporal.client.schedule.getHandle(directoryPullScheduleId(a.partnerId));
    await schedule.pause('paused by an operator');
    const patched = await a.ctx.call('PATCH', `/v1/admin/partners/${a.partnerId}`, {
      token: ADMIN_TOKEN,
      body: { pullIntervalMinutes: 15 },
    });
    expect(patched.status).toBe(200);
    // What a routing worker does at start, for every partner: changes nothing more.
    await ensureAllDirectoryPullSchedules(pullSchedulingOf(a.ctx.deps), await listPartners(a.ctx.database.db));
    let described = await schedule.describe();
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([15 * 60_000]);
    expect(described.state).toMatchObject({ paused: true, note: 'paused by an operator' });

    expect(
      (
        await a.ctx.call('PATCH', `/v1/admin/partners/${a.partnerId}`, {
          token: ADMIN_TOKEN,
          body: { pullDirectory: false },
        })
      ).status,
    ).toBe(200);
    await expect(schedule.describe()).rejects.toThrow();
    expect(
      (
        await a.ctx.call('PATCH', `/v1/admin/partners/${a.partnerId}`, {
          token: ADMIN_TOKEN,
          body: { pullDirectory: true, pullIntervalMinutes: null },
        })
      ).status,
    ).toBe(200);
    described = await schedule.describe();
    expect(described.spec.intervals?.map((i) => i.every)).toEqual([3_600_000]);
    expect(described.state.paused).toBe(false);
  });

  test("B's records land on A, page by page, and the partner list shows the pull", async () => {
    await publishOnB(gtins(0, 1200));
    const result = await a.ctx.withWorkers(pullNow);
    expect(result).toMatchObject({ pages: 3, received: 1200, stored: 1200, ended: 0, rejected: 0, conflicts: 0 });
    const records = await partnerRecords();
    expect(records).toHaveLength(1200);
    expect(records[0]).toMatchObject({
      gtin: gtins(0, 1)[0],
      responder_gln: PRODUCER_GLN,
      partner_id: a.partnerId,
      vrs_name: 'vrs-b',
      verification_url: 'https://vrs-b.test',
      valid_to: null,
    });

    const list = (await (await a.ctx.call('GET', '/v1/admin/partners', { token: ADMIN_TOKEN })).json()) as {
      id: string;
      directory: { records: number; lastPull: { outcome: string; records: number } };
      clientCertificate: { notAfter: string } | null;
      circuit: unknown;
    }[];
    const partner = list.find((p) => p.id === a.partnerId)!;
    expect(partner.directory).toMatchObject({
      records: 1200,
      conflicts: 0,
      lastPull: { outcome: 'completed', records: 1200 },
      lastUpload: null,
    });
    expect(Date.parse(partner.clientCertificate!.notAfter)).toBeGreaterThan(Date.now());
    expect(partner.circuit).toBe('closed');

    // Listed with the other syncs, with its progress.
    const syncs = (await (await a.ctx.call('GET', '/v1/admin/workflows', { token: ADMIN_TOKEN })).json()) as {
      kind: string;
      status: string;
      progress: { done: number; total: number };
      counts: Record<string, number>;
    }[];
    expect(syncs.find((s) => s.kind === 'directoryPull')).toMatchObject({
      status: 'completed',
      progress: { done: 1200, total: 1200 },
      counts: { pages: 3, stored: 1200 },
    });
  });

  test('the next pull takes only what changed since, and records B ended end on A', async () => {
    const ended = gtins(0, 10);
    await endLocalEntries(b.ctx.database.db, ended);
    const result = await a.ctx.withWorkers(pullNow);
    expect(result).toMatchObject({ pages: 1, received: 10, stored: 10, ended: 10 });
    const records = await partnerRecords();
    expect(records.filter((r) => r.valid_to !== null).map((r) => r.gtin)).toEqual(ended);
  });

  test('a failure mid-pull resumes at the page committed last, not at the start', async () => {
    const more = gtins(2000, 1000);
    await publishOnB(more);
    // A's transaction for the second page fails once (a sequence is not rolled back with it).
    const db = a.ctx.database.db;
    await sql`create sequence fail_once_seq`.execute(db);
    await sql
      .raw(
        `create function fail_once() returns trigger language plpgsql as $$
      begin if new.gtin = '${more[700]}' and nextval('fail_once_seq') = 1 then raise exception 'injected failure'; end if; return new; end $$`,
      )
      .execute(db);
    await sql`create trigger fail_once before insert on directory_entries for each row execute function fail_once()`.execute(
      db,
    );
    try {
      const result = await a.ctx.withWorkers(pullNow);
      // Page 1 received once: the retry asked for page 2 from the position committed with page 1.
      expect(result).toMatchObject({ pages: 3, received: 1000, stored: 1000 }); // two full pages, then an empty one
      expect((await sql<{ n: number }>`select last_value::int as n from fail_once_seq`.execute(db)).rows[0]!.n).toBe(2);
      expect(await partnerRecords()).toHaveLength(2200);
    } finally {
      await sql`drop trigger fail_once on directory_entries`.execute(db);
    }
  });

  test('a conflict with a local producer (local wins) and with another partner (the newer wins) is listed', async () => {
    const [mine, theirs] = gtins(20, 2) as [string, string];
    const db = a.ctx.database.db;
    await publishLocalEntries(db, [mine], '0860000000017', {
      name: 'vrs-a',
      verificationUrl: 'https://vrs-a.test',
      connectivityUrl: 'https://vrs-a.test/checkConnectivity',
    });
    const other = await insertPartner(db, {
      name: 'VRS C',
      gln: '0614141000005',
      baseUrl: 'https://vrs-c.test',
      directoryUrl: null,
      caPem: a.caPem,
      pullDirectory: false,
    });
    await db
      .insertInto('directory_entries')
      .values({
        gtin: theirs,
        responder_gln: '0614141000005',
        source: other.id,
        partner_id: other.id,
        vrs_name: 'vrs-c',
        verification_url: 'https://vrs-c.test',
        connectivity_url: 'https://vrs-c.test/checkConnectivity',
        valid_from: new Date('2020-01-01T00:00:00Z'),
      })
      .execute();
    // B changes both records, so the next pull brings them.
    await sql`update directory_entries set updated_at = now() where gtin in (${mine}, ${theirs})`.execute(
      b.ctx.database.db,
    );
    const result = await a.ctx.withWorkers(pullNow);
    expect(result).toMatchObject({ received: 2, conflicts: 2 });

    const res = await a.ctx.call('GET', '/v1/admin/directory/conflicts', { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const conflicts = (await res.json()) as { gtin: string; partnerId: string; otherSource: string; winner: string }[];
    expect(
      conflicts.map(({ gtin, partnerId, otherSource, winner }) => ({ gtin, partnerId, otherSource, winner })),
    ).toEqual([
      { gtin: mine, partnerId: a.partnerId, otherSource: 'local', winner: 'local' },
      { gtin: theirs, partnerId: a.partnerId, otherSource: other.id, winner: a.partnerId },
    ]);
    const list = (await (await a.ctx.call('GET', '/v1/admin/partners', { token: ADMIN_TOKEN })).json()) as {
      id: string;
      directory: { conflicts: number };
    }[];
    expect(list.find((p) => p.id === a.partnerId)!.directory.conflicts).toBe(2);
    expect(list.find((p) => p.id === other.id)!.directory.conflicts).toBe(1);

    // Once our producer's record ends, that conflict is no longer listed.
    await endLocalEntries(db, [mine]);
    const after = (await (
      await a.ctx.call('GET', `/v1/admin/directory/conflicts?partnerId=${a.partnerId}`, { token: ADMIN_TOKEN })
    ).json()) as { gtin: string }[];
    expect(after.map((c) => c.gtin)).toEqual([theirs]);
  });

  test('a pulled record with a bad GLN check digit is skipped and counted; the rest of the page loads', async () => {
    const [bad, good] = gtins(3000, 2) as [string, string];
    await publishOnB([good]);
    await b.ctx.database.db
      .insertInto('directory_entries')
      .values({
        gtin: bad,
        responder_gln: '0614141000006',
        source: 'local',
        vrs_name: 'vrs-b',
        verification_url: 'https://vrs-b.test',
        connectivity_url: 'https://vrs-b.test/checkConnectivity',
        valid_from: new Date(),
      })
      .execute();
    const result = await a.ctx.withWorkers(pullNow);
    expect(result).toMatchObject({ received: 2, stored: 1, rejected: 1 });
    const stored = (await partnerRecords()).map((r) => r.gtin);
    expect(stored).toContain(good);
    expect(stored).not.toContain(bad);
    const list = (await (await a.ctx.call('GET', '/v1/admin/partners', { token: ADMIN_TOKEN })).json()) as {
      id: string;
      directory: { lastPull: unknown };
    }[];
    expect(list.find((p) => p.id === a.partnerId)!.directory.lastPull).toMatchObject({
      outcome: 'completed',
      records: 2,
      rejected: 1,
    });
  });

  test('a long pull continues as new and still takes every page once', async () => {
    const db = a.ctx.database.db;
    await db.updateTable('partners').set({ directory_cursor: null }).where('id', '=', a.partnerId).execute();
    const result = await a.ctx.withWorkers(() =>
      a.ctx.temporal.client.workflow.execute(directoryPull, {
        taskQueue: a.ctx.temporal.taskQueueOf('routing'),
        workflowId: `${directoryPullScheduleId(a.partnerId)}:long`,
        args: [{ partnerId: a.partnerId, pagesPerRun: 1 }],
      }),
    );
    expect(result).toMatchObject({ pages: 5, received: 2202, rejected: 1 });
    const { events } = await a.ctx.temporal.client.workflow
      .getHandle(`${directoryPullScheduleId(a.partnerId)}:long`)
      .fetchHistory();
    // The closing run started as a continuation.
    expect(events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId).toBeTruthy();
  });
});
