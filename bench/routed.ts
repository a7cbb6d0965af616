import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import { buildApiDeps } from '../api/buildDeps.js';
import { issueApiKey } from '../api/companies/companies.js';
import { issueForPartner } from '../api/partners/partnerCertificates.js';
import { registerPeerCertificate } from '../api/partners/peerCertificates.js';
import { loadConfig } from '../config.js';
import { ensureInstallation } from '../db/installation.js';
import { migrateToLatest } from '../db/migrate.js';
import { createDb, poolOf } from '../db/pool.js';
import { findActiveCertificate } from '../db/repositories/certificates.js';
import { insertCompany } from '../db/repositories/companies.js';
import { insertPartner } from '../db/repositories/partners.js';
import type { Database } from '../db/schema.js';
import { withClient } from '../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../db/serialSync/serialTables.js';
import { decryptAtRestText } from '../domain/certificates/index.js';
import { createLogger } from '../logger.js';
import { API_HEAP_FLAGS } from './lib/apiNodeFlags.js';
import { startBenchDatabase } from './lib/benchDatabase.js';
import { setting, type BenchResult, type SummaryRow } from './lib/benchResult.js';
import { freePort, startChild, type ChildServer } from './lib/childServer.js';
import { place, placementsOf, type Placement } from './lib/corePlacement.js';
import { topSelfTime } from './lib/cpuProfile.js';
import { atpRow, atpSection, credentialedConsumer } from './lib/routedAtp.js';
import { errorsOf, interleaved, measure, spread, type LoadOptions, type Measured } from './lib/rounds.js';

const POOL = 10;
const PRODUCTS = 20;
const SERIALS_PER_PRODUCT = 1_000;
const ROUNDS = setting('BENCH_ROUNDS', 5, 2);
// Each load process opens its connections (50 mutual-TLS handshakes for direct) in its first
// second or two; a consumer's client has them open already, so they are left out of the figures.
const WARMUP_SECONDS = 2;
// One connection shows the added latency alone; fifty, the cost under load.
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,50').split(',').map(Number);
const GLN_A = '0860000000017';
const GLN_B = '0870000000016';
const CONSUMER_GLN = '0321012345676';
const server = fileURLToPath(new URL('./lib/vrsServer.ts', import.meta.url));

