import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { endLocalEntries, publishLocalEntries, type OurVrs } from '../db/repositories/localDirectory.js';
import { networkOwners, upsertNetworkProducts, withdrawNetworkProducts, type NetworkProductInput } from '../db/repositories/networkProducts.js';
import { setSyncStates, sourceProductsInRange, type GtinRange, type SyncStateUpdate } from '../db/repositories/sourceProductPages.js';
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

export const emptyCounts = (): MasterDataCounts => ({ synced: 0, unchanged: 0, skipped: 0, withdrawn: 0, invalid: 0, conflict: 0 });

export interface PageResult {
  read: number;
  done: number;
  failed: number;
  counts: MasterDataCounts;
  errors: SyncError[];
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Syncs one GTIN range of a producer's source store in one transaction, so a retry after a
 * dropped connection starts from the same state and a cancelled sync never leaves half a page.
 * Every write is conditional (only when something changed), so a second run changes nothing.
 */
export async function syncPage(db: Kysely<Database>, snapshot: MasterDataSnapshot, range: GtinRange, vrs: OurVrs): Promise<PageResult> {
  return db.transaction().execute(async (trx) => {
    const records = await sourceProductsInRange(trx, snapshot.companyId, range);
    const owners = await networkOwners(trx, records.map((r) => r.gtin));
    const counts = emptyCounts();
    const errors: SyncError[] = [];
    const publish: NetworkProductInput[] = [];
    const withdraw: string[] = [];
    const states: SyncStateUpdate[] = [];

    for (const record of records) {
      const decision = decideSync(record.data, snapshot.rules, { companyPrefixes: snapshot.companyPrefixes });
      const owner = owners.get(record.gtin);
      const ours = owner?.companyId === snapshot.companyId;
      if (decision.state === 'synced' && owner !== undefined && !ours) {
        const reason = 'the GTIN is published in the network by another producer';
        counts.conflict++;
        errors.push({ gtin: record.gtin, reason });
        states.push({ gtin: record.gtin, state: 'skipped', reason });
      } else if (decision.state === 'synced') {
        publish.push({ product: decision.product, producerCompanyId: snapshot.companyId, producerGln: snapshot.producerGln, sourceHash: hashOf(decision.product) });
        states.push({ gtin: record.gtin, state: 'synced', reason: null });
      } else {
        if (decision.code === 'invalid') {
          counts.invalid++;
          errors.push({ gtin: record.gtin, reason: decision.reason });
        } else if (!ours || owner.withdrawn) counts.skipped++;
        // A product that was ever published stays 'withdrawn', so a re-run reports the same states.
        if (ours) withdraw.push(record.gtin);
        states.push({ gtin: record.gtin, state: ours ? 'withdrawn' : 'skipped', reason: decision.reason });
      }
    }

    const written = await upsertNetworkProducts(trx, publish);
    counts.synced = written.length;
    counts.unchanged = publish.length - written.length;
    await publishLocalEntries(trx, publish.map((p) => ({ gtin: p.product.gtin, responderGln: snapshot.producerGln })), vrs);
    const newlyWithdrawn = await withdrawNetworkProducts(trx, snapshot.companyId, withdraw);
    counts.withdrawn = newlyWithdrawn.length;
    await endLocalEntries(trx, withdraw);
    await setSyncStates(trx, snapshot.companyId, states);

    const failed = counts.invalid + counts.conflict;
    return { read: records.length, done: records.length - failed, failed, counts, errors };
  });
}
