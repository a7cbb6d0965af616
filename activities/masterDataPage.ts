import type { Kysely } from 'kysely';
import { endLocalEntries, publishLocalEntries, type OurVrs } from '../db/repositories/localDirectory.js';
import { publishFromSource, withdrawNetworkProducts } from '../db/repositories/networkProducts.js';
import {
  clearSyncStates,
  setSyncStates,
  sourcePage,
  type GtinRange,
  type SourceRecord,
  type SyncStateUpdate,
} from '../db/repositories/sourceProductPages.js';
import type { StoredSyncState } from '../db/tables/sourceStores.js';
import type { Database } from '../db/schema.js';
import type { MasterDataRules } from '../domain/masterData/rules.js';
import { decideSync } from '../domain/masterData/syncDecision.js';
import type { SyncError } from '../domain/syncs/syncError.js';

/** What a sync holds fixed from its start, so every page is judged by the same rules. */
export interface MasterDataSnapshot {
  companyId: string;
  producerGln: string;
  companyPrefixes: string[];
  rules: MasterDataRules;
}

/** Per-page tallies; the workflow adds them up. */
export type MasterDataCounts = {
  /** Published or changed in the network. */
  synced: number;
  /** Selected and already in the network as they are. */
  unchanged: number;
  /** Not synced: no US target market or not selected by the rules (the reason is on the product). */
  skipped: number;
  /** Were in the network, no longer selected: withdrawn, directory record ended. */
  withdrawn: number;
  /** Failed validation (e.g. a GTIN outside the company prefixes). */
  invalid: number;
  /** The GTIN is published by another producer. */
  conflict: number;
};

export const emptyCounts = (): MasterDataCounts => ({
  synced: 0,
  unchanged: 0,
  skipped: 0,
  withdrawn: 0,
  invalid: 0,
  conflict: 0,
});

export interface PageResult {
  read: number;
  done: number;
  failed: number;
  counts: MasterDataCounts;
  errors: SyncError[];
}

/**
 * Syncs one GTIN range of a producer's source store in one transaction, so a retry after a
 * dropped connection starts from the same state and a cancelled sync never leaves half a page.
 * One read joins each source product with its network row and directory record; only what
 * changed is written, so a second run writes nothing.
 */
export async function syncPage(
  db: Kysely<Database>,
  snapshot: MasterDataSnapshot,
  range: GtinRange,
  vrs: OurVrs,
): Promise<PageResult> {
  return db.transaction().execute(async (trx) => {
    const records = await sourcePage(trx, snapshot.companyId, range, { responderGln: snapshot.producerGln, ...vrs });
    const counts = emptyCounts();
    const errors: SyncError[] = [];
    const publish: string[] = [];
    const directory: string[] = [];
    const withdraw: string[] = [];
    const endDirectory: string[] = [];
    const states: SyncStateUpdate[] = [];
    const cleared: string[] = [];
    const setState = (record: SourceRecord, state: StoredSyncState, reason: string | null) => {
      if (record.syncState !== state || record.syncReason !== reason) states.push({ gtin: record.gtin, state, reason });
    };

    for (const record of records) {
      const decision = decideSync(record.data, snapshot.rules, { companyPrefixes: snapshot.companyPrefixes });
      const { owner } = record;
      const ours = owner !== null && owner.companyId === snapshot.companyId;
      if (decision.state === 'synced' && owner !== null && !ours) {
        const reason = 'the GTIN is published in the network by another producer';
        counts.conflict++;
        errors.push({ gtin: record.gtin, reason });
        setState(record, 'skipped', reason);
      } else if (decision.state === 'synced') {
        const current =
          owner !== null &&
          !owner.withdrawn &&
          owner.sourceHash === record.contentHash &&
          owner.producerGln === snapshot.producerGln;
        if (current) counts.unchanged++;
        else publish.push(record.gtin);
        if (!record.directoryCurrent) directory.push(record.gtin);
        if (record.stateStored) cleared.push(record.gtin); // synced is read off the network row
      } else {
        if (decision.code === 'invalid') {
          counts.invalid++;
          errors.push({ gtin: record.gtin, reason: decision.reason });
        } else if (!ours || owner.withdrawn) counts.skipped++;
        if (ours && !owner.withdrawn) withdraw.push(record.gtin);
        if (ours && record.directoryOpen) endDirectory.push(record.gtin);
        // A product that was ever published stays 'withdrawn', so a re-run reports the same states.
        setState(record, ours ? 'withdrawn' : 'skipped', decision.reason);
      }
    }

    const written = await publishFromSource(trx, { companyId: snapshot.companyId, gln: snapshot.producerGln }, publish);
    counts.synced = written.length;
    counts.unchanged += publish.length - written.length;
    await publishLocalEntries(trx, directory, snapshot.producerGln, vrs);
    counts.withdrawn = (await withdrawNetworkProducts(trx, snapshot.companyId, withdraw)).length;
    await endLocalEntries(trx, endDirectory);
    await setSyncStates(trx, snapshot.companyId, states);
    await clearSyncStates(trx, snapshot.companyId, cleared);

    const failed = counts.invalid + counts.conflict;
    return { read: records.length, done: records.length - failed, failed, counts, errors };
  });
}
