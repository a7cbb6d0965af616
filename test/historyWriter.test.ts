import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test, vi } from 'vitest';
import { HistoryWriter, type HistoryWriterOptions } from '../db/historyWriter.js';
import { createDb } from '../db/pool.js';
import * as historyRepository from '../db/repositories/history.js';
import type { VerificationRecord } from '../domain/history/record.js';
import { createLogger } from '../logger.js';
import { verificationRecord } from './helpers/verificationRecord.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

// Counts INSERT statements while still writing through the real repository.
vi.mock('../db/repositories/history.js', async (importOriginal) => {
  const actual = await importOriginal<typeof historyRepository>();
  return { ...actual, insertHistoryBatch: vi.fn(actual.insertHistoryBatch) };
});
const inserts = vi.mocked(historyRepository.insertHistoryBatch);

const record = (serial: string, o: Partial<VerificationRecord> = {}) => verificationRecord({ serial, ...o });

describe('HistoryWriter', () => {
  let database: TestDatabase;
  let logs: string[];
  const writers: HistoryWriter[] = [];
  const HOUR = 3_600_000;

  const writer = (options: HistoryWriterOptions, db = database.db) => {
    const sink = new PassThrough();
    sink.on('data', (line: Buffer) => logs.push(line.toString()));
    const w = new HistoryWriter(db, createLogger('warn', {}, sink), options);
    writers.push(w);
    return w;
  };
  const stored = async () => {
    const { rows } = await sql<{
      n: number;
      distinct: number;
    }>`select count(*)::int as n, count(distinct serial)::int as distinct from verification_history`.execute(
      database.db,
    );
    return rows[0]!;
  };
  const logged = (text: string) => logs.filter((l) => l.includes(text)).length;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    inserts.mockClear();
    logs = [];
    await sql`truncate verification_history`.execute(database.db);
  });
  afterAll(async () => {
    for (const w of writers.splice(0)) await w.close();
    await database.drop();
  });

  test('record() only buffers; full batches are written without waiting for the timer, one INSERT each', async () => {
    const w = writer({ flushMs: HOUR, batchSize: 100 });
    for (let i = 0; i < 1000; i++) expect(w.record(record(`S${i}`))).toBeUndefined();
    expect(w.pending).toBe(1000); // nothing was written inside record()
    await vi.waitFor(async () => expect((await stored()).n).toBe(1000), { timeout: 30_000 });
    expect(inserts).toHaveBeenCalledTimes(10);
    expect(inserts.mock.calls.every(([, batch]) => batch.length === 100)).toBe(true);
  });

  test('values travel as array literals: quotes, backslashes, braces, commas and the word NULL arrive as sent', async () => {
    const w = writer({ flushMs: HOUR, batchSize: 500 });
    const odd = ['a"b', 'c\\d', '{e,f}', 'NULL', ' g ', 'h\\"i', 'ü€'];
    odd.forEach((text, i) =>
      w.record(
        record(text, { lot: text, email: text, latencyMs: i + 0.25, verified: i % 2 === 0, ctrlPossessAtt: null }),
      ),
    );
    await w.close();
    const { rows } = await sql<{ serial: string; lot: string; email: string; latency_ms: number; verified: boolean }>`
      select serial, lot, email, latency_ms, verified from verification_history order by latency_ms`.execute(
      database.db,
    );
    expect(rows).toEqual(
      odd.map((text, i) => ({ serial: text, lot: text, email: text, latency_ms: i + 0.25, verified: i % 2 === 0 })),
    );
  });

  test('a partial batch goes out when flushMs has passed, in one INSERT', async () => {
    const w = writer({ flushMs: 20, batchSize: 500 });
    for (let i = 0; i < 7; i++) w.record(record(`T${i}`));
    await vi.waitFor(async () => expect((await stored()).n).toBe(7), { timeout: 30_000 });
    expect(inserts).toHaveBeenCalledTimes(1);
  });

  test('close() writes every row still buffered', async () => {
    const w = writer({ flushMs: HOUR, batchSize: 500 });
    for (let i = 0; i < 321; i++) w.record(record(`C${i}`));
    expect(w.pending).toBe(321);
    await w.close();
    expect(w.pending).toBe(0);
    expect(await stored()).toEqual({ n: 321, distinct: 321 });
  });

  test('a database outage mid-way loses nothing and duplicates nothing: rows are kept, retried, then written', async () => {
    const w = writer({ flushMs: 10, batchSize: 50 });
    for (let i = 0; i < 100; i++) w.record(record(`before${i}`));
    await w.flush();
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    try {
      // The outage: no new connections, and every open one (the writer's pool included) is killed.
      await admin.query(`alter database ${database.name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database.name]);
      for (let i = 0; i < 300; i++) w.record(record(`during${i}`));
      await vi.waitFor(() => expect(logged('history flush failed')).toBeGreaterThanOrEqual(3), { timeout: 60_000 });
      expect(w.pending).toBeGreaterThanOrEqual(250); // 50 may be out on a failing attempt right now
    } finally {
      await admin.query(`alter database ${database.name} allow_connections true`);
      await admin.end();
    }
    await w.flush();
    expect(await stored()).toEqual({ n: 400, distinct: 400 });
    expect(logged('history writes resumed')).toBe(1);
  });

  test('a row the database rejects is found by halving the batch, logged and skipped; the rest are written', async () => {
    const w = writer({ flushMs: HOUR, batchSize: 200 });
    for (let i = 0; i < 200; i++) w.record(record(`P${i}`, i === 137 ? { requestorGln: '03210123456760' } : {})); // char(13)
    await w.flush();
    expect(await stored()).toEqual({ n: 199, distinct: 199 });
    expect(logged('history record rejected')).toBe(1);
    expect(logs.find((l) => l.includes('history record rejected'))).toContain('"serial":"P137"');
    expect(inserts.mock.calls.length).toBeLessThan(2 * Math.log2(200) + 2);
  });

  test('past maxPending (a long outage) new records are dropped loudly, never silently', async () => {
    const unreachable = createDb({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
    try {
      const w = new HistoryWriter(
        unreachable,
        createLogger(
          'warn',
          {},
          new PassThrough().on('data', (l: Buffer) => logs.push(l.toString())),
        ),
        { flushMs: HOUR, batchSize: 500, maxPending: 10 },
      );
      for (let i = 0; i < 15; i++) w.record(record(`D${i}`));
      expect(w.pending).toBe(10);
      expect(logged('verifications are being DROPPED from history')).toBe(1);
    } finally {
      await unreachable.destroy();
    }
  });
});
