import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { companyRowToCompany, type Company } from './companies.js';

export interface StoredCredential {
  keyId: string;
  keyHash: string;
  deviceId: string | null;
  company: Company;
}

export async function insertApiKey(
  db: Kysely<Database>,
  key: { companyId: string; prefix: string; keyHash: string; deviceId?: string },
): Promise<{ id: string; createdAt: Date }> {
  const row = await db
    .insertInto('api_keys')
    .values({ company_id: key.companyId, prefix: key.prefix, key_hash: key.keyHash, device_id: key.deviceId ?? null })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: row.created_at };
}

/** The credential for a key prefix, unless it (or its device) was revoked. */
export async function findActiveCredential(
  db: Kysely<Database>,
  prefix: string,
): Promise<StoredCredential | undefined> {
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('companies as c', 'c.id', 'k.company_id')
    .leftJoin('devices as d', 'd.id', 'k.device_id')
    .selectAll('c')
    .select(['k.id as key_id', 'k.key_hash', 'k.device_id'])
    .where('k.prefix', '=', prefix)
    .where('k.revoked_at', 'is', null)
    .where('d.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { key_id, key_hash, device_id, ...company } = row;
  return { keyId: key_id, keyHash: key_hash, deviceId: device_id, company: companyRowToCompany(company) };
}

export async function listApiKeys(db: Kysely<Database>, companyId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'prefix', 'device_id', 'created_at', 'revoked_at'])
    .where('company_id', '=', companyId)
    .orderBy('created_at')
    .execute();
}

/** Returns the revoked key's prefix, or undefined when no such active key exists. */
export async function revokeApiKey(
  db: Kysely<Database>,
  companyId: string,
  keyId: string,
): Promise<string | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', keyId)
    .where('company_id', '=', companyId)
    .where('revoked_at', 'is', null)
    .returning('prefix')
    .executeTakeFirst();
  return row?.prefix;
}
