import { describe, expect, test } from 'vitest';
import {
  compareInstants,
  formatPullPosition,
  nextPullPosition,
  parsePullPosition,
  partnerDirectoryUrl,
  pullPageUrl,
  START,
} from './pullPosition.js';

describe('pull position', () => {
  test.each([
    { name: 'nothing stored starts from the beginning', text: null, want: START },
    { name: 'garbage starts over', text: 'not json', want: START },
    {
      name: 'a stored position reads back',
      text: formatPullPosition({ since: '2026-01-01T00:00:00.000Z', cursor: 'abc', newest: null }),
      want: { since: '2026-01-01T00:00:00.000Z', cursor: 'abc', newest: null },
    },
  ])('$name', ({ text, want }) => expect(parsePullPosition(text)).toEqual(want));

  test.each([
    {
      name: 'a full page moves on to the next cursor and remembers the newest change',
      from: START,
      page: { nextCursor: 'c1', updatedAt: ['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z'] },
      want: { since: null, cursor: 'c1', newest: '2026-01-01T00:00:02.000Z' },
    },
    {
      name: 'the last page polls next from the newest change of the whole paging',
      from: { since: null, cursor: 'c1', newest: '2026-01-01T00:00:02.000Z' },
      page: { nextCursor: null, updatedAt: [] },
      want: { since: '2026-01-01T00:00:02.000Z', cursor: null, newest: null },
    },
    {
      name: 'an empty poll keeps its since',
      from: { since: '2026-01-01T00:00:02.000Z', cursor: null, newest: null },
      page: { nextCursor: null, updatedAt: [] },
      want: { since: '2026-01-01T00:00:02.000Z', cursor: null, newest: null },
    },
    {
      name: 'a since is never moved back by an older change',
      from: { since: '2026-01-02T00:00:00.000Z', cursor: null, newest: null },
      page: { nextCursor: null, updatedAt: ['2026-01-01T00:00:00.000Z'] },
      want: { since: '2026-01-02T00:00:00.000Z', cursor: null, newest: null },
    },
  ])('$name', ({ from, page, want }) => expect(nextPullPosition(from, page)).toEqual(want));

  test.each([
    { a: '2026-01-01T00:00:00.000001Z', b: '2026-01-01T00:00:00Z', sign: 1 },
    { a: '2026-01-01T00:00:00.123456Z', b: '2026-01-01T00:00:00.123457Z', sign: -1 },
    { a: '2026-01-01T01:00:00.5+01:00', b: '2026-01-01T00:00:00.500Z', sign: 0 },
  ])('instants compare to the microsecond: $a vs $b', ({ a, b, sign }) =>
    expect(Math.sign(compareInstants(a, b))).toBe(sign),
  );

  test('page URLs carry since, cursor and limit; the directory URL defaults under the base URL', () => {
    expect(
      pullPageUrl(
        'https://p.example/v1/lookup-directory',
        { since: '2026-01-01T00:00:00.000Z', cursor: 'c 1', newest: null },
        500,
      ),
    ).toBe('https://p.example/v1/lookup-directory?since=2026-01-01T00%3A00%3A00.000Z&cursor=c+1&limit=500');
    expect(partnerDirectoryUrl({ baseUrl: 'https://p.example/vrs/', directoryUrl: null })).toBe(
      'https://p.example/vrs/v1/lookup-directory',
    );
    expect(partnerDirectoryUrl({ baseUrl: 'https://p.example', directoryUrl: 'https://d.example/dir' })).toBe(
      'https://d.example/dir',
    );
  });
});
