import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { createApp } from '../api/app.js';
import { buildApiDeps } from '../api/buildDeps.js';
import { issueApiKey } from '../api/companies/companies.js';
import { loadConfig } from '../config.js';
import { ensureInstallation } from '../db/installation.js';
import { createDb, poolOf } from '../db/pool.js';
import { insertCompany } from '../db/repositories/companies.js';
import { withClient } from '../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../db/serialSync/serialTables.js';
import { createLogger } from '../logger.js';
import { startBenchDatabase } from './lib/benchDatabase.js';
import { runLoad, type LoadResult } from './lib/runLoad.js';

const POOL = 20;
const PRODUCTS = 100;
const SERIALS_PER_PRODUCT = 1_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/** GTIN-14 with check digit for product i (prefix 0361414, item reference i). */
function gtin(i: number): string {
  const body = `0036141${String(10000 + i).padStart(6, '0')}`;
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += Number(body[12 - k]) * (k % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

async function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Verify throughput and latency at 50 connections: vrs (auth, one indexed read, rules, history
 * logging) vs a bare Hono route doing one primary-key SELECT on the same table with the same pool
 * size, vs a bare route answering constant JSON. Same process, same machine, same run, in
 * interleaved rounds.
 */
export async function runVerifyBench(seconds = Number(process.env.BENCH_SECONDS ?? 10)): Promise<string> {
  const database = await startBenchDatabase(POOL);
  const { db } = database;
  const producer = await insertCompany(db, { name: 'Bench Pharma', gln: '0312345000011', roles: ['producer'] });
  const consumer = await insertCompany(db, { name: 'Bench Distributor', gln: '0321012345676', roles: ['consumer'] });
  const gtins = Array.from({ length: PRODUCTS }, (_, i) => gtin(i));
  await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash)
    select g, ${producer.id}::uuid, ${producer.gln}, '{}'::jsonb, 'bench' from unnest(${gtins}::text[]) as g`.execute(
    db,
  );
  const serials = await withClient(poolOf(db), (client) => ensureSerialTable(client, producer.id));
  await sql`insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
    select g, 'S' || s, ${producer.id}::uuid, 'LOT1', '281231', '2028-12-31', 'commissioned', now(), 'e' || s
    from unnest(${gtins}::text[]) as g, generate_series(1, ${SERIALS_PER_PRODUCT}) as s`.execute(db);
  await sql`analyze`.execute(db);
  const config = loadConfig({
    VRS_MASTER_KEY: randomBytes(32).toString('base64'),
    DB_POOL_SIZE: String(POOL),
    BRUTE_FORCE_LIMIT: '1000000',
  });
  const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: 'bench' });
  const { apiKey } = await issueApiKey(db, consumer.id);

  const paths = Array.from(
    { length: 2_000 },
    (_, i) =>
      `/verify/gtin/${gtins[i % PRODUCTS]}/lot/LOT1/ser/S${((i * 7919) % SERIALS_PER_PRODUCT) + 1}?exp=281231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=0321012345676&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D`,
  );
  const deps = buildApiDeps({
    config,
    db,
    log: createLogger('silent'),
    installation,
    temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  });
  const vrs = await listen(createApp(deps).fetch);

  const baselineDb = createDb({ connectionString: database.url, max: POOL });
  const pk = new Hono().get('/verify/gtin/:gtin/lot/:lot/ser/:ser', async (c) => {
    // The producer's partition, the table verify reads.
    const { rows } =
      await sql`select * from ${sql.table(serials)} where gtin = ${c.req.param('gtin')} and serial = ${c.req.param('ser')}`.execute(
        baselineDb,
      );
    return c.json({ verified: rows.length > 0 });
  });
  const pkServer = await listen(pk.fetch);
  const constant = await listen(new Hono().get('*', (c) => c.json({ verified: true })).fetch);

  const load = (url: string, headers: Record<string, string> = {}) =>
    runLoad({ url, paths, headers, connections: 50, seconds });
  const servers = [
    ['constant JSON (Hono)', constant.url, {}],
    ['PK SELECT (Hono + kysely)', pkServer.url, {}],
    ['vrs verify + history', vrs.url, { authorization: `Bearer ${apiKey}` }],
  ] as const;
  for (const [, url, headers] of servers) await load(url, headers); // warm-up: JIT, connection pools
  // The machine is shared: rounds alternate the servers, and each ratio is taken within a round
  // (so drift between rounds cancels), then the median over rounds is reported.
  const rounds: LoadResult[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results: LoadResult[] = [];
    for (const [, url, headers] of servers) results.push(await load(url, headers));
    rounds.push(results);
  }
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  await deps.history.close();
  const logged = (
    await db.selectFrom('verification_history').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()
  ).n;
  await Promise.all([vrs.close(), pkServer.close(), constant.close()]);
  await baselineDb.destroy();
  await database.stop();

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const of = (i: number, pick: (r: LoadResult) => number) => median(rounds.map((r) => pick(r[i]!)));
  const ratio = (i: number, j: number, pick: (r: LoadResult) => number) =>
    median(rounds.map((r) => pick(r[i]!) / pick(r[j]!))).toFixed(2);
  const lines = [
    `| server (50 connections, ${seconds} s; median of ${ROUNDS} interleaved rounds) | req/s | p50 ms | p99 ms | vs PK SELECT (req/s, p99) | vs constant JSON | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  servers.forEach(([name], i) => {
    const errors = rounds.reduce((n, r) => n + r[i]!.errors + r[i]!.non2xx, 0);
    lines.push(
      `| ${name} | ${Math.round(of(i, (r) => r.rps))} | ${of(i, (r) => r.p50)} | ${of(i, (r) => r.p99)} | ${ratio(i, 1, (r) => r.rps)}x, ${ratio(i, 1, (r) => r.p99)}x | ${ratio(i, 0, (r) => r.rps)}x | ${errors} |`,
    );
  });
  const perRound = rounds.map((r) => `${(r[2]!.rps / r[1]!.rps).toFixed(2)}x`).join(', ');
  lines.push(
    '',
    `vrs / PK SELECT throughput per round: ${perRound}; process RSS after the runs: ${rssMb.toFixed(0)} MB; history rows written: ${logged} (every verify request, warm-up included)`,
  );
  return lines.join('\n');
}