function gtin(i: number): string {
  const body = `0036141${String(20000 + i).padStart(6, '0')}`;
  let sum = 0;
  for (let k = 0; k < 13; k++) sum += Number(body[12 - k]) * (k % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

/**
 * A vrs API + peer listener (bench/lib/vrsServer.ts) in its own process, once both listen.
 * `profile`: with `--cpu-prof` into a fresh directory, written when it stops (`profileDir`).
 */
async function startServer(
  env: Record<string, string>,
  profile = false,
): Promise<ChildServer & { peerUrl: string; profileDir?: string }> {
  const [port, peerPort] = [await freePort(), await freePort()];
  const profileDir = profile ? mkdtempSync(path.join(os.tmpdir(), 'vrs-prof-')) : undefined;
  const child = await startChild({
    name: `vrs ${env.VRS_NAME}`,
    args: [
      ...API_HEAP_FLAGS,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
      server,
    ],
    env: {
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      PEER_PORT: String(peerPort),
      DB_POOL_SIZE: String(POOL),
      BRUTE_FORCE_LIMIT: '100000000',
      RUN_MIGRATIONS: 'false',
      ...env,
    },
    // The peer listener starts last.
    ready: { port: peerPort },
  });
  return { ...child, url: `http://127.0.0.1:${port}`, peerUrl: `https://127.0.0.1:${peerPort}`, profileDir };
}

const lazyTemporal = () => new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

/**
 * Routed verification: a consumer on installation A verifies packs of a producer on installation
 * B (A forwards each request to B's peer listener over mTLS), against the same requests sent
 * straight to B's peer listener with A's client certificate. A and B are separate processes over
 * two databases of one PostgreSQL; autocannon runs in a third. Rounds alternate direct and routed;
 * overhead and ratio are taken within a round, then the median over rounds is reported.
 * BENCH_PROFILE=1 runs A with --cpu-prof and adds its top self-time frames.
 */
export async function runRoutedBench(seconds = setting('BENCH_SECONDS', 10, 3)): Promise<BenchResult> {
  const database = await startBenchDatabase(4);
  await sql`create database vrs_bench_b`.execute(database.db);
  const urlA = database.url;
  const urlB = Object.assign(new URL(database.url), { pathname: '/vrs_bench_b' }).toString();
  const dbA = database.db;
  const dbB: Kysely<Database> = createDb({ connectionString: urlB, max: 4 });
  await migrateToLatest(dbB);

  const envOf = (url: string, name: string, gln: string) => ({
    DATABASE_URL: url,
    VRS_MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: `https://${name}.bench`,
    VRS_GLN: gln,
    VRS_NAME: name,
  });
  const envA = envOf(urlA, 'vrs-a', GLN_A);
  const envB = envOf(urlB, 'vrs-b', GLN_B);
  const setup = async (db: Kysely<Database>, env: Record<string, string>) => {
    const config = loadConfig(env);
    const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });
    return {
      deps: buildApiDeps({ config, db, log: createLogger('silent'), installation, temporal: lazyTemporal() }),
      caPem: (await findActiveCertificate(db, 'ca'))!.certificatePem!,
    };
  };
  const [a, b] = [await setup(dbA, envA), await setup(dbB, envB)];

  // B: the producer's products and serials.
  const producer = await insertCompany(dbB, { name: 'Bench Pharma', gln: '0312345000011', roles: ['producer'] });
  const gtins = Array.from({ length: PRODUCTS }, (_, i) => gtin(i));
  await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash)
    select g, ${producer.id}::uuid, ${producer.gln}, '{}'::jsonb, 'bench' from unnest(${gtins}::text[]) as g`.execute(
    dbB,
  );
  const serials = await withClient(poolOf(dbB), (client) => ensureSerialTable(client, producer.id));
  await sql`insert into ${sql.table(serials)} (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
    select g, 'S' || s, ${producer.id}::uuid, 'LOT1', '281231', '2028-12-31', 'commissioned', now(), 'e' || s
    from unnest(${gtins}::text[]) as g, generate_series(1, ${SERIALS_PER_PRODUCT}) as s`.execute(dbB);
  await sql`analyze`.execute(dbB);

  // Each registers the other as a partner; A's client certificate for B is registered on B.
  const partnerBOnA = await insertPartner(dbA, {
    name: 'VRS B',
    gln: GLN_B,
    baseUrl: 'https://vrs-b.bench',
    directoryUrl: null,
    caPem: b.caPem,
  });
  const partnerAOnB = await insertPartner(dbB, {
    name: 'VRS A',
    gln: GLN_A,
    baseUrl: 'https://vrs-a.bench',
    directoryUrl: null,
    caPem: a.caPem,
  });
  const client = await issueForPartner(a.deps, partnerBOnA);
  await registerPeerCertificate(b.deps, partnerAOnB, client.certificatePem!);
  const key = await decryptAtRestText(a.deps.installation.master, client.encryptedKey!);
  if (!key.ok) throw new Error(key.error.message);
  const consumer = await insertCompany(dbA, { name: 'Bench Distributor', gln: CONSUMER_GLN, roles: ['consumer'] });
  const { apiKey } = await issueApiKey(dbA, consumer.id);
  const atp = await credentialedConsumer(
    { db: dbA, master: a.deps.installation.master },
    { db: dbB, master: b.deps.installation.master, producerId: producer.id },
  );

  const serverB = await startServer(envB);
  // B's server certificate names its host; A reaches B's listener by that name.
  const peerUrlB = serverB.peerUrl.replace('127.0.0.1', 'vrs-b.bench');
  await sql`insert into directory_entries (gtin, responder_gln, source, partner_id, vrs_name, verification_url, connectivity_url, valid_from)
    select g, ${producer.gln}, ${partnerBOnA.id}, ${partnerBOnA.id}::uuid, 'vrs-b', ${peerUrlB}, ${`${peerUrlB}/checkConnectivity`}, now() - interval '1 hour'
    from unnest(${gtins}::text[]) as g`.execute(dbA);
  const profile = process.env.BENCH_PROFILE === '1';
  const serverA = await startServer(envA, profile);

  const pathsOf = (reqGln: string) =>
    Array.from(
      { length: 2_000 },
      (_, i) =>
        `/verify/gtin/${gtins[i % PRODUCTS]}/lot/LOT1/ser/S${((i * 7919) % SERIALS_PER_PRODUCT) + 1}?exp=281231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=${reqGln}&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D`,
    );
  const paths = pathsOf(CONSUMER_GLN);
  const targets: [ChildServer, Partial<LoadOptions> & Pick<LoadOptions, 'paths'>][] = [
    [
      { ...serverB, url: serverB.peerUrl },
      { paths, tlsOptions: { cert: client.certificatePem!, key: key.value } },
    ],
    [serverA, { paths, headers: { authorization: `Bearer ${apiKey}` } }],
  ];
  // BENCH_ATP=1: the same routed requests from the consumer whose wallet presents for it.
  if (atp) targets.push([serverA, { paths: pathsOf(atp.gln), headers: { authorization: `Bearer ${atp.apiKey}` } }]);

  const placements = placementsOf(
    (process.env.BENCH_PLACEMENTS ?? 'shared,split').split(',').map((p) => p.trim() as Placement),
  );
  const placeFor = (placement: Placement) => place(placement, { router: serverA.pid, peer: serverB.pid }, dbA);
  const lines = [
    `| A runs on | connections | B direct req/s | routed req/s | throughput ratio | B direct p50 / p99 ms | routed p50 / p99 ms | overhead p50 / p99 ms | CPU µs/request: B direct, A routed | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const atpLines: string[] = [];
  const summary: SummaryRow[] = [];
  let routedRequests = 0;
  try {
    for (const connections of CONNECTIONS) {
      // Every placement's direct and routed runs in each round, so drift between rounds cancels in both.
      const runs = placements.flatMap((placement) => targets.map((target) => [placement, ...target] as const));
      const results = await interleaved(runs, ROUNDS, async ([placement, server, load], round) => {
        await placeFor(placement);
        // Warm-up (round -1): JIT, pools, TLS sessions.
        const result = await measure(server, {
          ...load,
          connections,
          seconds: round < 0 ? Math.min(seconds, 3) : seconds,
          warmupSeconds: round < 0 ? 0 : WARMUP_SECONDS,
        });
        // The profile covers every request A answered, warm-up included.
        if (server === serverA) routedRequests += result.total;
        return result;
      });
      for (const [p, placement] of placements.entries()) {
        const [direct, routed, credentialed] = results.slice(p * targets.length, (p + 1) * targets.length) as [
          Measured[],
          Measured[],
          Measured[] | undefined,
        ];
        const where = placement === 'split' ? ', A and B on separate cores' : '';
        const of = (r: Measured[], pick: (m: Measured) => number, digits = 0) => spread(r.map(pick), digits);
        const within = (f: (d: Measured, r: Measured) => number, unit = '') =>
          spread(
            direct.map((d, i) => f(d, routed[i]!)),
            2,
            unit,
          );
        const throughput = within((d, r) => r.rps / d.rps, 'x');
        const overhead = `${within((d, r) => r.p50 - d.p50)} / ${within((d, r) => r.p99 - d.p99)}`;
        summary.push(
          {
            measure: `routed throughput vs direct${where}, ${connections} connections`,
            value: throughput,
            target: '>= 0.8x',
          },
          {
            measure: `routed overhead p50 / p99 ms${where}, ${connections} connections`,
            value: overhead,
            target: '< 2 / < 5',
          },
        );
        lines.push(
          `| ${placement === 'split' ? 'separate cores' : 'shared cores'} | ${connections} | ${of(direct, (m) => m.rps)} | ${of(routed, (m) => m.rps)} | ${throughput} | ${of(direct, (m) => m.p50, 2)} / ${of(direct, (m) => m.p99, 2)} | ${of(routed, (m) => m.p50, 2)} / ${of(routed, (m) => m.p99, 2)} | ${overhead} | ${of(direct, (m) => m.cpuUsPerRequest)}, ${of(routed, (m) => m.cpuUsPerRequest)} | ${errorsOf(direct) + errorsOf(routed)} |`,
        );
        if (credentialed && placement === 'shared') {
          const row = atpRow(connections, routed, credentialed);
          atpLines.push(row.line);
          summary.push(row.summary);
        }
      }
    }
  } finally {
    // This process runs the other benchmarks next: on every core again.
    await placeFor('shared');
  }
  await serverA.stop();
  await serverB.stop();
  await atp?.close();
  const routedRows = (
    await dbA
      .selectFrom('verification_history')
      .select(dbA.fn.countAll().as('n'))
      .where('in_network', '=', false)
      .executeTakeFirstOrThrow()
  ).n;
  await Promise.all([a.deps.history.close(), b.deps.history.close()]);
  await dbB.destroy();
  await database.stop();
  lines.push(
    '',
    `${seconds} s per measurement after ${WARMUP_SECONDS} s of warm-up on the same connections, median (min-max) of ${ROUNDS} interleaved rounds; A, B and the load generator are separate processes on this machine. On shared cores all of them and PostgreSQL share every core; on separate cores A, its database's backends and the load generator have the first core, B and the rest of PostgreSQL the others, as if B were a machine of its own. Routed history rows on A: ${routedRows}.${profile ? ' A profiled (--cpu-prof): its figures include the profiler.' : ''}`,
  );
  if (serverA.profileDir)
    lines.push('', 'A, top self-time frames:', '', topSelfTime(serverA.profileDir, routedRequests));
  if (atp) lines.push(...atpSection(atpLines));
  return { details: lines.join('\n'), summary };
}
