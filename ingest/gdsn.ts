import { validateUploadedProduct } from '../domain/masterData/requiredFields.js';
import { isXmlRootOf, refuseOtherXmlRoot } from './documentKind.js';
import { tradeItemToRecord } from './gdsnItem.js';
import type { ProductParseOptions } from './productRecords.js';
import type { ProductRow } from './rows.js';
import type { ByteSource } from './source.js';
import { noRecords } from './xmlError.js';
import { parseXmlObject } from './xmlNode.js';
import { xmlSubtrees } from './xmlSubtrees.js';

/**
 * Products of a GDSN Catalogue Item Notification, one per `tradeItem` in document order.
 * Child items (`catalogueItemChildItemLink/catalogueItem/tradeItem`) are separate trade
 * items after their parent, so they get their own rows. The document streams: sax cuts out
 * one trade item at a time and xml2js parses only that.
 *
 * Throws `XmlInputError` for a DOCTYPE or malformed XML (with line and column); rows already
 * yielded stay valid, and the caller decides whether to keep them. An EPCIS document is
 * refused at its root element; a document of unknown root without any trade item at its end.
 */
export async function* parseGdsn(source: ByteSource, opts: ProductParseOptions): AsyncGenerator<ProductRow> {
  let row = 0;
  let root = '';
  const onRoot = (name: string) => {
    refuseOtherXmlRoot(name, 'master-data');
    root = name;
  };
  for await (const subtree of xmlSubtrees(source, new Set(['tradeItem']), {
    onRoot,
    maxSubtreeChars: opts.xmlMaxElementChars,
  })) {
    row++;
    const record = tradeItemToRecord(await parseXmlObject(subtree.xml));
    const result = validateUploadedProduct(record, opts.ctx);
    yield result.ok ? { row, product: result.value } : { row, errors: result.error };
  }
  if (row === 0 && !isXmlRootOf(root, 'master-data'))
    throw noRecords(root, 'tradeItem', 'a GDSN Catalogue Item Notification');
}
