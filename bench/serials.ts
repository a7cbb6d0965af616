import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { createApp } from '../api/app.js';
import { buildApiDeps } from '../api/buildDeps.js';
import { connectTemporal } from '../launchers/temporalConnection.js';
import { launchSerialBackfill } from '../launchers/serialBackfill.js';
import { issueApiKey } from '../api/companies/companies.js';
import { loadConfig } from '../config.js';
import { ensureInstallation } from '../db/installation.js';
import { createLogger } from '../logger.js';
import { startTemporalDevServer } from '../scripts/lib/temporalDevServer.js';
import { installQuietRuntime } from '../workers/runtime.js';
import { TASK_QUEUES } from '../workflows/ids.js';
import type { SerialBackfillResult } from '../workflows/serialBackfill.js';
import { startBenchDatabase } from './lib/benchDatabase.js';
import { rawCopy } from './lib/copyBaseline.js';
import { freeDiskBytes } from './lib/freeDisk.js';
import { sampleRss } from './lib/rssSampler.js';
import { percentile } from './lib/percentile.js';
import { eventToVerifiableMs } from './lib/serialLatency.js';
import { benchGtin, generateSerialSource, insertSerialProducer } from './lib/serialSource.js';
import type { ChildServer } from './lib/childServer.js';
import { startWorkerProcess } from './lib/vrsProcesses.js';
import { setting, type BenchResult } from './lib/benchResult.js';
import { runIfMain } from './lib/runIfMain.js';
import { wholeNumber } from './lib/wholeNumber.js';

const log = (line: string) => console.error(`[serials ${new Date().toISOString().slice(11, 19)}] ${line}`);
const latencyRow = (how: string, ms: number[]) =>
  `| event upload -> verifiable at 100 events/s, ${how} | p50 ${wholeNumber(percentile(ms, 50))} ms, p99 ${wholeNumber(percentile(ms, 99))} ms | p99 < 1000 ms |`;

/**
 * serialBackfill of `rows` synthetic serials (the production worker process and workflows: load
 * batches, key build, swap) against a raw binary COPY of the same rows into an unindexed table, measured
 * before and after it in the same run; the worker's RSS while it runs; then event upload ->
 * verifiable latency at 100 events/s through the real app and the serialUpdates workflow.
 * Own embedded PostgreSQL and Temporal dev server.
 */
