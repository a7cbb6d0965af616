import type { Kysely } from 'kysely';
import { issueApiKey } from '../../api/companies/companies.js';
import { insertCompany } from '../../db/repositories/companies.js';
import type { Database } from '../../db/schema.js';
import type { MasterKey } from '../../domain/certificates/index.js';
import { benchAtpEnabled, startBenchAtp } from '../../scripts/lib/testWallet/benchAtp.js';
import type { SummaryRow } from './benchResult.js';
import { errorsOf, spread, type Measured } from './rounds.js';

const ATP_CONSUMER_GLN = '0321012345690';

interface Installation {
  db: Kysely<Database>;
  master: MasterKey;
}

export interface CredentialedConsumer {
  gln: string;
  apiKey: string;
  close(): Promise<void>;
}

/**
 * BENCH_ATP=1: a second consumer on A whose routed requests carry ATP credentials both ways
 * (scripts/lib/testWallet/benchAtp.ts, the test wallet in this process). The producer on B is under
 * `warn`, so the plain consumer's requests and B-direct ones, which carry no presentation, are
 * still answered. Call before the servers start.
 */
export async function credentialedConsumer(
  a: Installation,
  b: Installation & { producerId: string },
): Promise<CredentialedConsumer | undefined> {
  if (!benchAtpEnabled()) return undefined;
  const consumer = await insertCompany(a.db, {
    name: 'Bench Distributor ATP',
    gln: ATP_CONSUMER_GLN,
    roles: ['consumer'],
  });
  const { apiKey } = await issueApiKey(a.db, consumer.id);
  const wallet = await startBenchAtp(
    { ...a, companyId: consumer.id },
    { db: b.db, master: b.master, companyId: b.producerId },
    'warn',
  );
  return { gln: ATP_CONSUMER_GLN, apiKey, close: () => wallet.close() };
}

/** The credentialed table under the plain one, its rows from atpRow. */
export const atpSection = (rows: readonly string[]): string[] => [
  '',
  "With ATP credentials (BENCH_ATP=1): the consumer on A presents through its wallet and verifies B's answer (outgoing `require`); the producer on B verifies and generates (incoming `warn`, so B also makes its presentation for the plain rows above). The test wallet runs in the benchmark process, its signing on the same cores.",
  '',
  '| connections | routed + ATP req/s | routed + ATP p50 / p99 ms | ATP cost vs routed p50 / p99 ms | CPU µs/request, A routed + ATP | errors |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows,
];

/** One row of the credentialed table: per-round differences against the plain routed requests. */
export function atpRow(
  connections: number,
  routed: Measured[],
  credentialed: Measured[],
): { line: string; summary: SummaryRow } {
  const of = (pick: (m: Measured) => number, digits = 0) => spread(credentialed.map(pick), digits);
  const added = (pick: (m: Measured) => number) =>
    spread(
      credentialed.map((c, i) => pick(c) - pick(routed[i]!)),
      2,
    );
  const cost = `${added((m) => m.p50)} / ${added((m) => m.p99)}`;
  return {
    line: `| ${connections} | ${of((m) => m.rps)} | ${of((m) => m.p50, 2)} / ${of((m) => m.p99, 2)} | ${cost} | ${of((m) => m.cpuUsPerRequest)} | ${errorsOf(credentialed)} |`,
    summary: {
      measure: `ATP credentials' added latency p50 / p99 ms, routed, ${connections} connections`,
      value: cost,
      target: 'two wallet round trips on A, one on B',
    },
  };
}
