import { describe, expect, it } from 'vitest';
import { thrownBy } from '../test/helpers/asyncRows.js';
import {
  isXmlRootOf,
  leadingSyntax,
  refuseOtherSyntax,
  refuseOtherXmlRoot,
  WrongDocumentError,
} from './documentKind.js';

describe('leadingSyntax', () => {
  it.each([
    ['', null],
    ['  \r\n\t', null],
    ['\uFEFF<?xml version="1.0"?>', 'xml'],
    ['  <EPCISDocument>', 'xml'],
    ['[{"gtin":"1"}]', 'json'],
    ['\n{"gtin":"1"}', 'json'],
    ['gtin,brandName\r\n1,A', 'csv'],
    ['gtin\n1,2', 'other'],
    ['hello', 'other'],
  ])('%j -> %s', (text, syntax) => {
    expect(leadingSyntax(text)).toBe(syntax);
  });
});

describe('refuseOtherSyntax', () => {
  it.each([
    ['xml', 'csv', 'an XML document', 'application/xml'],
    ['json', 'csv', 'a JSON document', 'application/json'],
    ['csv', 'xml', 'a CSV document', 'text/csv'],
    ['xml', 'json', 'an XML document', 'application/xml'],
  ] as const)('%s sent as %s is refused as %s', (syntax, expected, looksLike, contentType) => {
    expect(thrownBy(() => refuseOtherSyntax(syntax, expected))).toMatchObject({ looksLike, sendTo: { contentType } });
  });

  it.each([
    ['xml', 'xml'],
    ['csv', 'csv'],
    ['other', 'json'],
    ['other', 'xml'],
  ] as const)('%s sent as %s passes', (syntax, expected) => {
    expect(thrownBy(() => refuseOtherSyntax(syntax, expected))).toBeUndefined();
  });
});

describe('XML roots', () => {
  it('an EPCIS root is refused by master data, a GDSN root by serials; unknown roots pass', () => {
    expect(thrownBy(() => refuseOtherXmlRoot('EPCISDocument', 'master-data'))).toMatchObject({
      looksLike: 'an EPCIS document',
      sendTo: { target: 'serials' },
    });
    expect(thrownBy(() => refuseOtherXmlRoot('catalogueItemNotificationMessage', 'serials'))).toBeInstanceOf(
      WrongDocumentError,
    );
    expect(thrownBy(() => refuseOtherXmlRoot('EPCISDocument', 'serials'))).toBeUndefined();
    expect(thrownBy(() => refuseOtherXmlRoot('somethingElse', 'master-data'))).toBeUndefined();
    expect(isXmlRootOf('catalogueItemNotificationMessage', 'master-data')).toBe(true);
    expect(isXmlRootOf('somethingElse', 'master-data')).toBe(false);
  });
});
