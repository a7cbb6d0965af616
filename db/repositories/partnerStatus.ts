import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { StoredCertificate } from '../../domain/certificates/index.js';
import { listCertificates } from './certificates.js';
import { latestPulls, type DirectoryPull } from './directoryPulls.js';
import { countOpenConflicts, countPartnerRecords } from './partnerDirectory.js';

/** What the partner list shows beside each partner's settings. */
export interface PartnerDirectoryStatus {
  records: number;
  conflicts: number;
  lastPull: DirectoryPull | null;
  lastUpload: DirectoryPull | null;
  clientCertificate: StoredCertificate | null;
}

/** Every partner's directory status, in a handful of queries whatever the number of partners. */
export async function partnerDirectoryStatuses(
  db: Kysely<Database>,
  now: Date,
): Promise<(partnerId: string) => PartnerDirectoryStatus> {
  const [records, conflicts, pulls, certificates] = await Promise.all([
    countPartnerRecords(db, now),
    countOpenConflicts(db, now),
    latestPulls(db),
    listCertificates(db, { purposes: ['client'] }),
  ]);
  const active = new Map<string, StoredCertificate>();
  for (const c of certificates) {
    const seen = c.partnerId === null ? undefined : active.get(c.partnerId);
    if (c.status === 'active' && c.partnerId !== null && (!seen || (c.activatedAt ?? 0) > (seen.activatedAt ?? 0)))
      active.set(c.partnerId, c);
  }
  const pullOf = (partnerId: string, kind: DirectoryPull['kind']) =>
    pulls.find((p) => p.partnerId === partnerId && p.kind === kind) ?? null;
  return (partnerId) => ({
    records: records.get(partnerId) ?? 0,
    conflicts: conflicts.get(partnerId) ?? 0,
    lastPull: pullOf(partnerId, 'pull'),
    lastUpload: pullOf(partnerId, 'upload'),
    clientCertificate: active.get(partnerId) ?? null,
  });
}
