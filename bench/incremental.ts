import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { Agent } from 'undici';
import { issueApiKey } from '../api/companies/companies.js';
import { setting, type BenchResult } from './lib/benchResult.js';
import { startLiveSystem } from './lib/liveSystem.js';
import { postgresCpuUs } from './lib/procStat.js';
import { measure } from './lib/rounds.js';
import { runIfMain } from './lib/runIfMain.js';
import { percentile } from './lib/percentile.js';
import { eventToVerifiableMs } from './lib/serialLatency.js';
import { benchGtin, insertSerialProducer } from './lib/serialSource.js';
import { wholeNumber } from './lib/wholeNumber.js';

const UPLOAD_CONNECTIONS = 16;
// Time the verify load process takes to start up and build its requests, with some to spare.
const LOAD_START_SECONDS = 8;
const WARM_SECONDS = 3;

/**
 * Incremental sync as a producer sees it: serial events uploaded to the production API process
 * at BENCH_EVENTS_PER_S (BENCH_EVENTS_PER_UPLOAD to an upload) for BENCH_SECONDS, drained into
 * the read table by the production sync worker, each timed from its upload's start until verify's
 * table holds it, while verify load (BENCH_VERIFY_CONNECTIONS) runs from another process.
 */
export async function runIncrementalBench(): Promise<BenchResult> {
  const seconds = setting('BENCH_SECONDS', 60, 10);
  const rate = setting('BENCH_EVENTS_PER_S', 1_000, 1_000);
  const perUpload = setting('BENCH_EVENTS_PER_UPLOAD', 10, 10);
  const connections = setting('BENCH_VERIFY_CONNECTIONS', 10, 10);
  // Verify requests per second meanwhile (0: as fast as the API answers). A load that takes every
  // free cycle measures how two cores are shared out, not the sync; this one is several times the
  // busiest hour a VRS sees (see Scaling out in the README).
  const verifyRate = setting('BENCH_VERIFY_RATE', 1_000, 1_000);
  let token = '';
  const gtin = benchGtin(1);
  const system = await startLiveSystem({
    verifySerials: 100_000,
    async prepare(db) {
      const producer = await insertSerialProducer(db);
      await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash) values (${gtin}, ${producer.id}, ${producer.gln}, '{}', 'bench')`.execute(
        db,
      );
      token = (await issueApiKey(db, producer.id)).apiKey;
    },
  });
  const uploads = new Agent({ connections: UPLOAD_CONNECTIONS });
  try {
    const latency = {
      // A producer's integration keeps a few connections open, not one per upload in flight.
      request: async (path: string, init: RequestInit) => {
        const res = await uploads.request({
          origin: system.api.url,
          path,
          method: 'POST',
          headers: init.headers as Record<string, string>,
          body: init.body as string,
        });
        await res.body.dump();
        return new Response(null, { status: res.statusCode });
      },
      db: system.db,
      token,
      gtin,
      rate,
      perUpload,
    };
    // The verify load starts first and ends a little after the events, so it covers all of them.
    // Its process starts up and builds its requests (seconds of CPU on one core) before its clock
    // runs: that happens beside the warm-up events, not the measured ones.
    const verify = measure(system.api, {
      ...system.fixture.load(seconds + LOAD_START_SECONDS + 5, connections),
      ...(verifyRate > 0 && { rate: verifyRate }),
    });
    await sleep((LOAD_START_SECONDS - WARM_SECONDS) * 1000);
    await eventToVerifiableMs({ ...latency, seconds: WARM_SECONDS, tag: 'WARM' });
    const cpu = () => ({
      api: system.api.cpuUs(),
      worker: system.worker.cpuUs(),
      postgres: postgresCpuUs(),
      at: performance.now(),
    });
    const before = cpu();
    const uploadTimes: { at: number; ms: number }[] = [];
    const queuedEvents: number[] = [];
    const ms = await eventToVerifiableMs({ ...latency, seconds, tag: 'RUN', uploadTimes, queuedEvents });
    const uploadMs = uploadTimes.map((u) => u.ms);
    const slow = uploadTimes.filter((u) => u.ms > 500).map((u) => u.at / 1000);
    const load = await verify;
    const after = cpu();
    // CPU used per wall second, in %, of a core (200% is both of a 2-core machine).
    const busy = (k: 'api' | 'worker' | 'postgres') =>
      wholeNumber(((after[k] - before[k]) / 1_000 / (after.at - before.at)) * 100);
    const events = `${wholeNumber(rate)} events/s (${perUpload} per upload, ${UPLOAD_CONNECTIONS} connections) for ${seconds} s`;
    const verifying = `verify load: ${connections} connections${verifyRate > 0 ? ` at ${wholeNumber(verifyRate)} req/s` : ', as fast as answered'}, ${wholeNumber(load.total)} answered, ${wholeNumber(load.rps)} req/s, p99 ${load.p99} ms, ${load.errors + load.non2xx} errors`;
    return {
      details: [
        '| measure | value | target |',
        '|---|---:|---|',
        `| event upload -> verifiable, ${events}, ${wholeNumber(ms.length)} events | p50 ${wholeNumber(percentile(ms, 50))} ms, p99 ${wholeNumber(percentile(ms, 99))} ms, max ${wholeNumber(Math.max(...ms))} ms | p99 < 500 ms |`,
        `| upload round trip (queued for a connection -> 200 answered), ${wholeNumber(uploadMs.length)} uploads | p50 ${wholeNumber(percentile(uploadMs, 50))} ms, p99 ${wholeNumber(percentile(uploadMs, 99))} ms, max ${wholeNumber(Math.max(...uploadMs))} ms | |`,
        `| uploads answered after more than 500 ms | ${slow.length === 0 ? 'none' : `${wholeNumber(slow.length)}, started ${Math.min(...slow).toFixed(1)}-${Math.max(...slow).toFixed(1)} s into the run`} | |`,
        `| events queued, not yet drained (sampled every 100 ms) | p50 ${wholeNumber(percentile(queuedEvents, 50))}, max ${wholeNumber(Math.max(...queuedEvents))} | |`,
        `| at the same time, ${verifying} | | |`,
        `| CPU meanwhile (% of a core): API ${busy('api')}, sync worker ${busy('worker')}, PostgreSQL ${busy('postgres')} | | |`,
      ].join('\n'),
      summary: [
        {
          measure: `event -> verifiable p99 at ${events}, with verify load${verifyRate > 0 ? ` at ${wholeNumber(verifyRate)} req/s` : ''}`,
          value: `${wholeNumber(percentile(ms, 99))} ms`,
          target: '< 500 ms',
        },
      ],
    };
  } finally {
    await uploads.close();
    await system.stop();
  }
}

runIfMain(import.meta.url, async () => (await runIncrementalBench()).details);
