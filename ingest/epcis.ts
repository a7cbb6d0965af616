import { isXmlRootOf, refuseOtherXmlRoot } from './documentKind.js';
import type { SerialRow } from './rows.js';
import type { SerialParseOptions } from './serialRecords.js';
import type { ByteSource } from './source.js';
import { EPCIS_EVENT_ELEMENTS, epcisToSerialEvents } from './epcisEvent.js';
import { noRecords } from './xmlError.js';
import { parseXmlObject } from './xmlNode.js';
import { xmlSubtrees } from './xmlSubtrees.js';

const EVENT_ELEMENTS = new Set(EPCIS_EVENT_ELEMENTS.keys());

/**
 * Serial events of an EPCIS 1.2 document (2.0 XML reads the same), streamed: sax cuts out
 * one event at a time. Rows are numbered in event order; an event with several pack EPCs
 * yields several rows with the same number, and a bad event yields one row error while the
 * rest continue. Aggregation or transaction events listing no pack yield nothing.
 *
 * Throws `XmlInputError` for a DOCTYPE or malformed XML (with line and column). A GDSN
 * document is refused at its root element; a document of unknown root without any event at its end.
 */
export async function* parseEpcis(
  source: ByteSource,
  opts: Pick<SerialParseOptions, 'xmlMaxElementChars'> = {},
): AsyncGenerator<SerialRow> {
  let row = 0;
  let root = '';
  const onRoot = (name: string) => {
    refuseOtherXmlRoot(name, 'serials');
    root = name;
  };
  for await (const subtree of xmlSubtrees(source, EVENT_ELEMENTS, {
    onRoot,
    maxSubtreeChars: opts.xmlMaxElementChars,
  })) {
    row++;
    const result = epcisToSerialEvents(subtree.name, await parseXmlObject(subtree.xml));
    if (!result.ok) {
      yield { row, errors: result.error };
      continue;
    }
    for (const event of result.value) yield { row, event };
  }
  if (row === 0 && !isXmlRootOf(root, 'serials')) throw noRecords(root, 'ObjectEvent', 'an EPCIS document');
}
