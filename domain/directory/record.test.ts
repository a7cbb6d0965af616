import { describe, expect, test } from 'vitest';
import { winningRecord } from './precedence.js';
import { validateDirectoryRecord } from './record.js';

describe('directory record', () => {
  test.each([
    { name: 'minimal record', input: { gtin: '00361414567894', responderGLN: '0614141000005' }, errors: [] },
    { name: 'a 12-digit GTIN is padded', input: { gtin: '361414567894', responderGLN: '0614141000005' }, errors: [] },
    {
      name: 'bad GTIN check digit',
      input: { gtin: '00361414567895', responderGLN: '0614141000005' },
      errors: ['gtin'],
    },
    {
      name: 'bad GLN check digit',
      input: { gtin: '00361414567894', responderGLN: '0614141000006' },
      errors: ['responderGLN'],
    },
    { name: 'both bad', input: { gtin: '1', responderGLN: 'x' }, errors: ['gtin', 'responderGLN'] },
    { name: 'missing GLN', input: { gtin: '00361414567894' }, errors: ['responderGLN'] },
    {
      name: 'http URL',
      input: { gtin: '00361414567894', responderGLN: '0614141000005', verificationUrl: 'http://x.example' },
      errors: ['verificationUrl'],
    },
    {
      name: 'date without offset',
      input: { gtin: '00361414567894', responderGLN: '0614141000005', validFrom: '2026-01-01T00:00:00' },
      errors: ['validFrom'],
    },
    {
      name: 'end before start',
      input: { gtin: '00361414567894', responderGLN: '0614141000005', validFrom: '2026-02-01', validTo: '2026-01-01' },
      errors: ['validTo'],
    },
  ])('$name', ({ input, errors }) => {
    const result = validateDirectoryRecord(input);
    expect(result.ok ? [] : result.error.map((e) => e.path)).toEqual(errors);
  });

  test('fields are read as sent; empty optional fields are null', () => {
    const result = validateDirectoryRecord({
      gtin: '00361414567894',
      responderGLN: '0614141000005',
      verificationUrl: '',
      validFrom: '2026-01-01',
      validTo: '2026-06-01T12:00:00+02:00',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        gtin: '00361414567894',
        responderGln: '0614141000005',
        vrsName: null,
        verificationUrl: null,
        connectivityUrl: null,
        validFrom: new Date('2026-01-01T00:00:00Z'),
        validTo: new Date('2026-06-01T10:00:00Z'),
      },
    });
  });
});

describe('winning record', () => {
  const at = (iso: string) => new Date(iso);
  test.each([
    {
      name: 'local wins over a newer partner record',
      a: { source: 'p1', validFrom: at('2026-02-01'), updatedAt: at('2026-02-01') },
      b: { source: 'local', validFrom: at('2026-01-01'), updatedAt: at('2026-01-01') },
      want: 'local',
    },
    {
      name: 'between partners the later valid-from wins',
      a: { source: 'p1', validFrom: at('2026-02-01'), updatedAt: at('2026-01-01') },
      b: { source: 'p2', validFrom: at('2026-01-01'), updatedAt: at('2026-03-01') },
      want: 'p1',
    },
    {
      name: 'same valid-from: the later change wins',
      a: { source: 'p1', validFrom: at('2026-01-01'), updatedAt: at('2026-01-01') },
      b: { source: 'p2', validFrom: at('2026-01-01'), updatedAt: at('2026-03-01') },
      want: 'p2',
    },
    {
      name: 'a full tie picks the lower source either way round',
      a: { source: 'p2', validFrom: at('2026-01-01'), updatedAt: at('2026-01-01') },
      b: { source: 'p1', validFrom: at('2026-01-01'), updatedAt: at('2026-01-01') },
      want: 'p1',
    },
  ])('$name', ({ a, b, want }) => {
    expect(winningRecord(a, b).source).toBe(want);
    expect(winningRecord(b, a).source).toBe(want);
  });
});
