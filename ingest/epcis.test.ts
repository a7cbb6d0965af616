import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../domain/serials/apply.js';
import type { SerialEvent } from '../domain/serials/event.js';
import { parseEpcis } from './epcis.js';
import { isRowError, type SerialRow } from './rows.js';
import { collect } from '../test/helpers/asyncRows.js';

const FIXTURE = new URL('../test/fixtures/ingest/epcis.xml', import.meta.url);
const events = (rows: SerialRow[]): SerialEvent[] => rows.flatMap((r) => (isRowError(r) ? [] : [r.event]));
const wrap = (body: string) =>
  `<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:cbvmda="urn:epcglobal:cbv:mda"><EPCISBody><EventList>${body}</EventList></EPCISBody></epcis:EPCISDocument>`;

describe('parseEpcis', async () => {
  const rows = await collect(parseEpcis(createReadStream(FIXTURE, { highWaterMark: 64 })));
  const byRow = (row: number) =>
    events(rows).filter((r) => rows.some((x) => x.row === row && !isRowError(x) && x.event === r));

  it('numbers rows by event; one serial event per pack EPC', () => {
    expect(rows.map((r) => r.row)).toEqual([1, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
  });

  it('commissioning: lot and expiry from ILMD, time to UTC, id per EPC', () => {
    expect(byRow(1)).toEqual([
      expect.objectContaining({
        eventId: 'urn:uuid:7f1c2a9e-0000-4000-8000-000000000001#urn:epc:id:sgtin:0305910.036901.SER1',
        kind: 'object',
        affectsState: true,
        gtin: '00305910369019',
        serial: 'SER1',
        status: 'commissioned',
        lot: 'LOT42',
        expiry: '270131',
        expiryDate: '2027-01-31',
        eventTime: '2025-01-10T14:00:00.000Z',
      }),
      expect.objectContaining({ serial: 'SER/2', status: 'commissioned' }),
    ]);
  });

  it('decommission, destroy and recall', () => {
    expect(byRow(2)[0]).toMatchObject({
      status: 'decommissioned',
      lot: null,
      eventId: expect.stringMatching(/^sha256:[0-9a-f]{64}#urn:epc/),
    });
    // No offset on the time itself: eventTimeZoneOffset +01:00 applies.
    expect(byRow(3)[0]).toMatchObject({ serial: 'SER/2', status: 'destroyed', eventTime: '2025-02-02T09:00:00.000Z' });
    expect(byRow(4)[0]).toMatchObject({
      eventId: 'recall-1#urn:epc:id:sgtin:0305910.036901.SER3',
      status: null,
      flags: { recalled: true },
    });
  });

  it('aggregation and transaction events are kept but never affect state; SSCC parents are skipped', () => {
    expect(byRow(5).map((e) => [e.kind, e.serial, e.affectsState])).toEqual([
      ['aggregation', 'SER1', false],
      ['aggregation', 'SER3', false],
    ]);
    expect(byRow(8)[0]).toMatchObject({ kind: 'transaction', affectsState: false });
    expect(byRow(9)[0]).toMatchObject({ kind: 'object', affectsState: false, status: null });
  });

  it('bad events are row errors and the rest continue', () => {
    expect(rows.filter(isRowError)).toEqual([
      { row: 6, errors: [{ path: 'epcList.0', message: expect.stringMatching(/bad SGTIN .*digits only/) }] },
      { row: 7, errors: [{ path: 'ilmd.itemExpirationDate', message: '"2027-02-30" is not a calendar date' }] },
    ]);
  });

  it('ids are stable across uploads, so a repeated upload is a replay', async () => {
    const again = await collect(parseEpcis(readFileSync(FIXTURE, 'utf8')));
    expect(events(again).map((e) => e.eventId)).toEqual(events(rows).map((e) => e.eventId));
  });

  it('the events fold to the expected states', () => {
    const of = (serial: string) => foldEvents(events(rows).filter((e) => e.serial === serial));
    expect(of('SER1')).toMatchObject({ status: 'decommissioned', lot: 'LOT42', expiry: '270131' });
    expect(of('SER/2')).toMatchObject({ status: 'destroyed', lot: 'LOT42' });
    // Recalled but never commissioned in this file: nothing to keep yet.
    expect(of('SER3')).toBeUndefined();
  });

  it('reads EPCIS 2.0 style: eventID and ilmd on the event, CBV web URIs', async () => {
    const xml = wrap(`<ObjectEvent><eventID>ni:///sha-256;abc</eventID><eventTime>2025-01-10T09:00:00Z</eventTime>
      <epcList><epc>urn:epc:id:sgtin:0305910.036901.A1</epc></epcList><action>ADD</action>
      <bizStep>https://ref.gs1.org/cbv/BizStep-commissioning</bizStep><disposition>https://ref.gs1.org/cbv/Disp-active</disposition>
      <ilmd><cbvmda:lotNumber>L1</cbvmda:lotNumber><cbvmda:itemExpirationDate>2026-12-31</cbvmda:itemExpirationDate></ilmd></ObjectEvent>`);
    expect(events(await collect(parseEpcis(xml)))[0]).toMatchObject({
      eventId: 'ni:///sha-256;abc#urn:epc:id:sgtin:0305910.036901.A1',
      status: 'commissioned',
      lot: 'L1',
      expiry: '261231',
    });
  });

  it.each([
    [
      'a commissioning without ILMD',
      '<ObjectEvent><eventTime>2025-01-10T09:00:00Z</eventTime><epcList><epc>urn:epc:id:sgtin:0305910.036901.A1</epc></epcList><action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep></ObjectEvent>',
      ['ilmd.lotNumber', 'ilmd.itemExpirationDate'],
    ],
    [
      'a time without any offset',
      '<ObjectEvent><eventTime>2025-01-10T09:00:00</eventTime><epcList><epc>urn:epc:id:sgtin:0305910.036901.A1</epc></epcList><action>OBSERVE</action></ObjectEvent>',
      ['eventTime'],
    ],
    [
      'an object event without packs',
      '<ObjectEvent><eventTime>2025-01-10T09:00:00Z</eventTime><epcList><epc>urn:epc:id:sscc:0614141.1234567890</epc></epcList></ObjectEvent>',
      ['epcList'],
    ],
    [
      'a non-EPC',
      '<ObjectEvent><eventTime>2025-01-10T09:00:00Z</eventTime><epcList><epc>SER1</epc></epcList></ObjectEvent>',
      ['epcList.0'],
    ],
    [
      'a transformation event',
      '<extension><TransformationEvent><eventTime>2025-01-10T09:00:00Z</eventTime></TransformationEvent></extension>',
      ['TransformationEvent'],
    ],
  ])('reports %s', async (_name, body, paths) => {
    const [row] = await collect(parseEpcis(wrap(body)));
    expect(row && isRowError(row) && row.errors.map((e) => e.path)).toEqual(paths);
  });

  it('rejects a DOCTYPE', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${wrap('<ObjectEvent><eventTime>&b;</eventTime></ObjectEvent>')}`;
    await expect(collect(parseEpcis(xml))).rejects.toMatchObject({ code: 'doctype' });
  });
});

describe('parseEpcis: documents of another kind', () => {
  it('refuses a GDSN document at its root, before reading any item', async () => {
    const gdsn = readFileSync(new URL('../test/fixtures/ingest/gdsn-cin.xml', import.meta.url), 'utf8');
    await expect(collect(parseEpcis(gdsn))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      looksLike: 'a GDSN Catalogue Item Notification',
      sendTo: { target: 'master-data' },
    });
  });

  it('refuses a document of unknown root holding no event; an EPCIS document without events is empty, not wrong', async () => {
    await expect(collect(parseEpcis('<order><line>1</line></order>'))).rejects.toMatchObject({
      code: 'no_records',
      message: expect.stringMatching(/root element <order>.*expected an EPCIS document/),
    });
    expect(await collect(parseEpcis(wrap('')))).toEqual([]);
  });

  it('refuses JSON and CSV sent as XML, saying which they are', async () => {
    await expect(collect(parseEpcis('[{"gtin":"1"}]'))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      sendTo: { contentType: 'application/json' },
    });
    await expect(collect(parseEpcis('eventId,gtin,serial\n1,2,3\n'))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      sendTo: { contentType: 'text/csv' },
    });
  });
});
