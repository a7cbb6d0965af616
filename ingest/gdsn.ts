import { validateProduct, type ValidationContext } from '../domain/masterData/validate.js';
import { tradeItemToRecord } from './gdsnItem.js';
import type { ProductRow } from './rows.js';
import type { ByteSource } from './source.js';
import { parseXmlObject } from './xmlNode.js';
import { xmlSubtrees } from './xmlSubtrees.js';

/**
 * Products of a GDSN Catalogue Item Notification, one per `tradeItem` in document order.
 * Child items (`catalogueItemChildItemLink/catalogueItem/tradeItem`) are separate trade
 * items after their parent, so they get their own rows. The document streams: sax cuts out
 * one trade item at a time and xml2js parses only that.
 *
 * Throws `XmlInputError` for a DOCTYPE or malformed XML (with line and column); rows already
 * yielded stay valid, and the caller decides whether to keep them.
 */
export async function* parseGdsn(source: ByteSource, ctx: ValidationContext): AsyncGenerator<ProductRow> {
  let row = 0;
  for await (const subtree of xmlSubtrees(source, new Set(['tradeItem']))) {
    row++;
    const record = tradeItemToRecord(await parseXmlObject(subtree.xml));
    const result = validateProduct(record, ctx);
    yield result.ok ? { row, product: result.value } : { row, errors: result.error };
  }
}
