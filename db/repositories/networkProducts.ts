import { sql, type Kysely } from 'kysely';
import type { Product } from '../../domain/masterData/product.js';
import type { Database } from '../schema.js';

/**
 * Publishes a producer's products straight from its source store: the stored record is the
 * validated product, so it never travels through the worker again. A row is written only when
 * new, changed, withdrawn before, or moved to a new producer GLN; a GTIN held by another
 * producer is never taken over. Returns the GTINs written.
 */
export async function publishFromSource(
  db: Kysely<Database>,
  producer: { companyId: string; gln: string },
  gtins: readonly string[],
): Promise<string[]> {
  if (gtins.length === 0) return [];
  const { rows } = await sql<{ gtin: string }>`
    insert into network_products (gtin, producer_company_id, producer_gln, ndc10, ndc11, data, source_hash)
    select s.gtin, s.company_id, ${producer.gln}, s.data->>'ndc', s.data->>'ndc11', s.data, s.content_hash
    from source_products s
    where s.company_id = ${producer.companyId} and s.gtin = any(${gtins}::char(14)[])
    on conflict (gtin) do update set
      producer_gln = excluded.producer_gln, ndc10 = excluded.ndc10, ndc11 = excluded.ndc11, data = excluded.data,
      source_hash = excluded.source_hash, synced_at = now(), withdrawn_at = null
    where network_products.producer_company_id = excluded.producer_company_id and (
      network_products.source_hash is distinct from excluded.source_hash
      or network_products.withdrawn_at is not null
      or network_products.producer_gln is distinct from excluded.producer_gln)
    returning gtin`.execute(db);
  return rows.map((r) => r.gtin);
}

/** Takes products out of the network without deleting them (history keeps its meaning). Returns the GTINs newly withdrawn. */
export async function withdrawNetworkProducts(
  db: Kysely<Database>,
  companyId: string,
  gtins: readonly string[],
): Promise<string[]> {
  if (gtins.length === 0) return [];
  const { rows } = await sql<{ gtin: string }>`
    update network_products set withdrawn_at = now()
    where producer_company_id = ${companyId} and gtin = any(${gtins}::char(14)[]) and withdrawn_at is null
    returning gtin`.execute(db);
  return rows.map((r) => r.gtin);
}

/** A product as the network serves it to consumers. */
export interface NetworkProduct {
  product: Product;
  producerGln: string;
  syncedAt: Date;
}

/** Synced (not withdrawn) products among `gtins`, of any producer. */
export async function findNetworkProducts(db: Kysely<Database>, gtins: readonly string[]): Promise<NetworkProduct[]> {
  if (gtins.length === 0) return [];
  const rows = await db
    .selectFrom('network_products')
    .select(['data', 'producer_gln', 'synced_at'])
    .where('gtin', 'in', gtins)
    .where('withdrawn_at', 'is', null)
    .orderBy('gtin')
    .execute();
  return rows.map((r) => ({ product: r.data as Product, producerGln: r.producer_gln, syncedAt: r.synced_at }));
}

/** The network side of one of a producer's own products (withdrawn ones included). */
export async function findOwnNetworkProduct(
  db: Kysely<Database>,
  companyId: string,
  gtin: string,
): Promise<{ syncedAt: Date; withdrawnAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('network_products')
    .select(['synced_at', 'withdrawn_at'])
    .where('gtin', '=', gtin)
    .where('producer_company_id', '=', companyId)
    .executeTakeFirst();
  return row && { syncedAt: row.synced_at, withdrawnAt: row.withdrawn_at };
}

/** The content hash each of `gtins` was published with, for those the producer has live in the network (not withdrawn). */
export async function liveNetworkHashes(
  db: Kysely<Database>,
  companyId: string,
  gtins: readonly string[],
): Promise<Map<string, string>> {
  if (gtins.length === 0) return new Map();
  const rows = await db
    .selectFrom('network_products')
    .select(['gtin', 'source_hash'])
    .where('producer_company_id', '=', companyId)
    .where('gtin', 'in', gtins)
    .where('withdrawn_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.gtin, r.source_hash]));
}
