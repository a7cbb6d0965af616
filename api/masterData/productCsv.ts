import { stringify } from 'csv-stringify/sync';
import type { NetworkProduct } from '../../db/repositories/networkProducts.js';
import { PRODUCT_CSV_COLUMNS, PRODUCT_DOWNLOAD_COLUMNS } from '../../ingest/recordFormats.js';

/** The upload CSV's columns (api.md "Product fields"), so a download can be uploaded again, plus where it is served from. */
const PRODUCT_DOWNLOAD_CSV_COLUMNS = [...PRODUCT_CSV_COLUMNS, ...PRODUCT_DOWNLOAD_COLUMNS];

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
  return stringify(records, { header: true, columns: PRODUCT_DOWNLOAD_CSV_COLUMNS, record_delimiter: 'windows' });
}
