import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { createCompanyWithKey } from '../../api/companies/companies.js';
import type { Company } from '../../db/repositories/companies.js';
import { SYNC_STATE_SQL } from '../../db/repositories/syncStateSql.js';
import type { Database } from '../../db/schema.js';
import { computeCheckDigit } from '../../domain/gs1/gtin.js';
import type { MasterDataSyncResult } from '../../workflows/masterDataSync.js';
import type { ApiTestContext } from './api.js';

export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/masterData/${name}`, import.meta.url), 'utf8');

/** A company made through the same service the operator API uses; its key is returned once. */
/** Every source product's sync state as the API reports it (no judgement yet: pending), in GTIN order. */
export const sourceSyncStates = (db: Kysely<Database>) =>
  db
    .selectFrom('source_products as s')
    .leftJoin('source_product_sync as j', (join) =>
      join.onRef('j.company_id', '=', 's.company_id').onRef('j.gtin', '=', 's.gtin'),
    )
    .leftJoin('network_products as n', 'n.gtin', 's.gtin')
    .select(['s.gtin', sql<string>`${sql.raw(SYNC_STATE_SQL)}`.as('sync_state'), 'j.sync_reason'])
    .orderBy('s.gtin');

export async function company(
  db: Kysely<Database>,
  input: { gln: string; roles: ('producer' | 'consumer')[]; prefixes?: string[]; name?: string },
): Promise<{ company: Company; token: string }> {
  const made = await createCompanyWithKey(db, {
    name: input.name ?? `Company ${input.gln}`,
    gln: input.gln,
    roles: input.roles,
    companyPrefixes: input.prefixes ?? [],
  });
  return { company: made.company, token: made.key.apiKey };
}

export async function upload(
  ctx: ApiTestContext,
  token: string,
  contentType: string,
  body: string | Uint8Array,
): Promise<Response> {
  return ctx.app.request('/v1/master-data', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
}

/** GTIN-14 under a 7-digit US labeler prefix (`03` + labeler): indicator 0, item number `n`. */
export const gtinUnder = (prefix: string, n: number): string => {
  const body = `0${prefix}${String(n).padStart(12 - prefix.length, '0')}`;
  return body + computeCheckDigit(body);
};

/** A CSV of `count` valid US products under `prefix`. */
export function productsCsv(prefix: string, count: number, from = 0): string {
  const lines = ['gtin,brandName,functionalName,netContentValue,netContentUnit,tradeItemUnitDescriptor,targetMarkets'];
  for (let i = from; i < from + count; i++)
    lines.push(`${gtinUnder(prefix, i)},Brand ${i % 7},Tablets,${(i % 90) + 10},EA,BASE_UNIT_OR_EACH,840`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Starts a sync through the API and waits for the workflow's result (workers must be running). */
export async function syncThroughApi(
  ctx: ApiTestContext,
  token: string,
): Promise<{ workflowId: string; result: MasterDataSyncResult }> {
  const res = await ctx.call('POST', '/v1/syncs/master-data', { token });
  if (res.status !== 202) throw new Error(`sync start answered ${res.status}: ${await res.text()}`);
  const { workflowId } = (await res.json()) as { workflowId: string };
  const result = (await ctx.temporal.client.workflow.getHandle(workflowId).result()) as MasterDataSyncResult;
  return { workflowId, result };
}

/** Everything a sync writes for one producer, minus timestamps, in a stable order: runs can be compared. */
export async function networkState(db: Kysely<Database>, companyId: string) {
  const products = await db
    .selectFrom('network_products')
    .select([
      'gtin',
      'producer_gln',
      'ndc10',
      'ndc11',
      'data',
      'source_hash',
      sql<boolean>`withdrawn_at is not null`.as('withdrawn'),
    ])
    .where('producer_company_id', '=', companyId)
    .orderBy('gtin')
    .execute();
  const directory = await db
    .selectFrom('directory_entries as d')
    .innerJoin('network_products as p', 'p.gtin', 'd.gtin')
    .select([
      'd.gtin',
      'd.responder_gln',
      'd.source',
      'd.vrs_name',
      'd.verification_url',
      'd.connectivity_url',
      sql<boolean>`d.valid_to is not null`.as('ended'),
    ])
    .where('p.producer_company_id', '=', companyId)
    .orderBy('d.gtin')
    .execute();
  const states = await sourceSyncStates(db).where('s.company_id', '=', companyId).execute();
  return { products, directory, states };
}
