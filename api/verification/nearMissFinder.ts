import type { Kysely } from 'kysely';
import { packsOfSerials, productsOfGtins, serialUnderOtherGtins } from '../../db/repositories/nearMissCandidates.js';
import type { Database } from '../../db/schema.js';
import type { VerificationRecord } from '../../domain/history/record.js';
import {
  classifyNearMiss,
  gtinPaddingVariants,
  serialVariants,
  type NearCandidate,
  type NearMissKind,
} from '../../domain/verification/nearMiss.js';

/** What a near miss adds to the history row: its kind, and for a mangled GTIN the producer it was meant for. */
export interface NearMissFinding {
  nearMiss: NearMissKind;
  producerCompanyId: string;
}

/** Only answers from our own tables that said "not verified" for a mismatch, or did not know the GTIN. */
export function mayBeNearMiss(entry: VerificationRecord): boolean {
  if (!entry.inNetwork) return false;
  if (entry.httpStatus === 404) return entry.producerCompanyId === null;
  return entry.verified === false && (entry.failureReason?.startsWith('No_match_') ?? false);
}

/**
 * Looks for the near match that explains a not-verified answer, cheapest look-up first, and
 * stops at the first one found. Reads only the GTIN's producer's data (or, for an unknown GTIN,
 * the products its digits could have meant).
 */
export async function findNearMiss(
  db: Kysely<Database>,
  entry: VerificationRecord,
): Promise<NearMissFinding | undefined> {
  const year = entry.verifiedAt.getUTCFullYear();
  const kindOf = (candidate: NearCandidate) => classifyNearMiss(entry, candidate, year);
  const producer = entry.producerCompanyId;
  if (producer === null) {
    for (const product of await productsOfGtins(db, gtinPaddingVariants(entry.gtin))) {
      const kind = kindOf(product);
      if (kind) return { nearMiss: kind, producerCompanyId: product.producerCompanyId };
    }
    return undefined;
  }
  const searches =
    entry.failureReason === 'No_match_GTIN_Serial'
      ? [
          () => packsOfSerials(db, producer, entry.gtin, serialVariants(entry.serial)),
          () => serialUnderOtherGtins(db, producer, entry.gtin, entry.serial),
        ]
      : [() => packsOfSerials(db, producer, entry.gtin, [entry.serial])];
  for (const search of searches) {
    for (const candidate of await search()) {
      const kind = kindOf(candidate);
      if (kind) return { nearMiss: kind, producerCompanyId: producer };
    }
  }
  return undefined;
}
