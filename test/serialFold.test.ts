import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertCompany } from '../db/repositories/companies.js';
import { foldEvents } from '../domain/serials/apply.js';
import type { SerialEvent } from '../domain/serials/event.js';
import { SERIAL_STATUSES, type SerialState } from '../domain/serials/state.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { backfillDirect, readNetworkStates, storeEvents, transfer } from './helpers/serials.js';

// Few instants and mixed-case ids, so ties on time are common and broken by id in byte order.
const instant = fc.integer({ min: 0, max: 3 }).map((h) => new Date(Date.UTC(2026, 0, 1, h)).toISOString());
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const eventArb = fc.record({
  serial: fc.constantFrom('S1', 'S2', 'S3'),
  id: fc.constantFrom('a', 'B', 'c', 'D'),
  eventTime: instant,
  fullState: fc.boolean(),
  affectsState: fc.boolean(),
  status: fc.option(fc.constantFrom(...SERIAL_STATUSES)),
  lot: fc.option(fc.constantFrom('L1', 'L2')),
  flags: fc.record({
    recalled: maybe(fc.boolean()),
    suspect: maybe(fc.boolean()),
    illegitimate: maybe(fc.boolean()),
    expirationExtended: maybe(fc.boolean()),
  }),
  extended: fc.option(fc.constantFrom('281231', '291231')),
  reasonCode: fc.option(fc.constantFrom('R1', 'R2')),
});

type EventFields = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(fields: EventFields[]): SerialEvent[] {
  return fields.map((f, i) => {
    const full = f.fullState && f.affectsState;
    const flags = Object.fromEntries(Object.entries(f.flags).filter(([, v]) => v !== undefined));
    return {
      eventId: `${f.id}${i}`,
      kind: f.affectsState ? 'object' : 'aggregation',
      affectsState: f.affectsState,
      fullState: full,
      gtin: '00305910369019',
      serial: f.serial,
      eventTime: f.eventTime,
      reasonCode: f.reasonCode,
      status: full ? (f.status ?? 'commissioned') : f.status,
      lot: full ? (f.lot ?? 'L1') : f.lot,
      expiry: full || f.lot ? '270100' : null,
      expiryDate: full || f.lot ? '2027-01-31' : null,
      flags,
      extendedExpiry: f.extended,
      extendedExpiryDate: f.extended === null ? null : `20${f.extended.slice(0, 2)}-12-31`,
    };
  });
}

const expected = (events: SerialEvent[]) => {
  const out = new Map<string, SerialState>();
  for (const serial of new Set(events.map((e) => e.serial))) {
    const state = foldEvents(events.filter((e) => e.serial === serial));
    if (state) out.set(`${state.gtin}/${state.serial}`, state);
  }
  return out;
};

describe('serial states in SQL equal domain foldEvents', () => {
  let ctx: TestDatabase;
  let companyId: string;
  beforeAll(async () => {
    ctx = await createTestDatabase();
    companyId = (await insertCompany(ctx.db, { name: 'Fold Pharma', gln: '0614141000005', roles: ['producer'] })).id;
  });
  afterAll(() => ctx.drop());

  const reset = async () => {
    await ctx.db.deleteFrom('network_serials').execute();
    await ctx.db.deleteFrom('source_serial_events').execute();
  };

  test('incremental: events uploaded in two parts, in any order, applied one part at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 12 }).map(toEvents),
        fc.nat(12),
        async (events, cut) => {
          await reset();
          for (const part of [events.slice(cut), events.slice(0, cut)]) {
            const { seqs } = await storeEvents(ctx.db, companyId, part);
            if (seqs.length > 0) await transfer(ctx.db, { kind: 'events', companyId, seqRanges: seqs });
          }
          expect(await readNetworkStates(ctx.db, companyId)).toEqual(expected(events));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('backfill: loads in batches of two serials give the same states, and a second backfill changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 12 }).map(toEvents), async (events) => {
        await reset();
        await storeEvents(ctx.db, companyId, events);
        for (let run = 0; run < 2; run++) await backfillDirect(ctx.db, companyId, 2);
        expect(await readNetworkStates(ctx.db, companyId)).toEqual(expected(events));
      }),
      { numRuns: 40 },
    );
  });
});
