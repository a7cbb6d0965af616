/** What the precedence rule needs of a directory record. */
export interface ClaimingRecord {
  source: string;
  validFrom: Date;
  updatedAt: Date;
}

const LOCAL_SOURCE = 'local';

/**
 * Which of two records valid at once routing follows (routing-and-certs.md): our own producers'
 * record always, else the newer one (later valid-from, then the later change), and on a full tie
 * the lower source id, so every process picks the same one.
 */
export function winningRecord<T extends ClaimingRecord>(a: T, b: T): T {
  if (a.source === LOCAL_SOURCE) return a;
  if (b.source === LOCAL_SOURCE) return b;
  const byFrom = a.validFrom.getTime() - b.validFrom.getTime();
  if (byFrom !== 0) return byFrom > 0 ? a : b;
  const byUpdate = a.updatedAt.getTime() - b.updatedAt.getTime();
  if (byUpdate !== 0) return byUpdate > 0 ? a : b;
  return a.source <= b.source ? a : b;
}
