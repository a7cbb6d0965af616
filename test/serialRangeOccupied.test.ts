import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertCompany } from '../db/repositories/companies.js';
import { poolOf } from '../db/pool.js';
import { RANGE_OCCUPIED_SQL, rangeOccupied } from '../db/serialSync/rangeOccupied.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const G1 = '00361414000017';
const G2 = '00361414000024';

describe('rangeOccupied: is a key range of network_serials empty', () => {
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

  const occupied = async (range: Parameters<typeof rangeOccupied>[1]) => {
    const client = await poolOf(database.db).connect();
    try {
      return await rangeOccupied(client, range);
    } finally {
      client.release();
    }
  };
  const key = (gtin: string, serial: string) => ({ gtin, serial });

  test.each([
    ['after the last key of G1, through the end of G1', { after: key(G1, 'S010000'), through: key(G1, 'S999999') }, false],
    ['after the last key of G1, through the first of G2', { after: key(G1, 'S010000'), through: key(G2, 'S000001') }, true],
    ['a gap between two serials', { after: key(G1, 'S000005'), through: key(G1, 'S000005x') }, false],
    ['exclusive lower bound: a range starting at an existing key', { after: key(G1, 'S000005'), through: key(G1, 'S000005') }, false],
    ['inclusive lower bound: the same range', { from: key(G1, 'S000005'), through: key(G1, 'S000005') }, true],
    ['from the very start (the empty key)', { after: key('', ''), through: key(G1, 'S000001') }, true],
    ['before every key', { after: key('', ''), through: key('00000000000000', 'Z') }, false],
  ])('%s', async (_, range, expected) => {
    expect(await occupied(range)).toBe(expected);
  });

  test.each(['after', 'from'] as const)('the %s probe walks the primary key whatever the statistics say, never a sequential scan', async (lower) => {
    const { rows } = await poolOf(database.db).query<{ 'QUERY PLAN': string }>(`explain ${RANGE_OCCUPIED_SQL[lower]}`, [G1, 'S010000', G1, 'S999999']);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using network_serials_pk/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
