import { describe, expect, test } from 'vitest';
import { isDatabaseUnavailable } from '../db/errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

// What pg, pg-pool and Node throw when PostgreSQL cannot be reached, against what a reachable
// database answers to a bad statement (those stay 4xx/500 decisions of their own).
const cases: [string, unknown, boolean][] = [
  ['connection refused (server down)', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
  ['connection reset', withCode('ECONNRESET'), true],
  [
    'happy-eyeballs: every address refused',
    new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
    true,
  ],
  ['57P01 admin shutdown', withCode('57P01', 'terminating connection due to administrator command'), true],
  ['57P03 cannot connect now (starting up)', withCode('57P03', 'the database system is starting up'), true],
  ['08006 connection failure', withCode('08006'), true],
  ['53300 too many connections', withCode('53300'), true],
  ['pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
  ['socket closed under a query', new Error('Connection terminated unexpectedly'), true],
  ['wrapped in a cause', new Error('query failed', { cause: withCode('ECONNREFUSED') }), true],
  ['unique violation', withCode('23505'), false],
  ['undefined table', withCode('42P01'), false],
  ['bad input', withCode('22P02'), false],
  ['a plain bug', new TypeError('x is undefined'), false],
  ['not an error', 'ECONNREFUSED', false],
  ['null', null, false],
];

describe('isDatabaseUnavailable', () => {
  test.each(cases)('%s', (_name, error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});
