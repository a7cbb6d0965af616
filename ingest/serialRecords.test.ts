import { describe, expect, it } from 'vitest';
import { applyEvent } from '../domain/serials/apply.js';
import { isRowError } from './rows.js';
import { SERIAL_CSV_COLUMNS } from './recordFormats.js';
import { parseSerialCsv, parseSerialJson } from './serialRecords.js';
import { collect } from '../test/helpers/asyncRows.js';
import { SERIAL_JSON_RECORD } from '../test/helpers/serialRecord.js';

const now = new Date('2025-06-01T00:00:00Z');
const HEADER = SERIAL_CSV_COLUMNS.join(',');
const CSV = [
  HEADER,
  ',00305910369019,SER1,LOT42,270100,commissioned,false,false,false,false,,,2025-01-10T09:00:00-05:00',
  'ev-2,00305910369019,"SER,2",LOT42,270131,commissioned,TRUE,false,false,true,280131,"RC-1",2025-01-10T09:00:00Z',
  'ev-3,00305910369018,SER3,LOT42,271331,lost,maybe,false,false,true,,,2025-01-10',
  'ev-4,00305910369019,SER4,LOT42,270131,destroyed',
].join('\n');

describe('parseSerialCsv', async () => {
  const rows = await collect(parseSerialCsv(CSV, { now }));

  it('reads a full-state row; day 00 resolves to the month end; id defaults to a hash', () => {
    expect(rows[0]).toEqual({
      row: 1,
      event: {
        eventId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        kind: 'object',
        affectsState: true,
        fullState: true,
        gtin: '00305910369019',
        serial: 'SER1',
        lot: 'LOT42',
        expiry: '270100',
        expiryDate: '2027-01-31',
        extendedExpiry: null,
        extendedExpiryDate: null,
        status: 'commissioned',
        flags: { recalled: false, suspect: false, illegitimate: false, expirationExtended: false },
        reasonCode: null,
        eventTime: '2025-01-10T14:00:00.000Z',
      },
    });
  });

  it('reads quoted fields, flags and an extended expiry', () => {
    expect(rows[1]).toMatchObject({
      row: 2,
      event: {
        eventId: 'ev-2',
        serial: 'SER,2',
        flags: { recalled: true, expirationExtended: true },
        extendedExpiry: '280131',
        extendedExpiryDate: '2028-01-31',
        reasonCode: 'RC-1',
      },
    });
  });

  it('reports every bad field of a row, and a short row, without stopping', () => {
    const bad = rows[2];
    expect(bad && isRowError(bad) && bad.errors.map((e) => e.path).sort()).toEqual(['recalled', 'status']);
    expect(rows[3]).toEqual({
      row: 4,
      errors: [{ path: '(row)', message: 'expected 13 fields as in the header, got 6' }],
    });
  });

  it('reports identifier and date errors after the shape is right', async () => {
    const csv = `${HEADER}\nev-3,00305910369018,SER3,LOT42,271331,commissioned,,,,true,,,2025-01-10\n`;
    const [row] = await collect(parseSerialCsv(csv, { now }));
    expect(row && isRowError(row) && row.errors.map((e) => e.path)).toEqual([
      'gtin',
      'expiry',
      'extendedExpiry',
      'eventTime',
    ]);
  });

  it('the same row gives the same id, so a repeated upload changes nothing', async () => {
    const again = await collect(parseSerialCsv(CSV, { now }));
    expect(again[0]).toEqual(rows[0]);
    const first = rows[0];
    if (first === undefined || isRowError(first)) throw new Error('row 1 should parse');
    const state = applyEvent(undefined, first.event);
    expect(applyEvent(state, first.event)).toBe(state);
  });
});

describe('parseSerialJson', () => {
  it('reads the same objects with JSON booleans; the hash id equals the CSV one', async () => {
    const body = JSON.stringify([
      {
        gtin: '00305910369019',
        serial: 'SER1',
        lot: 'LOT42',
        expiry: '270100',
        status: 'commissioned',
        recalled: false,
        eventTime: '2025-01-10T09:00:00-05:00',
      },
      {
        gtin: '00305910369019',
        serial: 'SER9',
        lot: 'LOT42',
        expiry: '270131',
        status: 'commissioned',
        expirationExtended: true,
        eventTime: '2025-01-10T09:00:00Z',
      },
    ]);
    const [json, bad] = await collect(parseSerialJson(body, { now }));
    const [csv] = await collect(parseSerialCsv(CSV, { now }));
    expect(json).toEqual(csv);
    expect(bad).toEqual({
      row: 2,
      gtin: '00305910369019',
      serial: 'SER9',
      errors: [{ path: 'extendedExpiry', message: 'required when expirationExtended is true' }],
    });
  });
});

describe('serial uploads: names and kinds', () => {
  it('refuse unknown columns and fields, naming them', async () => {
    await expect(collect(parseSerialCsv(`${HEADER},colour\n`, { now }))).rejects.toMatchObject({
      name: 'UnknownNamesError',
      unknown: [{ name: 'colour' }],
    });
    const json = JSON.stringify([{ ...SERIAL_JSON_RECORD, sn: 'x' }]);
    await expect(collect(parseSerialJson(json, { now }))).rejects.toMatchObject({
      name: 'UnknownNamesError',
      row: 1,
      unknown: [{ name: 'sn' }],
    });
  });

  it('refuse a product CSV or product JSON as a document of the other kind', async () => {
    const csv = 'gtin,brandName,netContentValue,netContentUnit,targetMarkets\n00305910369019,Acme,100,EA,840\n';
    await expect(collect(parseSerialCsv(csv, { now }))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      looksLike: 'a product master-data CSV',
      sendTo: { target: 'master-data' },
    });
    const json = JSON.stringify([{ gtin: '00305910369019', brandName: 'Acme', targetMarkets: ['840'] }]);
    await expect(collect(parseSerialJson(json, { now }))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      sendTo: { target: 'master-data' },
    });
  });
});
