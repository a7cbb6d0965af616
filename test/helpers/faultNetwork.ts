import type { Kysely } from 'kysely';
import type { Company } from '../../db/repositories/companies.js';
import type { Database } from '../../db/schema.js';
import { computeCheckDigit } from '../../domain/gs1/gtin.js';
import { apiKeyFor, companyWithGln, seedProduct } from './seedNetwork.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN, verifyPath } from './verifyRequest.js';

/**
 * A synced product with one serial and a consumer's key, for load against a real API process:
 * the first path answers 200 (the serial), the second 404 (a GTIN no one syncs here).
 */
export async function seedVerifiableNetwork(
  db: Kysely<Database>,
): Promise<{ token: string; paths: [string, string]; producer: Company }> {
  const producer = await companyWithGln(db, PRODUCER_GLN, ['producer']);
  const token = await apiKeyFor(db, await companyWithGln(db, CONSUMER_GLN, ['consumer']));
  await seedProduct(db, producer, GTIN, [defaultPack()]);
  const unknown = '0036141499999';
  return { token, producer, paths: [verifyPath(), verifyPath({ gtin: unknown + computeCheckDigit(unknown) })] };
}
