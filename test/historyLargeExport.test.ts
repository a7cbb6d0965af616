import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Company } from '../db/repositories/companies.js';
import * as historyRepository from '../db/repositories/history.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

// Counts page reads while still reading through the real repository.
vi.mock('../db/repositories/history.js', async (importOriginal) => {
  const actual = await importOriginal<typeof historyRepository>();
  return { ...actual, readHistoryPage: vi.fn(actual.readHistoryPage) };
});
const pageReads = vi.mocked(historyRepository.readHistoryPage);

const ROWS = 200_000;
const range = 'from=2026-11-18T00:00:00Z&to=2026-11-25T00:00:00Z';

describe('GET /v1/history: a large export streams page by page', () => {
  let ctx: ApiTestContext;
  let producer: Company;
  let key: string;
  const get = (query: string) => ctx.call('GET', `/v1/history?${query}`, { token: key });

  beforeAll(async () => {
    ctx = await createApiTestContext('historyLarge');
    producer = await companyWithGln(ctx.database.db, '0614141000005', ['producer']);
    const other = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    key = await apiKeyFor(ctx.database.db, producer);
    // Three rows per microsecond-precise instant: the cursor must keep microseconds and break ties by id.
    for (const owner of [producer, other]) {
      await sql`
        insert into verification_history (verified_at, channel, producer_company_id, gtin, serial, lot, expiry, corr_uuid, http_status, verified, in_network, latency_ms)
        select timestamptz '2026-11-21T00:00:00Z' + (i / 3) * interval '7 microseconds', 'api', ${owner.id}::uuid, '00305910369019', 'B' || i, 'L', '281231',
               gen_random_uuid()::text, 200, true, true, 1
        from generate_series(1, ${ROWS}) as i`.execute(ctx.database.db);
    }
  });
  beforeEach(() => {
    pageReads.mockClear(); // braces: a function returned from beforeEach would run as a cleanup hook
  });
  afterAll(() => ctx.close());

  test(`${ROWS} rows come out complete, in order, without repeats, through pages of 5000`, async () => {
    const res = await get(`${range}&format=ndjson`);
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const serials = new Set<string>();
    let previous = '';
    let ordered = true;
    let rest = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        const row = JSON.parse(line) as { serial: string; verifiedAt: string };
        ordered &&= row.verifiedAt >= previous;
        previous = row.verifiedAt;
        serials.add(row.serial);
      }
    }
    expect(rest).toBe('');
    expect(serials.size).toBe(ROWS);
    expect(ordered).toBe(true);
    expect(pageReads).toHaveBeenCalledTimes(ROWS / 5000 + 1); // the last full page is followed by an empty one
  });

  test('JSON is one streamed array that parses whole', async () => {
    const parsed = (await (await get(range)).json()) as unknown[];
    expect(parsed).toHaveLength(ROWS);
  });

  test('a client that goes away stops the reads', async () => {
    const res = await get(`${range}&format=csv`);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(pageReads.mock.calls.length).toBeLessThanOrEqual(3);
  });
});