export async function runSerialsBench(rows = setting('BENCH_SERIALS', 10_000_000, 200_000)): Promise<BenchResult> {
  installQuietRuntime();
  // Gigabytes of serials: buffers sized as on a production server (a quarter of a small one's
  // memory), not PostgreSQL's 128 MB default, which has every backend evicting dirty pages
  // itself. The baseline COPY runs on the same server.
  const database = await startBenchDatabase(20, { shared_buffers: '2GB', max_wal_size: '8GB' });
  const temporal = await startTemporalDevServer({ headless: true });
  const { db, url } = database;
  let worker: ChildServer | undefined;
  try {
    const masterKey = randomBytes(32).toString('base64');
    const config = loadConfig({ VRS_MASTER_KEY: masterKey, LOG_LEVEL: 'warn', BRUTE_FORCE_LIMIT: '1000000' });
    // The API's default unless BENCH_SERIAL_PARTITIONS says otherwise.
    const partitions = Number(process.env.BENCH_SERIAL_PARTITIONS ?? config.SERIAL_BACKFILL_PARTITIONS);
    // The worker's default unless the environment says otherwise, named in the result.
    const sortMemory = process.env.SERIAL_KEY_SORT_MEMORY ?? config.SERIAL_KEY_SORT_MEMORY;
    const installation = await ensureInstallation(db, { masterKey, vrsName: config.VRS_NAME });
    const producer = await insertSerialProducer(db);
    log(`generating ${wholeNumber(rows)} source events`);
    await generateSerialSource(db, producer.id, rows, log);

    // Each measured phase starts from a checkpoint: none pays for the dirty buffers and WAL the
    // previous one left (generating 10M events and copying them write gigabytes of both).
    const checkpoint = () => sql`checkpoint`.execute(db);
    await checkpoint();
    const first = await rawCopy(url, producer.id);
    const before = first.rowsPerSecond;
    log(`raw COPY baseline: ${wholeNumber(before)} rows/s`);
    worker = await startWorkerProcess(
      {
        DATABASE_URL: url,
        TEMPORAL_ADDRESS: temporal.address,
        VRS_MASTER_KEY: masterKey,
        DB_POOL_SIZE: '20',
        SERIAL_KEY_SORT_MEMORY: sortMemory,
      },
      ['sync'],
    );
    const client = new Client({ connection: await connectTemporal(temporal.address) });
    await checkpoint();
    const rss = sampleRss(worker.pid);
    const started = performance.now();
    const id = await launchSerialBackfill(
      { db, temporal: client, taskQueueOf: (q) => TASK_QUEUES[q] },
      { companyId: producer.id, partitions },
    );
    const result = (await client.workflow.getHandle(id).result()) as SerialBackfillResult;
    const backfill = rows / ((performance.now() - started) / 1000);
    const samples = rss.stop();
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from network_serials`.execute(db)).rows[0]!;
    if (result.done !== rows || n !== rows) throw new Error(`backfill copied ${result.done} (table ${n}) of ${rows}`);
    log(`serialBackfill: ${wholeNumber(backfill)} rows/s`);
    await checkpoint();
    // At 100M the source events and the read table leave too little disk for a second copy
    // (about 10 GB): the baseline is then the first copy alone, and the output says so.
    const free = await freeDiskBytes();
    const after = first.bytes * 1.2 < free ? (await rawCopy(url, producer.id)).rowsPerSecond : undefined;
    log(
      after === undefined
        ? `raw COPY baseline again skipped: ${wholeNumber(free / 1e9)} GB free, the copy takes ${wholeNumber(first.bytes / 1e9)} GB`
        : `raw COPY baseline again: ${wholeNumber(after)} rows/s`,
    );

    const app = createApp(buildApiDeps({ config, db, log: createLogger('silent'), installation, temporal: client }));
    const gtin = benchGtin(1);
    await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash) values (${gtin}, ${producer.id}, ${producer.gln}, '{}', 'bench')`.execute(
      db,
    );
    const { apiKey } = await issueApiKey(db, producer.id);
    const seconds = setting('BENCH_SECONDS', 10, 3);
    const latency = {
      request: (path: string, init: RequestInit) => app.request(path, init),
      db,
      token: apiKey,
      gtin,
      rate: 100,
      seconds,
    };
    await eventToVerifiableMs({ ...latency, perUpload: 1, seconds: 2, tag: 'WARM' });
    const single = await eventToVerifiableMs({ ...latency, perUpload: 1, tag: 'ONE' });
    const grouped = await eventToVerifiableMs({ ...latency, perUpload: 10, tag: 'TEN' });
    await client.connection.close();

    const baseline = after === undefined ? before : (before + after) / 2;
    const quartiles = [0.25, 0.5, 0.75, 1].map((q) =>
      wholeNumber(samples[Math.max(0, Math.ceil(q * samples.length) - 1)] ?? NaN),
    );
    const details = [
      '| measure | value | target |',
      '|---|---:|---|',
      after === undefined
        ? `| raw binary COPY of the same ${wholeNumber(rows)} rows into an unindexed table (before only: no disk for a second copy) | ${wholeNumber(baseline)} rows/s | baseline |`
        : `| raw binary COPY of the same ${wholeNumber(rows)} rows into an unindexed table (mean of before/after) | ${wholeNumber(baseline)} rows/s (${wholeNumber(before)} / ${wholeNumber(after)}) | baseline |`,
      `| serialBackfill (${partitions === 1 ? 'one stream' : `${partitions} GTIN-range children`}, \`SERIAL_KEY_SORT_MEMORY=${sortMemory}\`): load, key build, swap | ${wholeNumber(backfill)} rows/s | |`,
      `| ratio backfill / raw COPY | ${(backfill / baseline).toFixed(2)} | >= 0.8 |`,
      `| worker RSS peak (at 25/50/75/100% of the run) | ${wholeNumber(Math.max(...samples))} MB (${quartiles.join(' / ')}) | < 512 MB, flat |`,
      latencyRow(`one event per upload (100 uploads/s) for ${seconds} s`, single),
      latencyRow(`10 events per upload (10 uploads/s) for ${seconds} s`, grouped),
    ].join('\n');
    return {
      details,
      summary: [
        {
          measure: `serialBackfill of ${wholeNumber(rows)} serials vs raw COPY`,
          value: `${(backfill / baseline).toFixed(2)}x (${wholeNumber(backfill)} rows/s)`,
          target: '>= 0.8x',
        },
        {
          measure: 'worker RSS peak during the backfill',
          value: `${wholeNumber(Math.max(...samples))} MB`,
          target: '< 512 MB, flat',
        },
      ],
    };
  } finally {
    await worker?.stop();
    await temporal.stop();
    await database.stop();
  }
}

runIfMain(import.meta.url, async () => (await runSerialsBench()).details);
