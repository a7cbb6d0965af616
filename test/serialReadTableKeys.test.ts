import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertCompany } from '../db/repositories/companies.js';
import { poolOf } from '../db/pool.js';
import { firstKeyAfter, lastKeyWritten, RANGE_OCCUPIED_SQL, rangeOccupied } from '../db/serialSync/readTableKeys.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const G1 = '00361414000017';
const G2 = '00361414000024';

describe('probes of the key space of network_serials', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    const producer = await insertCompany(database.db, { name: 'Range Pharma', gln: '0361414000001', roles: ['producer'] });
    // 20k rows in two GTINs, and statistics that call the table empty, as after a truncate and a
    // bulk load before autovacuum: the state a bare EXISTS over the range was read in by a
    // sequential scan of the whole table.
    await sql`insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
      select g, 'S' || lpad(i::text, 6, '0'), ${producer.id}::uuid, 'L', '281231', '2028-12-31', 'commissioned', now(), 'e' || i
      from unnest(${[G1, G2]}::text[]) g, generate_series(1, 10000) i`.execute(database.db);
    await sql`update pg_class set reltuples = 0, relpages = 0 where relname = 'network_serials'`.execute(database.db);
  });
  afterAll(() => database.drop());

  const withClient = async <T>(run: (client: pg.PoolClient) => Promise<T>) => {
    const client = await poolOf(database.db).connect();
    try {
      return await run(client);
    } finally {
      client.release();
    }
  };
  const key = (gtin: string, serial: string) => ({ gtin, serial });

  test.each([
    ['past the last key of G1, through the end of G1', { from: key(G1, 'S010000x'), through: key(G1, 'S999999') }, false],
    ['past the last key of G1, through the first of G2', { from: key(G1, 'S010000x'), through: key(G2, 'S000001') }, true],
    ['a gap between two serials', { from: key(G1, 'S000005x'), through: key(G1, 'S000005y') }, false],
    ['bounds inclusive: a range of one existing key', { from: key(G1, 'S000005'), through: key(G1, 'S000005') }, true],
    ['from the very start (the empty key)', { from: key('', ''), through: key(G1, 'S000001') }, true],
    ['before every key', { from: key('', ''), through: key('00000000000000', 'Z') }, false],
  ])('rangeOccupied: %s', async (_, range, expected) => {
    expect(await withClient((client) => rangeOccupied(client, range))).toBe(expected);
  });

  test.each([
    ['the next serial', key(G1, 'S000005'), undefined, key(G1, 'S000006')],
    ['across a GTIN', key(G1, 'S010000'), undefined, key(G2, 'S000001')],
    ['from the very start', key('', ''), undefined, key(G1, 'S000001')],
    ['none below the GTIN cap', key(G1, 'S010000'), G2, null],
    ['none after the last key', key(G2, 'S010000'), undefined, null],
  ])('firstKeyAfter: %s', async (_, after, gtinTo, expected) => {
    expect(await withClient((client) => firstKeyAfter(client, after, gtinTo))).toEqual(expected);
  });

  test("lastKeyWritten: this transaction's last row in the range, not one another transaction committed beyond it", async () => {
    const insert = (gtin: string, serial: string) => `insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
      select '${gtin}', '${serial}', producer_company_id, 'L', '281231', '2028-12-31', 'commissioned', now(), 'x' from network_serials limit 1`;
    const range = { after: key(G2, 'S010000'), before: null };
    const last = await withClient(async (client) => {
      await client.query('begin');
      try {
        await client.query(insert(G2, 'S010001'));
        await client.query(insert(G2, 'S010002'));
        // Committed meanwhile, beyond this transaction's rows: not this batch's end.
        await poolOf(database.db).query(insert(G2, 'S010003'));
        return await lastKeyWritten(client, range);
      } finally {
        await client.query('rollback');
      }
    });
    expect(last).toEqual(key(G2, 'S010002'));
    expect(await withClient((client) => lastKeyWritten(client, range))).toBeNull();
    await poolOf(database.db).query(`delete from network_serials where (gtin, serial) > ('${G2}', 'S010000')`);
  });

  test('the range probe walks the primary key whatever the statistics say, never a sequential scan', async () => {
    const { rows } = await poolOf(database.db).query<{ 'QUERY PLAN': string }>(`explain ${RANGE_OCCUPIED_SQL}`, [G1, 'S010000', G1, 'S999999']);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using network_serials_pk/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
