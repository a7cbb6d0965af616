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
  /** null: the environment's HTTPS_PROXY / NO_PROXY; 'direct': never a proxy; else the proxy URL. */
  proxyUrl: string | null;
  /** Extra static request headers as a JSON object sealed under the master key (null: none). */
  sealedExtraHeaders: string | null;
  /** false for a partner that runs no VRS (it sends spreadsheets): no scheduled pulls. */
  pullDirectory: boolean;
  /** null: the installation default (DIRECTORY_PULL_INTERVAL_MIN). */
  pullIntervalMinutes: number | null;
  /** null: ATP_HEADER. */
  atpHeader: string | null;
  createdAt: Date;
}

const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  gln: row.gln,
  baseUrl: row.base_url,
  directoryUrl: row.directory_url,
  caPem: row.ca_pem,
  proxyUrl: row.proxy_url,
  sealedExtraHeaders: row.extra_headers,
  pullDirectory: row.pull_directory,
  pullIntervalMinutes: row.pull_interval_minutes,
  atpHeader: row.atp_header,
  createdAt: row.created_at,
});

type Defaulted = 'proxyUrl' | 'sealedExtraHeaders' | 'pullDirectory' | 'pullIntervalMinutes' | 'atpHeader';
export type NewPartner = Omit<Partner, 'id' | 'createdAt' | Defaulted> & Partial<Pick<Partner, Defaulted>>;

export async function insertPartner(db: Kysely<Database>, p: NewPartner): Promise<Partner> {
  const row = await db
    .insertInto('partners')
    .values({
      name: p.name,
      gln: p.gln,
      base_url: p.baseUrl,
      directory_url: p.directoryUrl,
      ca_pem: p.caPem,
      proxy_url: p.proxyUrl ?? null,
      extra_headers: p.sealedExtraHeaders ?? null,
      pull_directory: p.pullDirectory ?? true,
      pull_interval_minutes: p.pullIntervalMinutes ?? null,
      atp_header: p.atpHeader ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPartner(row);
}

export type PartnerChanges = Partial<Omit<Partner, 'id' | 'gln' | 'createdAt'>>;

/** Changes the given fields only; undefined when there is no such partner. */
export async function updatePartner(
  db: Kysely<Database>,
  id: string,
  changes: PartnerChanges,
): Promise<Partner | undefined> {
  const set = {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.baseUrl !== undefined && { base_url: changes.baseUrl }),
    ...(changes.directoryUrl !== undefined && { directory_url: changes.directoryUrl }),
    ...(changes.caPem !== undefined && { ca_pem: changes.caPem }),
    ...(changes.proxyUrl !== undefined && { proxy_url: changes.proxyUrl }),
    ...(changes.sealedExtraHeaders !== undefined && { extra_headers: changes.sealedExtraHeaders }),
    ...(changes.pullDirectory !== undefined && { pull_directory: changes.pullDirectory }),
    ...(changes.pullIntervalMinutes !== undefined && { pull_interval_minutes: changes.pullIntervalMinutes }),
    ...(changes.atpHeader !== undefined && { atp_header: changes.atpHeader }),
  };
  if (Object.keys(set).length === 0) return findPartner(db, id);
  const row = await db.updateTable('partners').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  return row && toPartner(row);
}

export async function listPartners(db: Kysely<Database>): Promise<Partner[]> {
  return (await db.selectFrom('partners').selectAll().orderBy('created_at').execute()).map(toPartner);
}

export async function findPartner(db: Kysely<Database>, id: string): Promise<Partner | undefined> {
  const row = await db.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPartner(row);
}
