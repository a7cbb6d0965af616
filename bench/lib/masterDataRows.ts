import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { upsertSourceProducts, type SourceProductInput } from '../../db/repositories/sourceProducts.js';
import type { Database } from '../../db/schema.js';
import type { NetworkProductsTable } from '../../db/tables/network.js';
import { computeCheckDigit } from '../../domain/gs1/gtin.js';
import type { Product } from '../../domain/masterData/product.js';
import { validateProduct } from '../../domain/masterData/validate.js';

export const BENCH_PREFIX = '0361414';
const BATCH = 1000;

/** `count` validated US products under BENCH_PREFIX (item references 0..count-1, at most 100,000). */
export function benchProducts(count: number): Product[] {
  return Array.from({ length: count }, (_, i) => {
    const body = `0${BENCH_PREFIX}${String(i).padStart(5, '0')}`;
    const record = {
      gtin: body + computeCheckDigit(body),
      brandName: `Brand ${i % 50}`,
      functionalName: 'Tablets',
      regulatedProductName: `Benchmarkol ${i} Tablets 10 mg`,
      dosageForm: 'TABLET',
      strength: '10 mg',
      netContent: { value: 100, unit: 'EA' },
      tradeItemUnitDescriptor: 'BASE_UNIT_OR_EACH',
      targetMarkets: ['840'],
    };
    const result = validateProduct(record, { companyPrefixes: [BENCH_PREFIX] });
    if (!result.ok) throw new Error(`bench product ${i} is invalid: ${JSON.stringify(result.error)}`);
    return result.value;
  });
}

const hash = (p: Product) => createHash('sha256').update(JSON.stringify(p)).digest('hex');

/** Fills the producer's source store as an upload would (same repository, same batches). */
export async function loadSourceProducts(
  db: Kysely<Database>,
  companyId: string,
  uploadId: string,
  products: readonly Product[],
): Promise<void> {
  for (let i = 0; i < products.length; i += BATCH) {
    const batch: SourceProductInput[] = products
      .slice(i, i + BATCH)
      .map((product) => ({ product, contentHash: hash(product) }));
    await upsertSourceProducts(db, companyId, uploadId, batch);
  }
}

/**
 * The baseline: the same rows upserted into a copy of network_products (same columns, keys
 * and indexes) with plain batched INSERT ... ON CONFLICT, one batch after another.
 */
export async function plainBatchedUpsert(
  db: Kysely<Database>,
  producer: { id: string; gln: string },
  products: readonly Product[],
): Promise<void> {
  const copy = db.withTables<{ bench_network_products: NetworkProductsTable }>();
  for (let i = 0; i < products.length; i += BATCH) {
    const rows = products.slice(i, i + BATCH).map((p) => ({
      gtin: p.gtin,
      producer_company_id: producer.id,
      producer_gln: producer.gln,
      ndc10: p.ndc,
      ndc11: p.ndc11,
      data: JSON.stringify(p),
      source_hash: hash(p),
    }));
    await copy
      .insertInto('bench_network_products')
      .values(rows)
      .onConflict((oc) =>
        oc.column('gtin').doUpdateSet((eb) => ({
          producer_gln: eb.ref('excluded.producer_gln'),
          ndc10: eb.ref('excluded.ndc10'),
          ndc11: eb.ref('excluded.ndc11'),
          data: eb.ref('excluded.data'),
          source_hash: eb.ref('excluded.source_hash'),
        })),
      )
      .execute();
  }
}
