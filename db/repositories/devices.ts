import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { DeviceRow } from '../tables/companies.js';

export async function insertDevice(
  db: Kysely<Database>,
  device: { companyId: string; name: string; model: string | null; androidVersion: string | null },
): Promise<DeviceRow> {
  return db
    .insertInto('devices')
    .values({
      company_id: device.companyId,
      name: device.name,
      model: device.model,
      android_version: device.androidVersion,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDevices(db: Kysely<Database>, companyId: string): Promise<DeviceRow[]> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

/** Revokes the device and its tokens; returns the token prefixes so caches can forget them. */
export async function revokeDevice(
  db: Kysely<Database>,
  companyId: string,
  deviceId: string,
): Promise<string[] | undefined> {
  return db.transaction().execute(async (trx) => {
    const device = await trx
      .updateTable('devices')
      .set({ revoked_at: new Date() })
      .where('id', '=', deviceId)
      .where('company_id', '=', companyId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!device) return undefined;
    const keys = await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .returning('prefix')
      .execute();
    return keys.map((k) => k.prefix);
  });
}
