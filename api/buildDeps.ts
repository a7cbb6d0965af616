import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Installation } from '../db/installation.js';
import { AnswerSources } from '../db/answerSources.js';
import { HistoryWriter, type HistorySink } from '../db/historyWriter.js';
import { poolOf } from '../db/pool.js';
import type { Database } from '../db/schema.js';
import { SerialUpdatesWaker } from '../launchers/serialUpdates.js';
import type { Logger } from '../logger.js';
import { PeerClient } from '../peers/peerClient.js';
import type { DispatcherOptions } from '../peers/partnerDispatchers.js';
import { TASK_QUEUES, type QueueName } from '../workflows/ids.js';
import { AtpWalletCache } from './atp/walletCache.js';
import { WalletClient } from './atp/walletClient.js';
import { CredentialCache } from './auth/credentialCache.js';
import { createWebSessions } from './auth/webSessions.js';
import type { ApiDeps } from './deps.js';
import { TemporalHealth } from './health/temporalHealth.js';
import { databaseFigures } from './metrics/databaseFigures.js';
import { ApiMetrics } from './metrics/apiMetrics.js';
import { PartnerCircuits } from './routing/partnerCircuits.js';
import { PartnerRouteCache } from './routing/partnerRouteCache.js';
import { BruteForceGuard } from './verification/bruteForceGuard.js';
import { NearMissRecorder } from './verification/nearMissRecorder.js';
import { ProductOwnerCache } from './verification/productOwnerCache.js';
import { ResponseRulesCache } from './verification/responseRulesCache.js';
import { BackgroundUploads } from './uploads/backgroundUploads.js';

/** The one place the API's collaborators are wired from configuration (server and tests alike). */
export function buildApiDeps(options: {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  log: Logger;
  installation: Installation;
  taskQueueOf?: (queue: QueueName) => string;
  clock?: () => Date;
  /** Outbound connection settings (tests resolve partner host names to loopback). */
  peers?: DispatcherOptions;
}): ApiDeps & { history: HistorySink } {
  const { config, db, log } = options;
  const writer = new HistoryWriter(db, log, {
    flushMs: config.HISTORY_FLUSH_MS,
    batchSize: config.HISTORY_BATCH_SIZE,
  });
  // Not-verified answers are searched for near misses before they reach the writer (never the
  // answer), on at most a quarter of the pool so verified answers keep the rest.
  const history = new NearMissRecorder(db, writer, log, Math.max(1, Math.floor(config.DB_POOL_SIZE / 4)));
  const taskQueueOf = options.taskQueueOf ?? ((queue: QueueName) => TASK_QUEUES[queue]);
  return {
    config,
    db,
    log,
    temporal: options.temporal,
    temporalHealth: new TemporalHealth(options.temporal),
    installation: options.installation,
    credentials: new CredentialCache(db, config.API_KEY_CACHE_MS),
    webSessions: createWebSessions(),
    taskQueueOf,
    serialUpdates: new SerialUpdatesWaker({ db, temporal: options.temporal, taskQueueOf }),
    history,
    responseRules: new ResponseRulesCache(db),
    productOwners: new ProductOwnerCache(db),
    answerSources: new AnswerSources(db),
    bruteForce: new BruteForceGuard({
      limit: config.BRUTE_FORCE_LIMIT,
      windowMs: config.BRUTE_FORCE_WINDOW_SEC * 1000,
      blockMs: config.BRUTE_FORCE_BLOCK_SEC * 1000,
    }),
    peers: new PeerClient(db, options.installation.master, options.peers),
    peerOptions: options.peers ?? {},
    partnerRoutes: new PartnerRouteCache(db),
    circuits: new PartnerCircuits({
      failureThreshold: config.PEER_CIRCUIT_FAILURES,
      coolDownMs: config.PEER_CIRCUIT_COOLDOWN_MS,
    }),
    atp: {
      wallets: new AtpWalletCache(db, options.installation.master),
      client: new WalletClient(config.PEER_TIMEOUT_MS),
      header: config.ATP_HEADER,
    },
    metrics: new ApiMetrics({
      pool: poolOf(db),
      poolMax: config.DB_POOL_SIZE,
      history,
      database: () => databaseFigures(db),
    }),
    uploads: new BackgroundUploads(),
    clock: options.clock ?? (() => new Date()),
  };
}
