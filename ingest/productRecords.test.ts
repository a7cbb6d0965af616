import { describe, expect, it } from 'vitest';
import { CsvInputError, CsvLimitError } from './csvError.js';
import { JsonInputError } from './jsonArray.js';
import { parseProductCsv, parseProductJson } from './productRecords.js';
import { SERIAL_CSV_COLUMNS } from './recordFormats.js';
import { UnknownNamesError } from './recordNames.js';
import { InputTooLargeError } from './source.js';
import { byteChunks, collect } from '../test/helpers/asyncRows.js';
import { SERIAL_JSON_RECORD } from '../test/helpers/serialRecord.js';

const ctx = { companyPrefixes: ['030591'] };

const CSV = [
  'gtin,ndc,brandName,functionalName,regulatedProductName,dosageForm,strength,netContentValue,netContentUnit,tradeItemUnitDescriptor,targetMarkets,ownerGln',
  '00305910369019,0591-0369-01,"Acme, ""Extra"" Strength","Tablets',
  'film-coated",,TABLET,500 mg,100,EA,BASE_UNIT_OR_EACH,840;630,0614141000012',
  '00305910369018,,Bad check digit,,,,,,,,840,',
  '',
  '00305910370015,,Short row',
  '305910370015,,Acme,,,,,,,,016; 840 ,',
].join('\r\n');

