import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createSerialUpdatesActivities } from '../activities/serialUpdates.js';
import { createDb, poolOf } from '../db/pool.js';
import { insertCompany } from '../db/repositories/companies.js';
import { putSerialRules } from '../db/repositories/serialRules.js';
import { enqueueSerialRanges } from '../db/serialSync/updateQueue.js';
import { AnswerSources } from '../db/answerSources.js';
import {
  abandonLoad,
  keyPart,
  LoadGoneError,
  loadBatch,
  startLoad,
  type KeyOptions,
  type LoadRef,
} from '../db/serialSync/load.js';
import { finishLoad } from '../db/serialSync/swap.js';
import { withClient } from '../db/serialSync/rawClient.js';
import { partTableOf, serialTableOf } from '../db/serialSync/serialTables.js';
import { withTransferClients } from '../db/serialSync/transfer.js';
import { computeCheckDigit } from '../domain/gs1/gtin.js';
import type { GtinRange } from '../domain/serials/gtinRanges.js';
import type { SerialEvent } from '../domain/serials/event.js';
import type { SerialRules } from '../domain/serials/rules.js';
import { createLogger } from '../logger.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { FIXTURE_GTINS, seedSyntheticSerials } from './helpers/serialFixtures.js';
import {
  backfillDirect,
  differences,
  expectedStates,
  loadParts,
  readNetworkStates,
  readSourceEvents,
  stateEvent,
  storeEvents,
} from './helpers/serials.js';

const G1 = '00305910369019';
const G2 = '00305910369026';
const ALL: SerialRules = { enabled: true, include: [] };
const serial = (n: number) => `S${String(n).padStart(4, '0')}`;
const commissioned = (gtin: string, n: number, minute = 0): SerialEvent =>
  stateEvent({
    eventId: `c-${gtin}-${n}-${minute}`,
    gtin,
    serial: serial(n),
    eventTime: new Date(Date.UTC(2026, 0, 1, 0, minute, n)).toISOString(),
  });

