import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { poolOf } from '../db/pool.js';
import { insertCompany } from '../db/repositories/companies.js';
import { copyIntoFreeRange } from '../db/serialSync/directBatch.js';
import type { SerialSelection } from '../db/serialSync/ruleFilter.js';
import type { SerialKey } from '../db/serialSync/stateQuery.js';
import { withTransferClients, type BatchResult } from '../db/serialSync/transfer.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { differences, expectedStates, readNetworkStates, readSourceEvents, stateEvent, storeEvents } from './helpers/serials.js';

const GTIN = '00305910369019';
const serial = (i: number) => `S${String(i).padStart(4, '0')}`;
const key = (i: number): SerialKey => ({ gtin: GTIN, serial: serial(i) });

describe('copyIntoFreeRange: a backfill page straight into the read table', () => {
  let database: TestDatabase;
  let companyId: string;
  const page = (after: SerialKey | null, limit = 10) => ({ kind: 'page' as const, companyId, after, limit });
  const run = (after: SerialKey | null, selection: SerialSelection = {}, limit = 10) =>
    withTransferClients(poolOf(database.db), (clients) => copyIntoFreeRange(clients, page(after, limit), selection));
  const count = async () => Number((await poolOf(database.db).query('select count(*) as n from network_serials')).rows[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    companyId = (await insertCompany(database.db, { name: 'Direct Pharma', gln: '0305910000001', roles: ['producer'] })).id;
    // 25 serials; every 5th recalled, so a rule on lot picks some of a page.
    await storeEvents(database.db, companyId, Array.from({ length: 25 }, (_, i) => stateEvent({ eventId: `e${i + 1}`, serial: serial(i + 1), lot: (i + 1) % 5 === 0 ? 'L5' : 'L1', eventTime: '2026-01-01T00:00:00.000Z' })));
  });
  beforeEach(() => database.db.deleteFrom('network_serials').execute());
  afterAll(() => database.drop());

  test('an empty read table: full pages end at their last row, the short last page at the end of the range', async () => {
    const results: (BatchResult | undefined)[] = [];
    for (let after: SerialKey | null = null, i = 0; i < 3; i++) {
      const result = await run(after);
      results.push(result);
      after = result!.last;
    }
    expect(results).toEqual([
      { rows: 10, selected: 10, removed: 0, last: key(10) },
      { rows: 10, selected: 10, removed: 0, last: key(20) },
      { rows: 5, selected: 5, removed: 0, last: key(25) },
    ]);
    expect(differences(await readNetworkStates(database.db, companyId), expectedStates(await readSourceEvents(database.db, companyId)))).toEqual([]);
  });

  test('serials the rules leave out: the page still advances by all it read', async () => {
    expect(await run(null, { include: [{ lot: 'L5' }] })).toEqual({ rows: 10, selected: 2, removed: 0, last: key(10) });
    expect(await count()).toBe(2);
  });

  test('a page that runs into a row the read table holds writes nothing and leaves it to the merge', async () => {
    await poolOf(database.db).query(`insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
      values ($1, $2, $3, 'NEWER', '281231', '2028-12-31', 'commissioned', '2026-06-01', 'x')`, [GTIN, serial(7), companyId]);
    expect(await run(null)).toBeUndefined();
    expect(await count()).toBe(1);
    // Past that row, the range is free again.
    expect(await run(key(7))).toEqual({ rows: 10, selected: 10, removed: 0, last: key(17) });
    expect(await count()).toBe(11);
  });

  test('the end of the range: nothing left to copy', async () => {
    expect(await run(key(25))).toBeUndefined();
  });
});
