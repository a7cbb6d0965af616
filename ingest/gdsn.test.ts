import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGdsn } from './gdsn.js';
import { isRowError, type ProductRow } from './rows.js';
import { collect } from '../test/helpers/asyncRows.js';
import { XmlInputError } from './xmlError.js';

const FIXTURE = new URL('../test/fixtures/ingest/gdsn-cin.xml', import.meta.url);
const ctx = { companyPrefixes: ['030591', '4012345'] };

const products = (rows: ProductRow[]) => rows.flatMap((r) => (isRowError(r) ? [] : [r.product]));

describe('parseGdsn', () => {
  it('yields every trade item, child items included, in document order', async () => {
    // A tiny highWaterMark makes the stream cut through tags, names and the CDATA.
    const rows = await collect(parseGdsn(createReadStream(FIXTURE, { highWaterMark: 97 }), { ctx }));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(products(rows).map((p) => p.gtin)).toEqual([
      '50305910369014',
      '00305910369019',
      '00305910370015',
      '04012345000016',
    ]);
    // Every mistake of the item at once: the GTIN, and the name it lacks.
    expect(rows[4]).toEqual({
      row: 5,
      errors: [
        { path: 'gtin', message: 'GTIN-14 check digit should be 5' },
        { path: 'brandName', message: 'a product name is required: brandName, functionalName or regulatedProductName' },
      ],
    });
  });

  it('reads identification, language-tagged names and modules', async () => {
    const [, child] = products(await collect(parseGdsn(readFileSync(FIXTURE), { ctx })));
    expect(child).toEqual({
      gtin: '00305910369019',
      ndc: '0591-0369-01',
      ndc11: '00591036901',
      brandName: 'Acmeprofen',
      functionalName: 'Tablets',
      regulatedProductName: 'Acmeprofen Tablets USP & co, 500 mg',
      dosageForm: 'TABLET',
      strength: '500 mg',
      netContent: { value: 100, unit: 'H87' },
      tradeItemUnitDescriptor: 'BASE_UNIT_OR_EACH',
      targetMarkets: ['840'],
      ownerGln: '0614141000012',
    });
  });

  it('reads the fully prefixed style and keeps the non-US product for the sync to skip', async () => {
    const [, , capsules, german] = products(await collect(parseGdsn(readFileSync(FIXTURE, 'utf8'), { ctx })));
    expect(capsules).toMatchObject({
      brandName: 'Acmecillin',
      regulatedProductName: 'Acmecillin Capsules 250 mg',
      dosageForm: 'CAPSULE',
      targetMarkets: ['630'],
      ndc: '0591037001',
    });
    expect(german).toMatchObject({
      gtin: '04012345000016',
      functionalName: 'Tabletten',
      targetMarkets: ['276'],
      ndc: null,
    });
  });

  it('rejects GTINs outside the company prefixes row by row', async () => {
    const rows = await collect(parseGdsn(readFileSync(FIXTURE), { ctx: { companyPrefixes: ['030591'] } }));
    expect(rows.filter(isRowError).map((r) => r.row)).toEqual([4, 5]);
  });

  it('a FDA_NDC_11 that contradicts the GTIN is a row error', async () => {
    const xml = `<m><catalogueItem><tradeItem><gtin>00305910369019</gtin>
      <additionalTradeItemIdentification additionalTradeItemIdentificationTypeCode="FDA_NDC_11">00591036902</additionalTradeItemIdentification>
      </tradeItem></catalogueItem></m>`;
    const [row] = await collect(parseGdsn(xml, { ctx }));
    expect(row).toMatchObject({
      row: 1,
      errors: [{ path: 'ndc', message: expect.stringMatching(/does not match/) }, {}, {}],
    });
  });

  it('streams: a trade item arrives before the rest of a large document is read', async () => {
    let chunksRead = 0;
    const TOTAL = 2_000;
    async function* hugeDocument() {
      yield '<m>';
      for (let i = 0; i < TOTAL; i++) {
        chunksRead++;
        yield '<catalogueItem><tradeItem><gtin>00305910369019</gtin><targetMarket><targetMarketCountryCode>840</targetMarketCountryCode></targetMarket><brandName>Acme</brandName></tradeItem></catalogueItem>';
      }
      yield '</m>';
    }
    let count = 0;
    for await (const row of parseGdsn(hugeDocument(), { ctx })) {
      if (count === 0) expect(chunksRead).toBeLessThan(5);
      expect(isRowError(row)).toBe(false);
      count++;
    }
    expect(count).toBe(TOTAL);
  });

  it('rejects a DOCTYPE and malformed XML as whole-document errors', async () => {
    const doctype =
      '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "http://evil.example/x">]><m><tradeItem><gtin>&x;</gtin></tradeItem></m>';
    await expect(collect(parseGdsn(doctype, { ctx }))).rejects.toMatchObject({ code: 'doctype' });
    const broken = '<m>\n<tradeItem><gtin>00305910369019</gtin></tradeItem>\n<tradeItem><gtin>1</tradeItem></m>';
    const error = await collect(parseGdsn(broken, { ctx })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XmlInputError);
    expect(error).toMatchObject({ code: 'malformed', line: 3 });
  });
});

describe('parseGdsn: documents of another kind', () => {
  it('refuses an EPCIS document at its root, before reading any event', async () => {
    const epcis = readFileSync(new URL('../test/fixtures/ingest/epcis.xml', import.meta.url), 'utf8');
    await expect(collect(parseGdsn(epcis, { ctx }))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      looksLike: 'an EPCIS document',
      sendTo: { target: 'serials' },
    });
  });

  it('refuses a document of unknown root holding no trade item', async () => {
    await expect(collect(parseGdsn('<order><line>1</line></order>', { ctx }))).rejects.toMatchObject({
      code: 'no_records',
      message: expect.stringMatching(/no <tradeItem>/),
    });
  });
});
