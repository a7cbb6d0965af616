import type { Kysely } from 'kysely';
import { findCompanyByGln, insertCompany, type Company } from '../../db/repositories/companies.js';
import { poolOf } from '../../db/pool.js';
import type { Database } from '../../db/schema.js';
import { withClient } from '../../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../../db/serialSync/serialTables.js';
import { issueApiKey } from '../../api/companies/companies.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN } from './verifyRequest.js';

/** A serial as the vectors describe it (verification-scenarios.json `state.serials`). */
export interface SeedSerial {
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  expiryDate: string;
  status: string;
  recalled?: boolean;
  suspect?: boolean;
  illegitimate?: boolean;
  expirationExtended?: boolean;
  extendedExpiry?: string;
  extendedExpiryDate?: string;
}

/** Finds or creates a company by GLN (the read tables normally get theirs through the workflows). */
export async function companyWithGln(
  db: Kysely<Database>,
  gln: string,
  roles: ('producer' | 'consumer')[],
  timeZone = 'America/New_York',
): Promise<Company> {
  const existing = await findCompanyByGln(db, gln);
  if (existing) {
    await db.updateTable('companies').set({ time_zone: timeZone, roles }).where('id', '=', existing.id).execute();
    return { ...existing, timeZone, roles };
  }
  return insertCompany(db, { name: `Company ${gln}`, gln, roles, time_zone: timeZone });
}

/** Gives the company these GS1 company prefixes (what it may publish), replacing its own. */
export async function setCompanyPrefixes(db: Kysely<Database>, company: Company, prefixes: string[]): Promise<void> {
  await db.updateTable('companies').set({ company_prefixes: prefixes }).where('id', '=', company.id).execute();
}

export async function apiKeyFor(db: Kysely<Database>, company: Company): Promise<string> {
  return (await issueApiKey(db, company.id)).apiKey;
}

/**
 * The GET /verify tests' network: the producer of GTIN with the default pack and a consumer, with
 * their API keys, and `otherGtin` of a second producer, without serials.
 */
export async function seedVerifyNetwork(
  db: Kysely<Database>,
  otherGtin: string,
): Promise<{ producerKey: string; consumerKey: string }> {
  const producer = await companyWithGln(db, PRODUCER_GLN, ['producer']);
  const producerKey = await apiKeyFor(db, producer);
  const consumerKey = await apiKeyFor(db, await companyWithGln(db, CONSUMER_GLN, ['consumer']));
  await seedProduct(db, producer, GTIN, [defaultPack()]);
  await seedProduct(db, await companyWithGln(db, '0614141000005', ['producer']), otherGtin, []);
  return { producerKey, consumerKey };
}

/** Puts a synced product and its serials straight into the network read tables. */
export async function seedProduct(
  db: Kysely<Database>,
  producer: Company,
  gtin: string,
  serials: SeedSerial[],
): Promise<void> {
  await db
    .insertInto('network_products')
    .values({
      gtin,
      producer_company_id: producer.id,
      producer_gln: producer.gln,
      data: JSON.stringify({ gtin }),
      source_hash: 'seed',
    })
    .onConflict((oc) =>
      oc
        .column('gtin')
        .doUpdateSet({ producer_company_id: producer.id, producer_gln: producer.gln, withdrawn_at: null }),
    )
    .execute();
  if (serials.length === 0) return;
  await withClient(poolOf(db), (client) => ensureSerialTable(client, producer.id));
  await db
    .insertInto('network_serials')
    .values(
      serials.map((s, i) => ({
        gtin: s.gtin,
        serial: s.serial,
        producer_company_id: producer.id,
        lot: s.lot,
        expiry: s.expiry,
        expiry_date: s.expiryDate,
        extended_expiry: s.extendedExpiry ?? null,
        extended_expiry_date: s.extendedExpiryDate ?? null,
        status: s.status,
        recalled: s.recalled ?? false,
        suspect: s.suspect ?? false,
        illegitimate: s.illegitimate ?? false,
        expiration_extended: s.expirationExtended ?? false,
        reason_code: null,
        event_time: new Date('2026-01-01T00:00:00Z'),
        event_id: `seed-${i}`,
      })),
    )
    .execute();
}

export async function clearNetwork(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('network_serials').execute();
  await db.deleteFrom('network_products').execute();
  await db.deleteFrom('rules').execute();
}
