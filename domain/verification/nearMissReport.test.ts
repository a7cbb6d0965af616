import { describe, expect, test } from 'vitest';
import { nearMissCsv, summarizeNearMisses, type NearMissGroup } from './nearMissReport.js';

const at = new Date('2026-11-20T10:00:00.000Z');
const group = (o: Partial<NearMissGroup>): NearMissGroup => ({
  kind: 'lot_format',
  gtin: '00312345678906',
  requestorGLN: '0321012345676',
  requestorCompany: 'Pharmacy, "North"',
  count: 1,
  lastSeen: at,
  ...o,
});

describe('summarizeNearMisses', () => {
  test('no near misses: every kind listed at zero', () => {
    const report = summarizeNearMisses([], []);
    expect(report.total).toBe(0);
    expect(report.byKind.map((k) => k.count)).toEqual([0, 0, 0, 0, 0, 0]);
    expect([report.byGtin, report.byRequestor, report.examples]).toEqual([[], [], []]);
  });

  test('groups add up per kind, GTIN and requestor, largest first; a peer has no company', () => {
    const report = summarizeNearMisses(
      [
        group({ count: 5 }),
        group({ kind: 'serial_format', count: 2 }),
        group({
          kind: 'serial_format',
          gtin: '00361414567894',
          requestorGLN: '0860000000017',
          requestorCompany: null,
          count: 4,
        }),
      ],
      [],
    );
    expect(report.total).toBe(11);
    expect(report.byKind.filter((k) => k.count > 0)).toEqual([
      { kind: 'lot_format', count: 5 },
      { kind: 'serial_format', count: 6 },
    ]);
    expect(report.byGtin).toEqual([
      { gtin: '00312345678906', count: 7, kinds: { lot_format: 5, serial_format: 2 } },
      { gtin: '00361414567894', count: 4, kinds: { serial_format: 4 } },
    ]);
    expect(report.byRequestor.map((r) => [r.requestorGLN, r.requestorCompany, r.count])).toEqual([
      ['0321012345676', 'Pharmacy, "North"', 7],
      ['0860000000017', null, 4],
    ]);
  });
});

test('nearMissCsv: the header, RFC 4180 quoting, empty cells for a peer', () => {
  expect(nearMissCsv([group({}), group({ requestorGLN: null, requestorCompany: null })]).split('\r\n')).toEqual([
    'kind,gtin,requestorGLN,requestorCompany,count,lastSeen',
    'lot_format,00312345678906,0321012345676,"Pharmacy, ""North""",1,2026-11-20T10:00:00.000Z',
    'lot_format,00312345678906,,,1,2026-11-20T10:00:00.000Z',
    '',
  ]);
});
