import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Installation } from '../db/installation.js';
import type { AnswerSources } from '../db/answerSources.js';
import type { Database } from '../db/schema.js';
import type { HistoryRecorder } from '../domain/history/record.js';
import type { SerialUpdatesWaker } from '../launchers/serialUpdates.js';
import type { Logger } from '../logger.js';
import type { PeerClient } from '../peers/peerClient.js';
import type { DispatcherOptions } from '../peers/partnerDispatchers.js';
import type { QueueName } from '../workflows/ids.js';
import type { Atp } from './atp/atp.js';
import type { CredentialCache } from './auth/credentialCache.js';
import type { WebSessions } from './auth/webSessions.js';
import type { TemporalHealth } from './health/temporalHealth.js';
import type { BackgroundUploads } from './uploads/backgroundUploads.js';
import type { ApiMetrics } from './metrics/apiMetrics.js';
import type { PartnerCircuits } from './routing/partnerCircuits.js';
import type { PartnerRouteCache } from './routing/partnerRouteCache.js';
import type { BruteForceGuard } from './verification/bruteForceGuard.js';
import type { ProductOwnerCache } from './verification/productOwnerCache.js';
import type { ResponseRulesCache } from './verification/responseRulesCache.js';

/** Everything the HTTP layer needs, built once by the server (or a test) and passed in. */
export interface ApiDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  /** Temporal's last-known state, checked in the background (never awaited by a request). */
  temporalHealth: TemporalHealth;
  /** Master key and installation CA, for issuing and opening certificates. */
  installation: Installation;
  log: Logger;
  credentials: CredentialCache;
  /** Signed-in browsers (web UI): session id -> credential. */
  webSessions: WebSessions;
  taskQueueOf: (queue: QueueName) => string;
  /** Wakes a producer's serial drain after an upload (coalesced per producer). */
  serialUpdates: SerialUpdatesWaker;
  history: HistoryRecorder;
  responseRules: ResponseRulesCache;
  productOwners: ProductOwnerCache;
  /** What verify reads, with its GTIN -> producer cache. */
  answerSources: AnswerSources;
  bruteForce: BruteForceGuard;
  /** Outbound mTLS calls to partner VRS (routed verifications). */
  peers: PeerClient;
  /** The options `peers` was made with (the onboarding probe resolves partner hosts the same way). */
  peerOptions: DispatcherOptions;
  /** GTIN -> partner Lookup Directory record, for GTINs no local producer answers. */
  partnerRoutes: PartnerRouteCache;
  circuits: PartnerCircuits;
  /** ATP credentials: companies' wallets and the client that calls them. */
  atp: Atp;
  /** Prometheus metrics of this process (GET /metrics). */
  metrics: ApiMetrics;
  /** Uploads parsed after their 202 answer; a shutdown lets them finish. */
  uploads: BackgroundUploads;
  /** The instant a verification is judged at; tests pin it. */
  clock: () => Date;
}
