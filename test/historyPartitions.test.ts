import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureHistoryPartitions, insertHistoryBatch } from '../db/repositories/history.js';
import { verificationRecord } from './helpers/verificationRecord.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

const record = (verifiedAt: string, serial: string) =>
  verificationRecord({
    verifiedAt: new Date(verifiedAt),
    serial,
    requestorGln: null,
    corrUuid: 'c',
    additionalInfo: ['Recalled'],
  });

describe('ensureHistoryPartitions', () => {
  let database: TestDatabase;
  const where = async () => {
    const { rows } = await sql<{ serial: string; part: string; id: number }>`
      select serial, tableoid::regclass::text as part, id from verification_history order by serial`.execute(
      database.db,
    );
    return rows;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  test('creates this month and the next; new rows land in the monthly partition', async () => {
    expect(await ensureHistoryPartitions(database.db, new Date('2027-03-15T00:00:00Z'))).toEqual([
      'verification_history_y2027m03',
      'verification_history_y2027m04',
    ]);
    await insertHistoryBatch(database.db, [
      record('2027-03-01T00:00:00Z', 'a'),
      record('2027-04-30T23:59:59.999Z', 'b'),
      record('2027-05-01T00:00:00Z', 'c'),
    ]);
    expect((await where()).map((r) => [r.serial, r.part])).toEqual([
      ['a', 'verification_history_y2027m03'],
      ['b', 'verification_history_y2027m04'],
      ['c', 'verification_history_default'],
    ]);
    expect(await ensureHistoryPartitions(database.db, new Date('2027-03-31T23:00:00Z'))).toEqual([]);
  });

  test('rows of that month already in the default partition are moved in, with their ids; others stay', async () => {
    await insertHistoryBatch(database.db, [
      record('2027-05-10T00:00:00Z', 'd'),
      record('2027-06-30T12:00:00Z', 'e'),
      record('2027-07-01T00:00:00Z', 'f'),
    ]);
    const before = await where();
    expect(await ensureHistoryPartitions(database.db, new Date('2027-05-20T00:00:00Z'))).toEqual([
      'verification_history_y2027m05',
      'verification_history_y2027m06',
    ]);
    const after = await where();
    expect(after.map((r) => [r.serial, r.part])).toEqual([
      ['a', 'verification_history_y2027m03'],
      ['b', 'verification_history_y2027m04'],
      ['c', 'verification_history_y2027m05'],
      ['d', 'verification_history_y2027m05'],
      ['e', 'verification_history_y2027m06'],
      ['f', 'verification_history_default'],
    ]);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const { rows } = await sql<{
      info: string[];
    }>`select additional_info as info from verification_history where serial = 'd'`.execute(database.db);
    expect(rows).toEqual([{ info: ['Recalled'] }]);
  });

  test('two processes starting at once create each partition exactly once', async () => {
    const around = new Date('2027-09-01T00:00:00Z');
    const [one, two] = await Promise.all([
      ensureHistoryPartitions(database.db, around),
      ensureHistoryPartitions(database.db, around),
    ]);
    expect([...one, ...two].sort()).toEqual(['verification_history_y2027m09', 'verification_history_y2027m10']);
  });
});