describe('a backfill load: built beside the live partition, swapped in whole', () => {
  let ctx: TestDatabase;
  let companyId: string;
  const updates = () => createSerialUpdatesActivities({ db: ctx.db, log: createLogger('silent') });
  const tableExists = async (name: string) =>
    (await sql<{ found: boolean }>`select to_regclass(${name}) is not null as found`.execute(ctx.db)).rows[0]!.found;
  const liveStates = () => readNetworkStates(ctx.db, companyId);
  const expected = async (keep?: Parameters<typeof expectedStates>[1]) =>
    expectedStates(await readSourceEvents(ctx.db, companyId), keep);
  const withClients = <T>(work: Parameters<typeof withTransferClients<T>>[1]) =>
    withTransferClients(poolOf(ctx.db), work);

  beforeAll(async () => {
    ctx = await createTestDatabase();
  });
  beforeEach(async () => {
    companyId = (
      await insertCompany(ctx.db, {
        name: `Load Pharma ${randomUUID()}`,
        gln: `06141410${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
        roles: ['producer'],
      })
    ).id;
    await putSerialRules(ctx.db, companyId, ALL);
  });
  afterAll(() => ctx.drop());

  test('events the incremental sync applies while the load runs are in the swapped-in table', async () => {
    await storeEvents(
      ctx.db,
      companyId,
      Array.from({ length: 30 }, (_, i) => commissioned(G1, i + 1)),
    );
    const ref: LoadRef = { companyId, runId: randomUUID() };
    const batch = (client: Parameters<typeof loadBatch>[0]) =>
      loadBatch(client, { ...ref, part: 0, batchSize: 10, selection: ALL });
    const summary = await withClients(async (clients) => {
      expect(await startLoad(clients.target, ref, [{}])).toBe(false);
      expect(await startLoad(clients.target, ref, [{}])).toBe(true);
      expect(await batch(clients.target)).toMatchObject({ serials: 10, finished: false });
      // Meanwhile: a serial the load has passed is decommissioned, one ahead of it is recalled, a new one arrives after its end.
      const { seqs } = await storeEvents(ctx.db, companyId, [
        stateEvent({
          eventId: 'late-3',
          gtin: G1,
          serial: serial(3),
          status: 'decommissioned',
          eventTime: '2026-02-01T00:00:00.000Z',
        }),
        stateEvent({
          eventId: 'late-20',
          gtin: G1,
          serial: serial(20),
          flags: { recalled: true },
          eventTime: '2026-02-01T00:00:00.000Z',
        }),
        commissioned(G2, 99),
      ]);
      await enqueueSerialRanges(ctx.db, companyId, seqs);
      expect(await updates().drainSerialQueue({ companyId, keepLease: false })).toMatchObject({ rows: 3, more: false });
      expect((await liveStates()).get(`${G1}/${serial(3)}`)?.status).toBe('decommissioned');
      expect(
        await ctx.db
          .selectFrom('serial_load_catchup')
          .select(['from_seq', 'to_seq'])
          .where('company_id', '=', companyId)
          .execute(),
      ).toHaveLength(seqs.length);
      for (let part = await batch(clients.target); !part.finished; part = await batch(clients.target));
      return finishLoad(clients, ref, ALL);
    });
    // The new serial lies ahead of the cursor: the load reads it as well.
    expect(summary).toEqual({ serials: 31, selected: 31, removed: 0 });
    expect(differences(await liveStates(), await expected())).toEqual([]);
    expect((await liveStates()).size).toBe(31);
    expect(
      await ctx.db.selectFrom('serial_load_catchup').selectAll().where('company_id', '=', companyId).execute(),
    ).toEqual([]);
  });

  test('batches ending inside a GTIN, at its end or several GTINs on, in one part or two, load every serial once', async () => {
    const gtins = ['0030591036903', '0030591036904', '0030591036905', '0030591036906'].map(
      (body) => body + computeCheckDigit(body),
    );
    const counts = [7, 1, 12, 3];
    await storeEvents(ctx.db, companyId, [
      ...gtins.flatMap((gtin, g) => Array.from({ length: counts[g]! }, (_, i) => commissioned(gtin, i + 1))),
      // A later event of the same serial: the batch keeps the newest.
      stateEvent({
        eventId: 'later',
        gtin: gtins[2]!,
        serial: serial(5),
        status: 'decommissioned',
        eventTime: '2026-02-01T00:00:00.000Z',
      }),
    ]);
    const parts: GtinRange[][] = [[{}], [{ gtinTo: gtins[2]! }, { gtinFrom: gtins[2]! }]];
    for (const ranges of parts)
      for (const batchSize of [1, 2, 5, 8, 30]) {
        const summary = await backfillDirect(ctx.db, companyId, batchSize, ALL, ranges);
        expect(summary, `batches of ${batchSize} in ${ranges.length} part(s)`).toEqual({
          serials: 23,
          selected: 23,
          removed: 0,
        });
        expect(differences(await liveStates(), await expected())).toEqual([]);
      }
  });

  test('a second backfill removes what the rules no longer select, and counts it', async () => {
    await storeEvents(ctx.db, companyId, [
      ...Array.from({ length: 7 }, (_, i) => commissioned(G1, i)),
      ...Array.from({ length: 5 }, (_, i) => commissioned(G2, i)),
    ]);
    expect(await backfillDirect(ctx.db, companyId, 4)).toEqual({ serials: 12, selected: 12, removed: 0 });
    const onlyG2: SerialRules = { enabled: true, include: [{ gtin: G2 }] };
    expect(await backfillDirect(ctx.db, companyId, 4, onlyG2)).toEqual({ serials: 12, selected: 5, removed: 7 });
    expect(differences(await liveStates(), await expected((s) => s.gtin === G2))).toEqual([]);
    // Held back while the part loaded, autovacuum is let in once it is live.
    const { rows } = await sql<{
      options: string[] | null;
    }>`select c.reloptions as options from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = to_regclass(${serialTableOf(companyId)})`.execute(ctx.db);
    expect(rows).toEqual([{ options: null }]);
  });

  test('finishing again answers what the swap reported; abandoning a swapped load keeps it', async () => {
    await storeEvents(ctx.db, companyId, [commissioned(G1, 1), commissioned(G1, 2)]);
    const ref: LoadRef = { companyId, runId: randomUUID() };
    await withClients(async (clients) => {
      await startLoad(clients.target, ref, [{}]);
      await loadBatch(clients.target, { ...ref, part: 0, batchSize: 10, selection: ALL });
      const first = await finishLoad(clients, ref, ALL);
      expect(await finishLoad(clients, ref, ALL)).toEqual(first);
      await abandonLoad(clients.target, ref);
    });
    expect((await liveStates()).size).toBe(2);
  });

  test('a newer backfill replaces an older load, which then fails as gone; abandoning leaves the live partition as it was', async () => {
    await storeEvents(ctx.db, companyId, [commissioned(G1, 1), commissioned(G1, 2), commissioned(G1, 3)]);
    await backfillDirect(ctx.db, companyId, 10);
    const before = await liveStates();
    const [older, newer]: LoadRef[] = [
      { companyId, runId: 'older' },
      { companyId, runId: 'newer' },
    ];
    await withClient(poolOf(ctx.db), async (client) => {
      await startLoad(client, older!, [{}]);
      await loadBatch(client, { ...older!, part: 0, batchSize: 1, selection: ALL });
      await startLoad(client, newer!, [{}]);
      await expect(loadBatch(client, { ...older!, part: 0, batchSize: 1, selection: ALL })).rejects.toBeInstanceOf(
        LoadGoneError,
      );
      expect(await loadBatch(client, { ...newer!, part: 0, batchSize: 1, selection: ALL })).toMatchObject({
        serials: 1,
        selected: 1,
      });
      expect(await tableExists(partTableOf(companyId, 'older', 0))).toBe(false);
      await abandonLoad(client, older!);
      expect(await tableExists(partTableOf(companyId, 'newer', 0))).toBe(true);
      await abandonLoad(client, newer!);
    });
    expect(await tableExists(partTableOf(companyId, 'newer', 0))).toBe(false);
    expect(await ctx.db.selectFrom('serial_loads').selectAll().where('company_id', '=', companyId).execute()).toEqual(
      [],
    );
    expect(differences(await liveStates(), before)).toEqual([]);
  });

  /**
   * Loads the company's serials in `ranges`, keys each part with `options` and returns what
   * PostgreSQL's trace_sort told the client of the sorts (worker -1 is the backend itself).
   */
  const keySorts = (ranges: GtinRange[], options: KeyOptions, session = '') =>
    withClient(poolOf(ctx.db), async (client) => {
      const ref = { companyId, runId: randomUUID() };
      await startLoad(client, ref, ranges);
      await loadParts(client, ref, ranges.length, 50_000);
      const before = (await client.query('show maintenance_work_mem')).rows[0].maintenance_work_mem as string;
      const messages: string[] = [];
      const listen = (notice: { message?: string }) => messages.push(notice.message ?? '');
      await client.query(`set trace_sort = on; set client_min_messages = log; ${session}`);
      client.on('notice', listen);
      try {
        for (const part of ranges.keys()) await keyPart(client, ref, part, options);
        const after = (await client.query('show maintenance_work_mem')).rows[0].maintenance_work_mem as string;
        return { sorts: messages.filter((m) => / sort/.test(m)), memoryKept: after === before };
      } finally {
        client.off('notice', listen);
        await client.query('reset all');
        await abandonLoad(client, ref);
      }
    });

  test('a part is keyed in the sort memory given: in memory when it fits, in temporary files when not', async () => {
    await seedSyntheticSerials(ctx.db, companyId, 30_000);
    const small = await keySorts([{}], { parallel: false, sortMemory: '1MB' });
    expect(small.sorts.some((m) => m.includes('switching to external sort'))).toBe(true);
    // Set for the key build's transaction only.
    expect(small.memoryKept).toBe(true);
    const large = await keySorts([{}], { parallel: false, sortMemory: '64MB' });
    expect(large.sorts.some((m) => m.includes('internal sort'))).toBe(true);
    expect(large.sorts.some((m) => m.includes('external sort'))).toBe(false);
  });

  test('parallel workers sort the key of a load of one part, never of a load of several', async () => {
    await seedSyntheticSerials(ctx.db, companyId, 30_000);
    // Parallel workers even for this small table.
    const session = 'set min_parallel_table_scan_size = 0';
    const workers = (sorts: string[]) => sorts.filter((m) => /worker [0-9]/.test(m));
    expect(workers((await keySorts([{}], { parallel: true }, session)).sorts)).not.toEqual([]);
    expect(workers((await keySorts([{}], { parallel: false }, session)).sorts)).toEqual([]);
    const halves = [{ gtinTo: FIXTURE_GTINS[2]! }, { gtinFrom: FIXTURE_GTINS[2]! }];
    const twoParts = await keySorts(halves, { parallel: true }, session);
    expect(twoParts.sorts).not.toEqual([]);
    expect(workers(twoParts.sorts)).toEqual([]);
  });

  test("verify's prepared statement reads the swapped-in table, and a producer without one answers without serials", async () => {
    const idle = (await insertCompany(ctx.db, { name: 'No Serials Pharma', gln: '0312345000011', roles: ['producer'] }))
      .id;
    await ctx.db
      .insertInto('network_products')
      .values([
        { gtin: G1, producer_company_id: companyId, producer_gln: '0614141000005', data: '{}', source_hash: 'x' },
        { gtin: G2, producer_company_id: idle, producer_gln: '0312345000011', data: '{}', source_hash: 'x' },
      ])
      .execute();
    // One connection: the statement prepared before a swap is the one used after it.
    const verifier = createDb({ connectionString: ctx.url, max: 1 });
    const answers = new AnswerSources(verifier);
    try {
      await storeEvents(ctx.db, companyId, [commissioned(G1, 1)]);
      await backfillDirect(ctx.db, companyId, 10);
      expect((await answers.findOfProducer(companyId, G1, serial(1)))?.serial).toMatchObject({
        status: 'commissioned',
        lot: 'L1',
      });
      await storeEvents(ctx.db, companyId, [
        stateEvent({
          eventId: 'd-1',
          gtin: G1,
          serial: serial(1),
          status: 'decommissioned',
          eventTime: '2026-03-01T00:00:00.000Z',
        }),
      ]);
      await backfillDirect(ctx.db, companyId, 10);
      expect((await answers.findOfProducer(companyId, G1, serial(1)))?.serial).toMatchObject({
        status: 'decommissioned',
      });
      // Not the GTIN's owner: no answer, so the caller looks the owner up afresh.
      expect(await answers.findOfProducer(idle, G1, serial(1))).toBeUndefined();
      expect(await tableExists(serialTableOf(idle))).toBe(false);
      for (let i = 0; i < 2; i++)
        expect(await answers.findOfProducer(idle, G2, serial(1))).toMatchObject({
          producerCompanyId: idle,
          serial: undefined,
        });
      // A remembered producer that no longer owns the GTIN is forgotten, and the new owner found.
      expect(await answers.find(G1, serial(1))).toMatchObject({ producerCompanyId: companyId });
      expect(answers.knownProducer(G1)).toBe(companyId);
      await ctx.db
        .updateTable('network_products')
        .set({ producer_company_id: idle, producer_gln: '0312345000011' })
        .where('gtin', '=', G1)
        .execute();
      expect(await answers.find(G1, serial(1))).toMatchObject({ producerCompanyId: idle, serial: undefined });
      expect(answers.knownProducer(G1)).toBe(idle);
    } finally {
      await verifier.destroy();
      await ctx.db.deleteFrom('network_products').execute();
    }
  });
});
