/** Which upload a document belongs to; the API turns it into the route to send it to. */
export type UploadTarget = 'master-data' | 'serials' | 'directory';

/**
 * The document is readable but of another kind than the parser reads (an EPCIS file sent as
 * master data, XML sent as CSV): refused whole, saying what it looks like and where it goes.
 */
export class WrongDocumentError extends Error {
  constructor(
    /** What the document looks like, as a phrase: "an EPCIS document". */
    readonly looksLike: string,
    /** Where it belongs: another upload, or the same upload with another Content-Type. */
    readonly sendTo: { target: UploadTarget } | { contentType: string },
  ) {
    super(
      `this is ${looksLike}; send it ${'target' in sendTo ? `to the ${sendTo.target} upload` : `as ${sendTo.contentType}`}`,
    );
    this.name = 'WrongDocumentError';
  }
}

/**
 * The syntax a text starts with, from its first character that is not white space or a BOM,
 * or null while there is none yet. Only what no document of the other syntaxes can start with
 * counts: `<` is XML, `[` or `{` JSON, and a first line with a comma outside those is CSV.
 */
export function leadingSyntax(text: string): 'xml' | 'json' | 'csv' | 'other' | null {
  const match = /[^\s\uFEFF]/.exec(text);
  if (match === null) return null;
  if (match[0] === '<') return 'xml';
  if (match[0] === '[' || match[0] === '{') return 'json';
  const lineEnd = text.slice(match.index).search(/[\r\n]/);
  return text.slice(match.index, lineEnd === -1 ? undefined : match.index + lineEnd).includes(',') ? 'csv' : 'other';
}

const CONTENT_TYPES = {
  xml: ['an XML document', 'application/xml'],
  json: ['a JSON document', 'application/json'],
  csv: ['a CSV document', 'text/csv'],
} as const;

/** Refuses a text in another syntax than `expected`, naming the Content-Type it needs. */
export function refuseOtherSyntax(syntax: 'xml' | 'json' | 'csv' | 'other', expected: 'xml' | 'json' | 'csv'): void {
  if (syntax === 'other' || syntax === expected) return;
  const [looksLike, contentType] = CONTENT_TYPES[syntax];
  throw new WrongDocumentError(looksLike, { contentType });
}

/** Root elements that say what an XML document is, by local name. */
const XML_ROOTS: ReadonlyMap<string, { looksLike: string; target: UploadTarget }> = new Map([
  ['EPCISDocument', { looksLike: 'an EPCIS document', target: 'serials' }],
  ['EPCISQueryDocument', { looksLike: 'an EPCIS document', target: 'serials' }],
  ['catalogueItemNotificationMessage', { looksLike: 'a GDSN Catalogue Item Notification', target: 'master-data' }],
  ['catalogueItemNotification', { looksLike: 'a GDSN Catalogue Item Notification', target: 'master-data' }],
]);

/** Refuses an XML document whose root element says it belongs to the other upload. */
export function refuseOtherXmlRoot(rootLocalName: string, expected: UploadTarget): void {
  const known = XML_ROOTS.get(rootLocalName);
  if (known !== undefined && known.target !== expected)
    throw new WrongDocumentError(known.looksLike, { target: known.target });
}

/** The root is one the parser's upload reads (a document without records is then simply empty). */
export const isXmlRootOf = (rootLocalName: string, target: UploadTarget): boolean =>
  XML_ROOTS.get(rootLocalName)?.target === target;
