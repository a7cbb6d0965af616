import type { Kysely } from 'kysely';
import { putAtpWallet } from '../../../db/repositories/atpWallets.js';
import type { Database } from '../../../db/schema.js';
import type { AtpPolicy } from '../../../domain/atp/policy.js';
import { DEFAULT_GENERATE_PATH, DEFAULT_VERIFY_PATH } from '../../../domain/atp/policy.js';
import { encryptAtRest, type MasterKey } from '../../../domain/certificates/index.js';
import { startTestWallet } from './testWallet.js';

/** BENCH_ATP=1 runs the routed benchmark with ATP credentials both ways. */
export const benchAtpEnabled = (env: NodeJS.ProcessEnv = process.env) => env.BENCH_ATP === '1';

export interface BenchSide {
  db: Kysely<Database>;
  master: MasterKey;
  companyId: string;
}

const CONSUMER_DID = 'did:web:consumer.bench.vrs.example';
const PRODUCER_DID = 'did:web:producer.bench.vrs.example';

/**
 * Starts the test wallet in the calling process and gives the consumer on A (OAuth client
 * credentials, outgoing `require`) and the producer on B (API key, incoming `producerIncoming`)
 * wallets there: a routed verification then adds A's generate and verify calls and B's verify
 * and generate (in parallel). Call before the servers start; they read the wallets from the database.
 */
export async function startBenchAtp(
  a: BenchSide,
  b: BenchSide,
  producerIncoming: AtpPolicy = 'require',
): Promise<{ close(): Promise<void> }> {
  const wallet = await startTestWallet({
    holders: [
      { did: CONSUMER_DID, legalName: 'Bench Distributor', organizationType: 'Wholesaler' },
      { did: PRODUCER_DID, legalName: 'Bench Pharma', organizationType: 'Manufacturer' },
    ],
    clients: [{ clientId: 'bench-a', clientSecret: 'bench-a-secret' }],
    apiKeys: ['bench-b-key'],
  });
  const common = {
    baseUrl: wallet.url,
    generatePath: DEFAULT_GENERATE_PATH,
    verifyPath: DEFAULT_VERIFY_PATH,
    holderDidField: 'holderDID',
  };
  await putAtpWallet(a.db, {
    ...common,
    companyId: a.companyId,
    authKind: 'oauth2-client-credentials',
    tokenUrl: wallet.tokenUrl,
    clientId: 'bench-a',
    apiKeyHeader: null,
    sealedSecret: await encryptAtRest(a.master, 'bench-a-secret'),
    did: CONSUMER_DID,
    outgoing: 'require',
    incoming: 'off',
  });
  await putAtpWallet(b.db, {
    ...common,
    companyId: b.companyId,
    authKind: 'api-key',
    tokenUrl: null,
    clientId: null,
    apiKeyHeader: 'X-API-Key',
    sealedSecret: await encryptAtRest(b.master, 'bench-b-key'),
    did: PRODUCER_DID,
    outgoing: 'off',
    incoming: producerIncoming,
  });
  return wallet;
}