describe('parseProductCsv', () => {
  it('reads quoted fields, embedded newlines and ; lists; bad rows do not stop good ones', async () => {
    const rows = await collect(parseProductCsv(CSV, { ctx }));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[0]).toEqual({
      row: 1,
      product: {
        gtin: '00305910369019',
        ndc: '0591-0369-01',
        ndc11: '00591036901',
        brandName: 'Acme, "Extra" Strength',
        functionalName: 'Tablets\r\nfilm-coated',
        regulatedProductName: null,
        dosageForm: 'TABLET',
        strength: '500 mg',
        netContent: { value: 100, unit: 'EA' },
        tradeItemUnitDescriptor: 'BASE_UNIT_OR_EACH',
        targetMarkets: ['840', '630'],
        ownerGln: '0614141000012',
      },
    });
    // The GTIN as written names the rejected row in errors.csv.
    expect(rows[1]).toEqual({
      row: 2,
      gtin: '00305910369018',
      errors: [{ path: 'gtin', message: 'GTIN-14 check digit should be 9' }],
    });
    expect(rows[2]).toEqual({
      row: 3,
      errors: [{ path: '(row)', message: 'expected 12 fields as in the header, got 3' }],
    });
    expect(rows[3]).toMatchObject({
      row: 4,
      product: { gtin: '00305910370015', targetMarkets: ['016', '840'], netContent: null },
    });
  });

  it('reads byte chunks with a BOM and columns in any order', async () => {
    const csv = '\uFEFFtargetMarkets,gtin,brandName\n840,00305910369019,Acme\n';
    const rows = await collect(parseProductCsv(byteChunks(csv, 4), { ctx }));
    expect(rows).toMatchObject([{ row: 1, product: { gtin: '00305910369019', targetMarkets: ['840'] } }]);
  });

  it('names the missing half of a net content by its column, with the other mistakes of the row', async () => {
    const [row] = await collect(parseProductCsv('gtin,netContentValue\n00305910369019,12\n', { ctx }));
    expect(row).toMatchObject({
      errors: [{ path: 'netContentUnit' }, { path: 'targetMarkets' }, { path: 'brandName' }],
    });
  });

  it.each([
    ['no gtin column', 'brandName\nx\n', /lacks column\(s\) gtin/],
    ['a repeated column', 'gtin,gtin\n1,2\n', /repeats column "gtin"/],
    ['an empty file', '', /header row is required/],
    ['an unterminated quote', 'gtin,brandName\n00305910369019,"open\n', /malformed CSV: Quote Not Closed/],
    ['a ;-separated file', 'gtin;brandName\n00305910369019;Acme\n', /separated by ";", not ",".*\(line 1\)$/],
  ])('refuses %s as a file error', async (_name, csv, message) => {
    const error = await collect(parseProductCsv(csv, { ctx })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvInputError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('parseProductCsv: names, kinds and required fields', () => {
  it('refuses unknown columns, naming them', async () => {
    const error = await collect(
      parseProductCsv('gtin,brandName,netContent,targetMarket,colour\n00305910369019,A,1,840,red\n', { ctx }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownNamesError);
    expect((error as UnknownNamesError).unknown.map((u) => u.name)).toEqual(['netContent', 'targetMarket', 'colour']);
  });

  it('refuses a serial CSV as a document of the other kind', async () => {
    const csv = `${SERIAL_CSV_COLUMNS.join(',')}\n,00305910369019,S1,L1,270131,commissioned,false,false,false,false,,,2025-01-10T09:00:00Z\n`;
    const error = await collect(parseProductCsv(csv, { ctx })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'WrongDocumentError',
      looksLike: 'a serial-event CSV',
      sendTo: { target: 'serials' },
    });
  });

  it('accepts a master-data download as an upload', async () => {
    const csv =
      'gtin,brandName,targetMarkets,producerGln,syncedAt\n00305910369019,Acme,840,0614141000012,2026-01-01T00:00:00.000Z\n';
    expect(await collect(parseProductCsv(csv, { ctx }))).toMatchObject([
      { row: 1, product: { gtin: '00305910369019' } },
    ]);
  });

  it('rejects rows without a target market or a name, and keeps the others', async () => {
    const csv = 'gtin,brandName,targetMarkets\n00305910369019,,\n00305910369019,Acme,840\n';
    expect(await collect(parseProductCsv(csv, { ctx }))).toMatchObject([
      { row: 1, errors: [{ path: 'targetMarkets' }, { path: 'brandName' }] },
      { row: 2, product: { gtin: '00305910369019' } },
    ]);
  });

  it('passes errors of the source on unchanged: a size limit is not "malformed CSV"', async () => {
    async function* tooLarge() {
      yield 'gtin,brandName,targetMarkets\n';
      throw new InputTooLargeError(1024);
    }
    await expect(collect(parseProductCsv(tooLarge(), { ctx }))).rejects.toBeInstanceOf(InputTooLargeError);
  });

  it('refuses a header wider than the column limit', async () => {
    const error = await collect(
      parseProductCsv(`gtin${',x'.repeat(300)}\n`, { ctx, csvLimits: { maxColumns: 256, maxFieldChars: 1024 } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvLimitError);
  });
});

describe('parseProductJson', () => {
  it('refuses unknown fields and serial records', async () => {
    const unknown = JSON.stringify([
      { gtin: '00305910369019', brandName: 'A', targetMarkets: ['840'] },
      { gtin: '00305910369019', colour: 'red' },
    ]);
    await expect(collect(parseProductJson(unknown, { ctx }))).rejects.toMatchObject({
      name: 'UnknownNamesError',
      row: 2,
      unknown: [{ name: 'colour' }],
    });
    const serial = JSON.stringify([SERIAL_JSON_RECORD]);
    await expect(collect(parseProductJson(serial, { ctx }))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      sendTo: { target: 'serials' },
    });
  });

  it('validates each element; rows are index + 1', async () => {
    const body = JSON.stringify([
      { gtin: '00305910369019', brandName: 'Acme', netContent: { value: 30, unit: 'EA' }, targetMarkets: ['840'] },
      { gtin: 305910369019 },
      'not an object',
    ]);
    const rows = await collect(parseProductJson(body, { ctx }));
    expect(rows[0]).toMatchObject({
      row: 1,
      product: { gtin: '00305910369019', netContent: { value: 30, unit: 'EA' } },
    });
    expect(rows[1]).toMatchObject({
      row: 2,
      errors: [
        { path: 'gtin', message: 'GTIN must be a string of digits' },
        { path: 'targetMarkets' },
        { path: 'brandName' },
      ],
    });
    expect(rows[2]).toMatchObject({ row: 3, errors: [{ path: '(record)' }] });
  });

  it('refuses malformed JSON, a non-array and a body over the limit', async () => {
    await expect(collect(parseProductJson('[{', { ctx }))).rejects.toBeInstanceOf(JsonInputError);
    await expect(collect(parseProductJson('{"gtin":"1"}', { ctx }))).rejects.toThrow(/expected a JSON array/);
    await expect(
      collect(parseProductJson(`[${'"x",'.repeat(100)}"x"]`, { ctx, jsonLimitBytes: 64 })),
    ).rejects.toBeInstanceOf(InputTooLargeError);
  });
});
