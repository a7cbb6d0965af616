import { stringify } from 'csv-stringify/sync';
import type { NetworkProduct } from '../../db/repositories/networkProducts.js';

/** The upload CSV's columns (api.md "Product fields"), so a download can be uploaded again, plus where it is served from. */
export const PRODUCT_CSV_COLUMNS = [
  'gtin', 'ndc', 'ndc11', 'brandName', 'functionalName', 'regulatedProductName', 'dosageForm', 'strength',
  'netContentValue', 'netContentUnit', 'tradeItemUnitDescriptor', 'targetMarkets', 'ownerGln', 'producerGln', 'syncedAt',
] as const;

export function networkProductJson(p: NetworkProduct) {
  return { ...p.product, producerGln: p.producerGln, syncedAt: p.syncedAt.toISOString() };
}

/** RFC 4180 with a header; target markets joined with `;` as in uploads. */
export function networkProductsCsv(products: readonly NetworkProduct[]): string {
  const records = products.map(({ product, producerGln, syncedAt }) => ({
    ...product,
    netContentValue: product.netContent?.value ?? '',
    netContentUnit: product.netContent?.unit ?? '',
    targetMarkets: product.targetMarkets.join(';'),
    producerGln,
    syncedAt: syncedAt.toISOString(),
  }));
  return stringify(records, { header: true, columns: [...PRODUCT_CSV_COLUMNS], record_delimiter: 'windows' });
}
