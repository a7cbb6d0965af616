import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { loadInstallationCa, type Installation } from '../db/installation.js';
import type { Database } from '../db/schema.js';
import { committedTransactions } from '../db/repositories/databaseTraffic.js';
import type { Logger } from '../logger.js';
import { ourIdentity } from '../ourIdentity.js';
import { createCertificateActivities, pgCertificateStore } from './certificates.js';
import { PeerClient } from '../peers/peerClient.js';
import type { DispatcherOptions } from '../peers/partnerDispatchers.js';
import { createDirectoryPullActivities, MAX_DIRECTORY_PAGE_BYTES } from './directoryPull.js';
import { createHistoryExportActivities } from './historyExport.js';
import { createMasterDataSyncActivities } from './masterDataSync.js';
import { createPacer } from './pacer.js';
import { createPingActivities } from './ping.js';
import { createSerialBackfillActivities } from './serialBackfill.js';
import { createSerialUpdatesActivities } from './serialUpdates.js';
import { createSyncRunActivities } from './syncRuns.js';

export interface ActivityDeps {
  db: Kysely<Database>;
  log: Logger;
  config: Config;
  installation: Installation;
  /** Outbound calls to partners (directory pulls); made here when not given. */
  peers?: PeerClient;
  /** For the PeerClient made here (tests send partner host names to loopback). */
  peerOptions?: DispatcherOptions;
}

const DAY_MS = 86_400_000;

/** All activity families; every worker registers them all, queues only separate the load. */
export const createActivities = (deps: ActivityDeps) => {
  // Backfills and syncs yield to verify: one reading of the database's traffic for all of them.
  const pacer = createPacer({
    committed: () => committedTransactions(deps.db),
    ratio: deps.config.SYNC_YIELD_RATIO,
    busyAboveTps: deps.config.SYNC_YIELD_ABOVE_TPS,
  });
  return {
    ...createDirectoryPullActivities({
      ...deps,
      peers:
        deps.peers ??
        new PeerClient(deps.db, deps.installation.master, {
          ...deps.peerOptions,
          maxResponseBytes: MAX_DIRECTORY_PAGE_BYTES,
        }),
    }),
    ...createPingActivities(deps),
    ...createSyncRunActivities(deps),
    ...createMasterDataSyncActivities({ ...deps, pacer }),
    ...createSerialBackfillActivities({ ...deps, pacer }),
    ...createSerialUpdatesActivities(deps),
    ...createHistoryExportActivities(deps),
    ...createCertificateActivities({
      store: pgCertificateStore(deps.db),
      masterKey: deps.installation.master,
      loadCa: () => loadInstallationCa(deps.db, deps.installation),
      identity: ourIdentity(deps.config),
      validityMs: deps.config.CERT_VALIDITY_DAYS * DAY_MS,
    }),
  };
};
