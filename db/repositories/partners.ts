import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { PartnerRow } from '../tables/partners.js';

/** An external VRS provider we route to and accept calls from. */
export interface Partner {
  id: string;
  name: string;
  gln: string;
  baseUrl: string;
  directoryUrl: string | null;
  caPem: string;
  createdAt: Date;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  gln: row.gln,
  baseUrl: row.base_url,
  directoryUrl: row.directory_url,
  caPem: row.ca_pem,
  createdAt: row.created_at,
});

export async function insertPartner(db: Kysely<Database>, p: Omit<Partner, 'id' | 'createdAt'>): Promise<Partner> {
  const row = await db
    .insertInto('partners')
    .values({ name: p.name, gln: p.gln, base_url: p.baseUrl, directory_url: p.directoryUrl, ca_pem: p.caPem })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPartner(row);
}

export async function listPartners(db: Kysely<Database>): Promise<Partner[]> {
  return (await db.selectFrom('partners').selectAll().orderBy('created_at').execute()).map(toPartner);
}

export async function findPartner(db: Kysely<Database>, id: string): Promise<Partner | undefined> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPartner(row);
}
