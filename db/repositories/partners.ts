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
  /** false for a partner that runs no VRS (it sends spreadsheets): no scheduled pulls. */
  pullDirectory: boolean;
  /** null: the installation default (DIRECTORY_PULL_INTERVAL_MIN). */
  pullIntervalMinutes: number | null;
  createdAt: Date;
}

export type NewPartner = Omit<Partner, 'id' | 'createdAt' | 'pullDirectory' | 'pullIntervalMinutes'> & Partial<Pick<Partner, 'pullDirectory' | 'pullIntervalMinutes'>>;
export type PartnerChange = Partial<Omit<Partner, 'id' | 'createdAt' | 'gln'>>;

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  gln: row.gln,
  baseUrl: row.base_url,
  directoryUrl: row.directory_url,
  caPem: row.ca_pem,
  pullDirectory: row.pull_directory,
  pullIntervalMinutes: row.pull_interval_minutes,
  createdAt: row.created_at,
});

export async function insertPartner(db: Kysely<Database>, p: NewPartner): Promise<Partner> {
  const row = await db
    .insertInto('partners')
    .values({ name: p.name, gln: p.gln, base_url: p.baseUrl, directory_url: p.directoryUrl, ca_pem: p.caPem, pull_directory: p.pullDirectory ?? true, pull_interval_minutes: p.pullIntervalMinutes ?? null })
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

/** Changes the given fields; undefined leaves a field as it is. */
export async function updatePartner(db: Kysely<Database>, id: string, change: PartnerChange): Promise<Partner | undefined> {
  const set = {
    ...(change.name !== undefined && { name: change.name }),
    ...(change.baseUrl !== undefined && { base_url: change.baseUrl }),
    ...(change.directoryUrl !== undefined && { directory_url: change.directoryUrl }),
    ...(change.caPem !== undefined && { ca_pem: change.caPem }),
    ...(change.pullDirectory !== undefined && { pull_directory: change.pullDirectory }),
    ...(change.pullIntervalMinutes !== undefined && { pull_interval_minutes: change.pullIntervalMinutes }),
  };
  if (Object.keys(set).length === 0) return findPartner(db, id);
  const row = await db.updateTable('partners').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  return row && toPartner(row);
}
