import { describe, expect, test } from 'vitest';
import { parseDirectoryCsv, parseDirectoryJson } from './directoryRecords.js';
import { collect } from '../test/helpers/asyncRows.js';

describe('directory records', () => {
  test('CSV: columns by header name, rows numbered without the header, bad check digits named by column', async () => {
    const csv = [
      'responderGLN,gtin,validTo',
      '0614141000005,00361414567894,',
      '0614141000006,00361414567894,2027-01-01',
      '0614141000005,00361414567895,',
      '0614141000005',
    ].join('\n');
    const rows = await collect(parseDirectoryCsv(csv));
    expect(
      rows.map((r) =>
        'errors' in r ? { row: r.row, paths: r.errors.map((e) => e.path) } : { row: r.row, gtin: r.record.gtin },
      ),
    ).toEqual([
      { row: 1, gtin: '00361414567894' },
      { row: 2, paths: ['responderGLN'] },
      { row: 3, paths: ['gtin'] },
      { row: 4, paths: ['(row)'] },
    ]);
  });

  test('JSON: rows are array index + 1', async () => {
    const rows = await collect(
      parseDirectoryJson(
        JSON.stringify([
          { gtin: '00361414567894', responderGLN: '0614141000005' },
          { gtin: 361414567894, responderGLN: '0614141000005' },
        ]),
      ),
    );
    expect(rows[0]).toMatchObject({ row: 1, record: { gtin: '00361414567894' } });
    expect(rows[1]).toMatchObject({ row: 2, errors: [{ path: 'gtin' }] });
  });
});
